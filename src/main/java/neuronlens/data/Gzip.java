package neuronlens.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Decompresses gzip with a bound on the output, so a hostile stream cannot exhaust memory. */
final class Gzip {
  private Gzip() {}

  /** {@code bytes} decompressed if they start with the gzip magic, else as they are. */
  static byte[] maybeDecompress(String name, byte[] bytes, int maxBytes) throws IOException {
    if (!IdxReader.isGzip(bytes)) {
      return bytes;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
      return readBounded(name, in, maxBytes);
    }
  }

  /** All of {@code in}, refusing more than {@code maxBytes}. */
  static byte[] readBounded(String name, InputStream in, int maxBytes) throws IOException {
    byte[] out = in.readNBytes(maxBytes);
    if (out.length == maxBytes && in.read() != -1) {
      throw new IOException(name + ": more than " + maxBytes + " bytes: expected at most that");
    }
    return out;
  }
}
