package neuronlens.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import neuronlens.InParts;

/**
 * The non-zero pixels of every image of a {@link Dataset}, listed once (about 19 % of MNIST's
 * pixels are lit): image {@code i}'s pixels are {@code index[start[i] .. start[i+1])} with values
 * {@code pixel[...]} (0–255, unsigned). Training reads batches from here instead of scanning 784
 * bytes per image at every step. Also by pairs of pixels (2j and 2j + 1): image {@code i}'s lit
 * pairs (either pixel non-zero) are {@code pair[pairStart[i] .. pairStart[i+1])}, each {@code j <<
 * 16 | odd << 8 | even} (MNIST's 150 non-zeros of an image make about 88 pairs: a stroke lights
 * neighbouring pixels together), one int per pair, so that a batch's pairs are read from one array.
 */
public final class SparseImages {
  private final int[] start; // (count + 1)
  private final short[] index; // (non-zeros): pixel index 0..783
  private final byte[] pixel; // (non-zeros): unsigned value
  private final int[] pairStart; // (count + 1)
  private final int[] pair; // (lit pairs): j << 16 | odd << 8 | even

  private SparseImages(int[] start, short[] index, byte[] pixel, int[] pairStart, int[] pair) {
    this.start = start;
    this.index = index;
    this.pixel = pixel;
    this.pairStart = pairStart;
    this.pair = pair;
  }

  /** Lists the non-zero pixels of {@code d}. */
  public static SparseImages of(Dataset d) {
    return of(d, 1);
  }

  /**
   * Lists the non-zero pixels of {@code d} on up to {@code threads} threads (the calling one and
   * others), each taking a contiguous part of the images; the lists are the same whatever the
   * split.
   */
  public static SparseImages of(Dataset d, int threads) {
    int px = d.pixels();
    if (px > Short.MAX_VALUE) {
      throw new IllegalArgumentException("images of " + px + " pixels are too large to index");
    }
    byte[] img = d.images();
    int count = d.count();
    int parts = Math.max(1, Math.min(threads, count / 1000));
    int[] bound = new int[parts + 1];
    for (int t = 0; t <= parts; t++) {
      bound[t] = (int) ((long) count * t / parts);
    }
    // first each image's count of non-zeros and of lit pairs (in start[i + 1], pairStart[i + 1]),
    // then their offsets, then the lists
    int[] start = new int[count + 1];
    int[] pairStart = new int[count + 1];
    InParts.run(parts, t -> countNonZeros(img, px, bound[t], bound[t + 1], start, pairStart));
    for (int i = 0; i < count; i++) {
      start[i + 1] += start[i];
      pairStart[i + 1] += pairStart[i];
    }
    short[] index = new short[start[count]];
    byte[] pixel = new byte[start[count]];
    int[] pair = new int[pairStart[count]];
    InParts.run(
        parts, t -> list(img, px, bound[t], bound[t + 1], start, index, pixel, pairStart, pair));
    return new SparseImages(start, index, pixel, pairStart, pair);
  }

  // eight pixels at a time: MNIST's images are 81 % zeros, mostly in runs, and a byte-by-byte scan
  // with a branch on each byte mispredicted its way through 43 MB (listing the 55,000 training
  // images on two threads, a probe in `bench`: 35-80 ms byte by byte, 22-33 ms by words; 25-36 ms
  // with the pairs' lists as well, a harness outside the repo)
  private static final VarHandle WORD =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
  private static final long HIGH = 0x8080808080808080L;
  private static final long PAIR_HIGH = 0x0080008000800080L; // each 16-bit half's even byte's top

  /**
   * The top bit of each non-zero byte of {@code w}: its low 7 bits plus 0x7f carry into bit 7 when
   * any is set (never past it), and bit 7 itself is or-ed in.
   */
  private static long lit(long w) {
    return (((w & LOW7) + LOW7) | w) & HIGH;
  }

  /** The top bit of the even byte of each 16-bit half of {@code w} with either byte non-zero. */
  private static long litPairs(long w) {
    long bytes = lit(w);
    return (bytes | bytes >>> 8) & PAIR_HIGH;
  }

  private static void countNonZeros(
      byte[] img, int px, int from, int to, int[] start, int[] pairStart) {
    int words = px >>> 3;
    for (int i = from; i < to; i++) {
      int base = i * px;
      int nz = 0;
      int pairs = 0;
      for (int w = 0; w < words; w++) {
        long word = (long) WORD.get(img, base + 8 * w);
        nz += Long.bitCount(lit(word));
        pairs += Long.bitCount(litPairs(word));
      }
      for (int p = 8 * words; p < px; p += 2) {
        int even = img[base + p];
        int odd = p + 1 < px ? img[base + p + 1] : 0;
        nz += (even != 0 ? 1 : 0) + (odd != 0 ? 1 : 0);
        pairs += (even | odd) != 0 ? 1 : 0;
      }
      start[i + 1] = nz;
      pairStart[i + 1] = pairs;
    }
  }

  private static void list(
      byte[] img,
      int px,
      int from,
      int to,
      int[] start,
      short[] index,
      byte[] pixel,
      int[] pairStart,
      int[] pair) {
    int words = px >>> 3;
    for (int i = from; i < to; i++) {
      int e = start[i];
      int f = pairStart[i];
      int base = i * px;
      for (int w = 0; w < words; w++) {
        long word = (long) WORD.get(img, base + 8 * w);
        if (word == 0) {
          continue;
        }
        // the lit bytes in pixel order, lowest first (little-endian: the lowest byte is the first)
        for (long bits = lit(word); bits != 0; bits &= bits - 1) {
          int shift = Long.numberOfTrailingZeros(bits) - 7; // 8 × the byte's position
          index[e] = (short) (8 * w + (shift >>> 3));
          pixel[e++] = (byte) (word >>> shift);
        }
        // and the lit pairs: a 16-bit half of the word is the pair's odd << 8 | even already
        for (long bits = litPairs(word); bits != 0; bits &= bits - 1) {
          int shift = Long.numberOfTrailingZeros(bits) - 7; // 16 × the pair's position
          pair[f++] = (4 * w + (shift >>> 4)) << 16 | (int) (word >>> shift) & 0xffff;
        }
      }
      for (int p = 8 * words; p < px; p += 2) {
        int even = img[base + p] & 0xff;
        int odd = p + 1 < px ? img[base + p + 1] & 0xff : 0;
        if (even != 0) {
          index[e] = (short) p;
          pixel[e++] = (byte) even;
        }
        if (odd != 0) {
          index[e] = (short) (p + 1);
          pixel[e++] = (byte) odd;
        }
        if ((even | odd) != 0) {
          pair[f++] = (p >> 1) << 16 | odd << 8 | even;
        }
      }
    }
  }

  /**
   * The arrays themselves, for kernels that read images in place (not to be modified): image {@code
   * i}'s non-zeros are {@code indices()[starts()[i] .. starts()[i + 1])} with values {@code
   * pixels()[...]}.
   */
  public int[] starts() {
    return start;
  }

  /** See {@link #starts}. */
  public short[] indices() {
    return index;
  }

  /** See {@link #starts}. */
  public byte[] pixels() {
    return pixel;
  }

  /**
   * The pairs' arrays, read in place like {@link #starts}: image {@code i}'s lit pairs are {@code
   * pairs()[pairStarts()[i] .. pairStarts()[i + 1])}.
   */
  public int[] pairStarts() {
    return pairStart;
  }

  /**
   * See {@link #pairStarts}: each lit pair j of pixels 2j and 2j + 1 as {@code j << 16 | odd << 8 |
   * even}.
   */
  public int[] pairs() {
    return pair;
  }

  /** Number of images. */
  public int count() {
    return start.length - 1;
  }

  /** Offset of image {@code i}'s first non-zero. */
  public int start(int i) {
    return start[i];
  }

  /** Offset just past image {@code i}'s last non-zero. */
  public int end(int i) {
    return start[i + 1];
  }

  /** Pixel index of non-zero {@code e}. */
  public int index(int e) {
    return index[e];
  }

  /** Unsigned value (1–255) of non-zero {@code e}. */
  public int pixel(int e) {
    return pixel[e] & 0xff;
  }
}
