package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Our PNG files read back, pixel for pixel, through the JDK's independent PNG reader. */
class PngEncoderTest {

  @Test
  void randomPixelsRoundTripThroughImageIo() throws Exception {
    SplittableRandom rng = new SplittableRandom(5);
    BufferedImage img = new BufferedImage(37, 23, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, rng.nextInt(1 << 24));
      }
    }
    assertSamePixels(img, roundTrip(img));
  }

  @Test
  void drawnFigureAndOtherImageTypesRoundTrip() throws Exception {
    BufferedImage argb = new BufferedImage(120, 80, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = argb.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 120, 80);
    g.setColor(new Color(200, 30, 40));
    g.drawString("neuron 2", 10, 40);
    g.fillOval(60, 10, 40, 40);
    g.dispose();
    assertSamePixels(argb, roundTrip(argb));
    BufferedImage gray = new BufferedImage(9, 9, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSample(4, 4, 0, 200);
    assertSamePixels(gray, roundTrip(gray));
  }

  private static BufferedImage roundTrip(BufferedImage img) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PngEncoder.write(img, out);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back).as("ImageIO reads our PNG").isNotNull();
    return back;
  }

  private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
    assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
    assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        assertThat(actual.getRGB(x, y) & 0xffffff)
            .as("pixel (%d, %d)", x, y)
            .isEqualTo(expected.getRGB(x, y) & 0xffffff);
      }
    }
  }
}
