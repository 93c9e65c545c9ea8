package neuronlens.data;

import neuronlens.InParts;

/**
 * The non-zero pixels of every image of a {@link Dataset}, listed once (about 19 % of MNIST's
 * pixels are lit): image {@code i}'s pixels are {@code index[start[i] .. start[i+1])} with values
 * {@code pixel[...]} (0–255, unsigned). Training reads batches from here instead of scanning 784
 * bytes per image at every step.
 */
public final class SparseImages {
  private final int[] start; // (count + 1)
  private final short[] index; // (non-zeros): pixel index 0..783
  private final byte[] pixel; // (non-zeros): unsigned value

  private SparseImages(int[] start, short[] index, byte[] pixel) {
    this.start = start;
    this.index = index;
    this.pixel = pixel;
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
    // first each image's count of non-zeros (in start[i + 1]), then their offsets, then the lists
    int[] start = new int[count + 1];
    InParts.run(parts, t -> countNonZeros(img, px, bound[t], bound[t + 1], start));
    for (int i = 0; i < count; i++) {
      start[i + 1] += start[i];
    }
    short[] index = new short[start[count]];
    byte[] pixel = new byte[start[count]];
    InParts.run(parts, t -> list(img, px, bound[t], bound[t + 1], start, index, pixel));
    return new SparseImages(start, index, pixel);
  }

  private static void countNonZeros(byte[] img, int px, int from, int to, int[] start) {
    for (int i = from; i < to; i++) {
      int nz = 0;
      for (int p = i * px, end = p + px; p < end; p++) {
        if (img[p] != 0) {
          nz++;
        }
      }
      start[i + 1] = nz;
    }
  }

  private static void list(
      byte[] img, int px, int from, int to, int[] start, short[] index, byte[] pixel) {
    for (int i = from; i < to; i++) {
      int e = start[i];
      int base = i * px;
      for (int p = 0; p < px; p++) {
        byte b = img[base + p];
        if (b != 0) {
          index[e] = (short) p;
          pixel[e++] = b;
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
