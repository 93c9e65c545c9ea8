package neuronlens.data;

import java.io.IOException;
import java.io.InputStream;
import neuronlens.BadDataException;

/**
 * Reads and checks the header of an IDX file, one field at a time, so that a short or wrong file is
 * reported at the first field that is missing or wrong, before anything is allocated.
 */
final class IdxHeader {
  /** Largest rows or columns accepted: far beyond any MNIST-like set, small enough to stay sane. */
  static final int MAX_SIDE = 4096;

  private IdxHeader() {}

  /**
   * Reads the magic number and the dimension sizes of a {@code kind} file.
   *
   * @param where how to name the end of input in messages ("file", "decompressed data")
   * @return the dimension sizes, each checked to be positive and in range
   */
  static int[] read(String name, String where, InputStream in, IdxKind kind) throws IOException {
    byte[] magic = new byte[4];
    int got = in.readNBytes(magic, 0, 4);
    if (got < 4) {
      throw truncated(name, where, got, "magic number", 0, kind);
    }
    checkMagic(name, magic, kind);
    int[] dims = new int[kind.dimensions()];
    byte[] field = new byte[4];
    for (int i = 0; i < dims.length; i++) {
      int offset = 4 + 4 * i;
      got = in.readNBytes(field, 0, 4);
      if (got < 4) {
        throw truncated(name, where, offset + got, "'" + kind.dimensionName(i) + "'", offset, kind);
      }
      long value =
          Integer.toUnsignedLong(
              (field[0] & 0xff) << 24
                  | (field[1] & 0xff) << 16
                  | (field[2] & 0xff) << 8
                  | field[3] & 0xff);
      long max = i == 0 ? Integer.MAX_VALUE : MAX_SIDE;
      if (value < 1 || value > max) {
        throw new BadDataException(
            String.format(
                "%s: field '%s' (bytes %d-%d): expected 1..%d, found %d",
                name, kind.dimensionName(i), offset, offset + 3, max, value));
      }
      dims[i] = (int) value;
    }
    return dims;
  }

  private static void checkMagic(String name, byte[] m, IdxKind kind) {
    int found = (m[0] & 0xff) << 24 | (m[1] & 0xff) << 16 | (m[2] & 0xff) << 8 | m[3] & 0xff;
    if (found == kind.magic()) {
      return;
    }
    String field;
    String expected;
    String got;
    if (m[0] != 0 || m[1] != 0) {
      field = "magic number, bytes 0-1";
      expected = "0x0000";
      got = String.format("0x%02x%02x", m[0] & 0xff, m[1] & 0xff);
    } else if ((m[2] & 0xff) != IdxKind.UNSIGNED_BYTE) {
      field = "data type, byte 2";
      expected = "0x08 (unsigned byte)";
      got = String.format("0x%02x", m[2] & 0xff);
    } else {
      field = "dimension count, byte 3";
      expected = kind.dimensions() + " (" + kind.noun() + ")";
      got = String.valueOf(m[3] & 0xff);
      for (IdxKind other : IdxKind.values()) {
        if (other.magic() == found) {
          got += " (a file of " + other.noun() + "?)";
        }
      }
    }
    throw new BadDataException(
        String.format(
            "%s: %s: expected %s (magic 0x%08x), found %s (magic 0x%08x)",
            name, field, expected, kind.magic(), got, found));
  }

  private static BadDataException truncated(
      String name, String where, int at, String field, int fieldStart, IdxKind kind) {
    return new BadDataException(
        String.format(
            "%s: %s ends at byte %d, inside the %s (bytes %d-%d): expected an %s header of %d bytes",
            name, where, at, field, fieldStart, fieldStart + 3, kind.noun(), kind.headerBytes()));
  }
}
