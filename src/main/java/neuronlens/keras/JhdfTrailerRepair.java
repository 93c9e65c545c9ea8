package neuronlens.keras;

import io.jhdf.JhdfInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Undoes a jHDF 0.13.0 writing bug that breaks the root-level empty group {@code vars}.
 *
 * <p>On close, jHDF writes its version string ("jHDF - 0.13.0 - Linux - amd64 - LE") at the file
 * channel's current position, which is the end of the last contiguous dataset it wrote, not the end
 * of the file. Anything written after that dataset is overwritten. jHDF writes a group's children
 * in {@code ConcurrentHashMap} order, which for the root is {@code optimizer, layers, vars}, so the
 * victim is always the root's {@code vars}: the last object in the file, an empty group whose
 * object header then fails in libhdf5 ("bad object header version number"). No construction order
 * avoids it, as the root's child order comes from the names' hashes.
 *
 * <p>The repair writes the empty group's object header back. That header is the same bytes for
 * every empty group jHDF writes (no addresses, no times; the checksum covers only those bytes), so
 * it is a constant here. The file's end is checked byte for byte before anything is changed; any
 * other jHDF behaviour makes the write fail loudly instead of leaving a broken file.
 */
final class JhdfTrailerRepair {
  /** jHDF 0.13.0's object header of an empty group: OHDR v2, group info and link info messages. */
  static final byte[] EMPTY_GROUP_HEADER =
      HexFormat.of()
          .parseHex(
              "4f48445202021c0000000a0200000000021200000000"
                  + "ffffffffffffffffffffffffffffffff8ba2d8c4");

  private JhdfTrailerRepair() {}

  /** The version string jHDF writes on close, built as jHDF builds it. */
  static byte[] trailer() {
    return ("jHDF - "
            + JhdfInfo.VERSION
            + " - "
            + JhdfInfo.OS
            + " - "
            + JhdfInfo.ARCH
            + " - "
            + JhdfInfo.BYTE_ORDER)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Restores the empty root group at the end of {@code file} if jHDF's trailer overwrote it.
   *
   * @throws IOException if the file's end is neither the intact header nor the known damage
   */
  static void repair(Path file) throws IOException {
    byte[] trailer = trailer();
    int span = Math.max(EMPTY_GROUP_HEADER.length, trailer.length);
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long start = ch.size() - span;
      if (start < 0) {
        throw new IOException("jHDF wrote only " + ch.size() + " bytes");
      }
      ByteBuffer buf = ByteBuffer.allocate(span);
      while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
        // read the whole tail
      }
      byte[] tail = buf.array();
      if (endsWith(tail, EMPTY_GROUP_HEADER)) {
        return; // nothing was overwritten: a jHDF that no longer has the bug
      }
      boolean damaged =
          Arrays.equals(tail, 0, trailer.length, trailer, 0, trailer.length)
              && (trailer.length >= EMPTY_GROUP_HEADER.length
                  || Arrays.equals(
                      tail,
                      trailer.length,
                      EMPTY_GROUP_HEADER.length,
                      EMPTY_GROUP_HEADER,
                      trailer.length,
                      EMPTY_GROUP_HEADER.length));
      if (!damaged) {
        throw new IOException(
            "jHDF "
                + JhdfInfo.VERSION
                + " ended the file with bytes the "
                + "known trailer repair does not expect; refusing to leave a possibly broken file");
      }
      ch.write(ByteBuffer.wrap(EMPTY_GROUP_HEADER), start);
    }
  }

  private static boolean endsWith(byte[] a, byte[] suffix) {
    return Arrays.equals(a, a.length - suffix.length, a.length, suffix, 0, suffix.length);
  }
}
