package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Our PNGs decode, through the JDK's independent reader, to exactly the pixels encoded. */
class PngEncoderBytesTest {
  @Test
  void rgbAndGrayRoundTripThroughImageIo() throws Exception {
    SplittableRandom rng = new SplittableRandom(3);
    for (boolean gray : new boolean[] {false, true}) {
      int[] px = new int[28 * 28];
      for (int i = 0; i < px.length; i++) {
        int g = rng.nextInt(256);
        px[i] = gray ? g << 16 | g << 8 | g : rng.nextInt(1 << 24);
      }
      BufferedImage img =
          ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(28, 28, px, gray)));
      assertThat(img.getWidth()).isEqualTo(28);
      assertThat(img.getHeight()).isEqualTo(28);
      for (int i = 0; i < px.length; i++) {
        // getRGB would convert gray through a linear colour space; the raster has the samples
        int found =
            gray
                ? img.getRaster().getSample(i % 28, i / 28, 0) * 0x010101
                : img.getRGB(i % 28, i / 28) & 0xffffff;
        assertThat(found).as("pixel %d, gray %s", i, gray).isEqualTo(px[i]);
      }
    }
  }
}
