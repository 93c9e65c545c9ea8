package neuronlens.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Makes small IDX files in memory for tests: valid ones, and the pieces to break them. */
final class IdxBytes {
  private IdxBytes() {}

  /** An IDX file with the given magic, dimension sizes and payload. */
  static byte[] idx(int magic, int[] dims, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(payload);
    return b.array();
  }

  /** A valid images file of {@code count} images, pixels from a seeded generator. */
  static byte[] images(int count, int rows, int cols, long seed) {
    byte[] px = new byte[count * rows * cols];
    new Random(seed).nextBytes(px);
    return idx(IdxKind.IMAGES.magic(), new int[] {count, rows, cols}, px);
  }

  /** A valid labels file with labels {@code i % 10}. */
  static byte[] labels(int count) {
    byte[] l = new byte[count];
    for (int i = 0; i < count; i++) {
      l[i] = (byte) (i % 10);
    }
    return idx(IdxKind.LABELS.magic(), new int[] {count}, l);
  }

  /** {@code raw} gzipped. */
  static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The payload of a valid file: everything after its header. */
  static byte[] payload(byte[] file, IdxKind kind) {
    return Arrays.copyOfRange(file, kind.headerBytes(), file.length);
  }

  /** Writes {@code bytes} to {@code dir/name} and returns the path. */
  static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
