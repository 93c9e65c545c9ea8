package neuronlens.report;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG encoder for the report's 28×28 pictures: 8-bit gray or RGB, no filter, one IDAT
 * chunk. ImageIO spends most of its time per call setting up a writer; for 1,167 tiny pictures
 * this is several times faster (see {@code ReportTiming}), and the files are as small.
 */
final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private PngEncoder() {}

  /**
   * Encodes {@code rgb} (packed 0xRRGGBB, row-major) as PNG; as gray when {@code gray}, taking the
   * blue channel (the three are equal in a gray picture).
   */
  static byte[] encode(int width, int height, int[] rgb, boolean gray) {
    int channels = gray ? 1 : 3;
    int stride = 1 + width * channels;
    byte[] raw = new byte[height * stride];
    for (int y = 0; y < height; y++) {
      int o = y * stride; // raw[o] = 0: filter "none"
      for (int x = 0; x < width; x++) {
        int c = rgb[y * width + x];
        if (gray) {
          raw[o + 1 + x] = (byte) c;
        } else {
          raw[o + 1 + 3 * x] = (byte) (c >> 16);
          raw[o + 2 + 3 * x] = (byte) (c >> 8);
          raw[o + 3 + 3 * x] = (byte) c;
        }
      }
    }
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    byte[] z;
    try {
      d.setInput(raw);
      d.finish();
      ByteArrayOutputStream zs = new ByteArrayOutputStream(raw.length / 2 + 64);
      byte[] buf = new byte[4096];
      while (!d.finished()) {
        zs.write(buf, 0, d.deflate(buf));
      }
      z = zs.toByteArray();
    } finally {
      d.end();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(z.length + 64);
    out.writeBytes(SIGNATURE);
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, width);
    putInt(ihdr, 4, height);
    ihdr[8] = 8; // bits per channel
    ihdr[9] = (byte) (gray ? 0 : 2); // colour type: gray or RGB
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", z);
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] len = new byte[4];
    putInt(len, 0, data.length);
    out.writeBytes(len);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    byte[] c = new byte[4];
    putInt(c, 0, (int) crc.getValue());
    out.writeBytes(c);
  }

  private static void putInt(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 24);
    b[o + 1] = (byte) (v >>> 16);
    b[o + 2] = (byte) (v >>> 8);
    b[o + 3] = (byte) v;
  }
}
