package neuronlens.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Pulls named regular files out of a ustar stream (as in an npm {@code .tgz}, once gunzipped):
 * 512-byte headers, each followed by the file's data padded to a multiple of 512.
 */
final class TarReader {
  private static final int BLOCK = 512;

  private TarReader() {}

  /**
   * Returns the entries whose base name is in {@code wanted}, keyed by base name.
   *
   * @param maxBytes largest entry accepted; bigger wanted entries are refused
   */
  static Map<String, byte[]> extract(InputStream in, Set<String> wanted, int maxBytes)
      throws IOException {
    Map<String, byte[]> found = new HashMap<>();
    byte[] header = new byte[BLOCK];
    while (true) {
      if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
        throw new IOException("tar: stream ends inside a header: expected 512-byte blocks");
      }
      if (isZero(header)) {
        return found;
      }
      String name = text(header, 345, 155);
      name = name.isEmpty() ? text(header, 0, 100) : name + "/" + text(header, 0, 100);
      long size = octal(header, 124, 12, name);
      char type = (char) header[156];
      String base = name.substring(name.lastIndexOf('/') + 1);
      boolean regular = type == '0' || type == 0;
      if (regular && wanted.contains(base)) {
        if (size > maxBytes) {
          throw new IOException(
              "tar: " + name + ": size " + size + ", expected at most " + maxBytes);
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
          throw new IOException("tar: " + name + ": ends after " + data.length + " of " + size);
        }
        found.put(base, data);
        in.skipNBytes(padding(size));
      } else {
        in.skipNBytes(size + padding(size));
      }
    }
  }

  private static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.US_ASCII);
  }

  private static long octal(byte[] h, int off, int len, String name) throws IOException {
    String s = text(h, off, len).trim();
    if (s.isEmpty() || !s.matches("[0-7]{1,11}")) {
      throw new IOException(
          "tar: " + name + ": size field: expected octal digits, found '" + s + "'");
    }
    return Long.parseLong(s, 8);
  }
}
