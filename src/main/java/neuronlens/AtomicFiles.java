package neuronlens;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Every file neuronlens writes goes through here: the content is written to a temporary file in the
 * target's directory, forced to disk, then moved over the target atomically, so a reader (or a
 * crash) sees either the old file or the complete new one, never half of it.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes through a stream. */
  public interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  /** Writes a whole file at the given (temporary) path, for libraries that want a path. */
  public interface PathWriter {
    void write(Path tmp) throws IOException;
  }

  /** Writes {@code target} atomically through an output stream. */
  public static void write(Path target, StreamWriter writer) {
    writePath(
        target,
        tmp -> {
          try (OutputStream out =
              Files.newOutputStream(
                  tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writer.write(out);
          }
        });
  }

  /** Writes {@code bytes} to {@code target} atomically. */
  public static void write(Path target, byte[] bytes) {
    write(target, out -> out.write(bytes));
  }

  /** Writes {@code text} (UTF-8) to {@code target} atomically. */
  public static void writeString(Path target, String text) {
    write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Lets {@code writer} fill a temporary file beside {@code target}, then moves it into place. On
   * any failure the temporary file is removed and {@code target} is left as it was.
   */
  public static void writePath(Path target, PathWriter writer) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      readableByAll(tmp);
      writer.write(tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new OutputException("cannot write " + target + ": " + IoErrors.reason(e), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary name starts with a dot and ends in .tmp
        }
      }
    }
  }

  /** Temporary files are created owner-only; outputs should be as readable as any other file. */
  private static void readableByAll(Path tmp) throws IOException {
    if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }
}
