package neuronlens.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import neuronlens.BadDataException;

/**
 * Reads an IDX file of unsigned bytes, raw or gzip (recognised by its magic bytes 1f 8b), checking
 * every header field and the length before the payload is allocated: a raw file must be exactly
 * header plus payload long; a gzip file must decompress to exactly that, no more and no less.
 */
public final class IdxReader {
  /** Deflate cannot expand more than about 1032:1, so a claim beyond that is refused up front. */
  static final long GZIP_MAX_RATIO = 1032;

  private static final int BUFFER = 1 << 16;

  private IdxReader() {}

  /** Reads and checks {@code file} as a {@code kind} IDX file. */
  public static IdxData read(Path file, IdxKind kind) {
    String name = file.getFileName().toString();
    long length;
    try {
      length = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new BadDataException(file + ": file not found: expected an IDX file of " + kind.noun());
    } catch (IOException e) {
      throw new BadDataException(file + ": cannot read: " + e.getMessage(), e);
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
      return read(name, in, length, kind);
    } catch (IOException e) {
      throw new BadDataException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads and checks {@code bytes}, the whole content of a file called {@code name}. */
  public static IdxData read(String name, byte[] bytes, IdxKind kind) {
    try {
      return read(name, new ByteArrayInputStream(bytes), bytes.length, kind);
    } catch (IOException e) {
      throw new AssertionError("in-memory stream failed", e);
    }
  }

  /** True when {@code bytes} starts with the gzip magic bytes 1f 8b. */
  public static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
  }

  /** {@code in} must support mark/reset; {@code length} is its total length in bytes. */
  private static IdxData read(String name, InputStream in, long length, IdxKind kind)
      throws IOException {
    in.mark(2);
    byte[] start = in.readNBytes(2);
    in.reset();
    if (!isGzip(start)) {
      return readPayload(name, in, length, false, kind);
    }
    try (InputStream gz = new GZIPInputStream(in, BUFFER)) {
      return readPayload(name, gz, length, true, kind);
    } catch (ZipException | java.io.EOFException e) {
      throw new BadDataException(name + ": corrupt or truncated gzip data: " + e.getMessage(), e);
    }
  }

  private static IdxData readPayload(
      String name, InputStream in, long length, boolean gzip, IdxKind kind) throws IOException {
    String where = gzip ? "decompressed data" : "file";
    int[] dims = IdxHeader.read(name, where, in, kind);
    long payload = 1;
    for (int d : dims) {
      payload *= d;
    }
    long header = kind.headerBytes();
    long expected = header + payload;
    String shape = shape(dims);
    if (payload > Integer.MAX_VALUE - 16) {
      throw new BadDataException(
          String.format(
              "%s: header claims %s = %d bytes: expected at most %d bytes, found a header claiming more",
              name, shape, payload, Integer.MAX_VALUE - 16));
    }
    if (!gzip && expected != length) {
      String what = expected > length ? "truncated" : "trailing data";
      throw new BadDataException(
          String.format(
              "%s: %s: header claims %s, expected file length %d bytes, found %d",
              name, what, shape, expected, length));
    }
    if (gzip && expected > length * GZIP_MAX_RATIO + 1024) {
      throw new BadDataException(
          String.format(
              "%s: header claims %s = %d bytes: expected at most %d from %d bytes of gzip, found more",
              name, shape, expected, length * GZIP_MAX_RATIO + 1024, length));
    }
    byte[] data = new byte[(int) payload];
    // in pieces of at most BUFFER: one read of the whole payload would go to the file through a
    // temporary direct buffer of its size (47 MB for the training images), which the JDK then keeps
    // cached for the thread as native memory for the rest of the run
    int got = 0;
    while (got < data.length) {
      int r = in.read(data, got, Math.min(BUFFER, data.length - got));
      if (r < 0) {
        break;
      }
      got += r;
    }
    if (got < data.length) {
      throw new BadDataException(
          String.format(
              "%s: truncated: %s ends at byte %d: header claims %s, expected %d bytes",
              name, where, header + got, shape, expected));
    }
    if (in.read() != -1) {
      throw new BadDataException(
          String.format(
              "%s: trailing data at byte %d of the %s: header claims %s, expected exactly %d bytes",
              name, expected, where, shape, expected));
    }
    return new IdxData(kind, dims, data);
  }

  private static String shape(int[] dims) {
    StringBuilder b = new StringBuilder(dims.length == 1 ? "count " : "shape ");
    for (int i = 0; i < dims.length; i++) {
      b.append(i == 0 ? "" : "x").append(dims[i]);
    }
    return b.toString();
  }
}
