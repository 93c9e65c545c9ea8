package neuronlens.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import neuronlens.AtomicFiles;
import neuronlens.BadOptionException;
import neuronlens.IoErrors;
import neuronlens.OutputException;

/**
 * An output directory that neuronlens owns. A marker file records that it is ours, so that a
 * directory holding someone else's files is never written over without {@code --force}.
 */
final class Outputs {
  static final String MARKER = ".neuronlens";

  private Outputs() {}

  /**
   * Makes {@code dir} ready: creates it, or accepts it when it is ours, {@code force}, or holds
   * none of {@code names}; otherwise refuses, naming the file that would be overwritten. Without
   * {@code names} every file in {@code dir} may be written, so any file there is in the way.
   */
  static Path prepare(Path dir, boolean force, String... names) {
    Path marker = dir.resolve(MARKER);
    if (Files.isDirectory(dir) && !Files.exists(marker) && !force) {
      Path clash = names.length == 0 ? anyEntry(dir) : null;
      for (String name : names) {
        if (clash == null && Files.exists(dir.resolve(name))) {
          clash = dir.resolve(name);
        }
      }
      if (clash != null) {
        throw new BadOptionException(
            "--out "
                + dir
                + ": "
                + clash
                + " exists and was not"
                + " written by neuronlens; expected a new or neuronlens directory, pass --force to"
                + " overwrite");
      }
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BadOptionException("--out " + dir + ": expected a directory, found a file");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new OutputException(
          "--out " + dir + ": cannot create the directory: " + IoErrors.reason(e), e);
    }
    if (!Files.exists(marker)) {
      AtomicFiles.writeString(marker, "This directory holds neuronlens outputs.\n");
    }
    return dir;
  }

  private static Path anyEntry(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findFirst().orElse(null);
    } catch (IOException e) {
      throw new OutputException(
          "--out " + dir + ": cannot list the directory: " + IoErrors.reason(e), e);
    }
  }
}
