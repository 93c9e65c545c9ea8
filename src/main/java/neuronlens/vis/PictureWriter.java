package neuronlens.vis;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import neuronlens.AtomicFiles;

/** Writes pictures as PNG files, atomically. */
public final class PictureWriter {
  private PictureWriter() {}

  /** Writes {@code img} to {@code file} as PNG. */
  public static void png(Path file, BufferedImage img) {
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(img, "png", out)) {
        throw new java.io.IOException("no PNG writer in this JDK");
      }
    });
  }
}
