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

  @Test
  void aGrayFigureIsWrittenAsGrayAndAColouredOneAsRgb() throws Exception {
    BufferedImage img = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 60, 40);
    g.setColor(new Color(30, 30, 30));
    g.drawString("#12 a=3.4", 2, 20);
    g.setColor(new Color(200, 200, 200));
    g.fillRect(40, 5, 10, 10);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PngEncoder.write(img, out);
    byte[] png = out.toByteArray();
    assertThat(png[25]).as("IHDR colour type: gray").isEqualTo((byte) 0);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 60; x++) {
        // the gray sample is the pixel's common channel value (getRGB would apply Java's linear
        // gray colour space)
        assertThat(back.getRaster().getSample(x, y, 0))
            .as("pixel (%d, %d)", x, y)
            .isEqualTo(img.getRGB(x, y) & 0xff);
      }
    }
    img.setRGB(3, 3, 0x10ff20);
    out.reset();
    PngEncoder.write(img, out);
    assertThat(out.toByteArray()[25]).as("IHDR colour type: RGB").isEqualTo((byte) 2);
    assertSamePixels(img, ImageIO.read(new ByteArrayInputStream(out.toByteArray())));
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
        // a gray PNG comes back as a gray raster: its sample is the value written (getRGB would
        // put it through Java's linear gray colour space; viewers show it as (v, v, v))
        int found =
            actual.getType() == BufferedImage.TYPE_BYTE_GRAY
                ? actual.getRaster().getSample(x, y, 0) * 0x010101
                : actual.getRGB(x, y) & 0xffffff;
        assertThat(found).as("pixel (%d, %d)", x, y).isEqualTo(expected.getRGB(x, y) & 0xffffff);
      }
    }
  }
}
