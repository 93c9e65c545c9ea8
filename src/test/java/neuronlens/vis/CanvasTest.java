package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An image and its colorbar are written straight into an RGB raster, row by row; a picture of
 * another type goes through {@code setRGB} pixel by pixel. Both must give the same picture.
 */
class CanvasTest {
  @Test
  void theRasterPathDrawsWhatSetRgbDraws() {
    SplittableRandom rng = new SplittableRandom(4);
    float[] v = new float[2 * ImageOps.PIXELS];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    ColorScale s = ColorScale.symmetric(Colormap.DIVERGING, v);
    BufferedImage fast = new BufferedImage(400, 380, BufferedImage.TYPE_INT_RGB);
    BufferedImage plain = new BufferedImage(400, 380, BufferedImage.TYPE_3BYTE_BGR);
    for (BufferedImage img : new BufferedImage[] {fast, plain}) {
      Graphics2D g = Canvas.create(img);
      Canvas.pixels(img, v, ImageOps.PIXELS, 7, 9, 12, s);
      Canvas.pixels(img, v, 0, 350, 300, 1, s);
      Canvas.colorbar(g, img, 345, 9, 16, 336, s);
      g.dispose();
    }
    for (int y = 0; y < fast.getHeight(); y++) {
      for (int x = 0; x < fast.getWidth(); x++) {
        assertThat(fast.getRGB(x, y)).as("pixel (%d, %d)", x, y).isEqualTo(plain.getRGB(x, y));
      }
    }
  }
}
