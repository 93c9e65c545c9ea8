package neuronlens.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import neuronlens.AtomicFiles;
import neuronlens.BadOptionException;

/**
 * An output directory that neuronlens owns. A marker file records that it is ours, so that a
 * directory holding someone else's files is never written over without {@code --force}.
 */
final class Outputs {
  static final String MARKER = ".neuronlens";

  private Outputs() {}

  /**
   * Makes {@code dir} ready: creates it, or accepts it when it is empty, ours, or {@code force};
   * otherwise refuses, naming the file that would be overwritten.
   */
  static Path prepare(Path dir, boolean force, String... names) {
    Path marker = dir.resolve(MARKER);
    if (Files.isDirectory(dir) && !Files.exists(marker) && !force) {
      for (String name : names) {
        if (Files.exists(dir.resolve(name))) {
          throw new BadOptionException("--out " + dir + ": " + dir.resolve(name)
              + " exists and was not written by neuronlens; expected a new or neuronlens"
              + " directory, pass --force to overwrite");
        }
      }
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadOptionException("--out " + dir + ": expected a directory, found a file");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new neuronlens.OutputException("--out " + dir + ": cannot create the directory: "
          + neuronlens.IoErrors.reason(e), e);
    }
    if (!Files.exists(marker)) {
      AtomicFiles.writeString(marker, "This directory holds neuronlens outputs.\n");
    }
    return dir;
  }
}
