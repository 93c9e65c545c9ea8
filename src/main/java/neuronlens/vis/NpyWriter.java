package neuronlens.vis;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import neuronlens.AtomicFiles;

/**
 * Writes float32 arrays in NumPy's {@code .npy} format, version 1.0: the magic {@code \x93NUMPY},
 * version bytes 1 0, a little-endian 2-byte header length, an ASCII dict header padded with spaces
 * and a newline so that the data starts at a multiple of 64 bytes, then the data, little-endian, C
 * order. {@code numpy.load} reads the files back.
 */
public final class NpyWriter {
  private NpyWriter() {}

  /** The bytes of an .npy file holding {@code data} with the given shape. */
  public static byte[] encode(float[] data, int... shape) {
    long n = 1;
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      n *= d;
      dims.append(d).append(", ");
    }
    if (n != data.length) {
      throw new IllegalArgumentException("shape holds " + n + " values, found " + data.length);
    }
    String shapeText =
        shape.length == 1
            ? "(" + shape[0] + ",)"
            : "(" + dims.substring(0, dims.length() - 2) + ")";
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText + ", }";
    int preamble = 10; // magic (6) + version (2) + header length (2)
    int total = preamble + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    ByteBuffer b =
        ByteBuffer.allocate(preamble + header.length() + 4 * data.length)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 1)
        .put((byte) 0)
        .putShort((short) header.length())
        .put(header.getBytes(StandardCharsets.US_ASCII));
    for (float f : data) {
      b.putFloat(f);
    }
    return b.array();
  }

  /** Writes {@code data} with the given shape to {@code file}, atomically. */
  public static void write(Path file, float[] data, int... shape) {
    AtomicFiles.write(file, encode(data, shape));
  }
}
