package neuronlens.train;

import java.util.Arrays;
import neuronlens.data.SparseImages;
import neuronlens.nn.Mlp;

/**
 * A batch: its images' non-zeros copied one image after another ({@code copyIndex}, {@code
 * copyLevel}; image r's from {@code copyStart[r]} to {@code copyStart[r + 1]}), and grouped by
 * pixel, rows ascending within each pixel: pixel i's entries are {@code entries[from[i] .. to[i])},
 * each {@code row << 8 | value} (the value 1–255 indexes the table of rescaled pixel values, {@link
 * Mlp#rescaled}), one pixel's after another's. A counting sort lists them (each pixel's non-zeros
 * counted, then placed): the batch's 7,500 entries then fill 30 KB in a row, which the gradient
 * phase reads pixel after pixel, where buckets of {@code capacity} slots per pixel spread them over
 * 157 KB, more than the first-level cache holds. The copy lets the thread that did not list the
 * batch read its images from one block the lister has just written, instead of from wherever they
 * lie among the epoch's 25 MB (phase timers: that thread's phase A 51.7 → 40.4 µs).
 */
final class ByPixel {
  final int[] from = new int[Mlp.INPUTS];
  final int[] to = new int[Mlp.INPUTS];
  final int[] entries;
  final short[] copyIndex;
  final byte[] copyLevel;
  final int[] copyStart;
  // per stage boundary j, each image's first non-zero at or past pixel cut[j] (image r's are
  // bound[0][r] .. bound[stages][r]; bound[0] is copyStart)
  final int[][] bound;
  int touched; // read by nobody: keeps the compiler from dropping the loads that bring a batch in

  ByPixel(int capacity, int stages) {
    if (capacity >= 1 << 23) {
      throw new IllegalArgumentException("batches of " + capacity + " rows are too large");
    }
    entries = new int[capacity * Mlp.INPUTS];
    copyIndex = new short[capacity * Mlp.INPUTS];
    copyLevel = new byte[capacity * Mlp.INPUTS];
    copyStart = new int[capacity + 1];
    bound = new int[stages + 1][];
    bound[0] = copyStart;
    for (int j = 1; j <= stages; j++) {
      bound[j] = new int[capacity];
    }
  }

  /**
   * Copies image {@code img}'s non-zeros as the batch's image {@code r}, after image r - 1, and
   * notes where they reach each cut ({@code cuts}: see the engine's {@code cutsOf}).
   */
  private void copy(SparseImages data, int[][] cuts, int img, int r) {
    int at = r == 0 ? 0 : copyStart[r];
    int start = data.start(img);
    int n = data.end(img) - start;
    System.arraycopy(data.indices(), start, copyIndex, at, n);
    System.arraycopy(data.pixels(), start, copyLevel, at, n);
    copyStart[r] = at;
    copyStart[r + 1] = at + n;
    int last = bound.length - 1;
    bound[last][r] = at + n;
    for (int j = 1; j < last; j++) {
      bound[j][r] = at + cuts[j][img];
    }
  }

  /**
   * Reads the first value of every cache line of image {@code img}'s non-zeros (a load per line,
   * none waiting for another: their misses overlap).
   */
  private static int touch(SparseImages data, int img) {
    int sum = 0;
    int end = data.end(img);
    for (int q = data.start(img); q < end; q += 32) { // 32 indices (shorts) to a line
      sum += data.index(q) + data.pixel(q);
    }
    if (end > data.start(img)) {
      sum += data.index(end - 1);
    }
    return sum;
  }

  /** Copies and lists images {@code order[first .. first + rows)}. */
  void list(SparseImages data, int[][] cuts, int[] order, int first, int rows) {
    // the batch's images lie anywhere in the epoch's 25 MB of non-zeros: touching them all
    // first lets those misses (and their page walks) overlap, where the copies would meet them
    // one image after another
    int sum = 0;
    for (int r = 0; r < rows; r++) {
      sum += touch(data, order[first + r]);
    }
    touched = sum;
    for (int r = 0; r < rows; r++) {
      copy(data, cuts, order[first + r], r);
    }
    short[] index = copyIndex;
    byte[] level = copyLevel;
    int[] count = to;
    Arrays.fill(count, 0);
    for (int q = 0, end = copyStart[rows]; q < end; q++) {
      count[index[q]]++;
    }
    int at = 0;
    for (int i = 0; i < Mlp.INPUTS; i++) {
      int c = count[i];
      from[i] = at;
      to[i] = at;
      at += c;
    }
    for (int r = 0; r < rows; r++) {
      int row = r << 8;
      for (int q = copyStart[r], end = copyStart[r + 1]; q < end; q++) {
        entries[to[index[q]]++] = row | (level[q] & 0xff);
      }
    }
  }
}
