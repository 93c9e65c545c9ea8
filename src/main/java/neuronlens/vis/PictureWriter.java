package neuronlens.vis;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import neuronlens.AtomicFiles;

/** Writes pictures as PNG files ({@link PngEncoder}), atomically. */
public final class PictureWriter {
  private PictureWriter() {}

  /** Writes {@code img} to {@code file} as PNG. */
  public static void png(Path file, BufferedImage img) {
    AtomicFiles.write(file, out -> PngEncoder.write(img, out));
  }
}
