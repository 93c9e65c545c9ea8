package neuronlens.vis;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import neuronlens.AtomicFiles;

/**
 * Writes pictures as PNG files, atomically, with fast deflate: the JDK's default level 9 spends
 * most of the time of writing hundreds of small figures for a few percent of size.
 */
public final class PictureWriter {
  /** Compression quality 0.8 is deflate level 1 in the JDK's PNG writer. */
  private static final float QUALITY = 0.8f;

  private PictureWriter() {}

  /** Writes {@code img} to {@code file} as PNG. */
  public static void png(Path file, BufferedImage img) {
    AtomicFiles.write(file, out -> {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
      try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(ios);
        ImageWriteParam p = writer.getDefaultWriteParam();
        if (p.canWriteCompressed()) {
          p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
          p.setCompressionQuality(QUALITY);
        }
        writer.write(null, new IIOImage(img, null, null), p);
      } catch (IOException e) {
        throw e;
      } finally {
        writer.dispose();
      }
    });
  }
}
