package neuronlens.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex, of bytes or of the raw (decompressed) form of an IDX file. */
public final class Sha256 {
  private Sha256() {}

  /** The SHA-256 of {@code bytes}. */
  public static String of(byte[] bytes) {
    MessageDigest md = digest();
    md.update(bytes);
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * The SHA-256 of the raw file {@code idx} was read from: its header is rebuilt from the kind and
   * dimensions (the reader accepts only the one canonical header), followed by the payload.
   */
  public static String of(IdxData idx) {
    ByteBuffer header = ByteBuffer.allocate(idx.kind().headerBytes());
    header.putInt(idx.kind().magic());
    for (int d : idx.dims()) {
      header.putInt(d);
    }
    MessageDigest md = digest();
    md.update(header.array());
    md.update(idx.data());
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
