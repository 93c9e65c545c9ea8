package neuronlens.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import neuronlens.BadModelFileException;
import neuronlens.IoErrors;

/**
 * Checks the 8-byte HDF5 format signature before any HDF5 library sees the file. HDF5 allows a user
 * block before the superblock, so the signature may sit at offset 0, 512, 1024, 2048, ...
 */
final class HdfSignature {
  static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private HdfSignature() {}

  /**
   * Returns the offset of the superblock, or throws naming the file when it is empty, unreadable or
   * carries no HDF5 signature at any allowed offset.
   */
  static long find(Path file) {
    if (Files.isDirectory(file)) {
      throw new BadModelFileException(file + ": expected an HDF5 weights file, found a directory");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size == 0) {
        throw new BadModelFileException(file + ": empty file; expected an HDF5 weights file");
      }
      ByteBuffer buf = ByteBuffer.allocate(SIGNATURE.length);
      for (long offset = 0;
          offset + SIGNATURE.length <= size;
          offset = offset == 0 ? 512 : offset * 2) {
        buf.clear();
        while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
          // read until the buffer is full or the file ends
        }
        if (!buf.hasRemaining() && Arrays.equals(buf.array(), SIGNATURE)) {
          return offset;
        }
      }
      throw new BadModelFileException(
          file
              + ": not an HDF5 file; expected the HDF5 signature "
              + "89 48 44 46 0d 0a 1a 0a at offset 0, 512, 1024, ..., found "
              + hex(head(ch)));
    } catch (IOException e) {
      throw new BadModelFileException(
          file + ": cannot read: " + IoErrors.reason(e) + "; expected an HDF5 weights file", e);
    }
  }

  private static byte[] head(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(SIGNATURE.length, ch.size()));
    ch.read(b, 0);
    return Arrays.copyOf(b.array(), b.position());
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(sb.length() > 0 ? " " : "").append(String.format("%02x", b & 0xff));
    }
    return bytes.length + " bytes [" + sb + "] at offset 0";
  }
}
