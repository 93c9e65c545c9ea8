package neuronlens.train;

import neuronlens.data.SparseImages;
import neuronlens.nn.Mlp;

/**
 * A batch: its images' non-zeros copied one image after another ({@code copyIndex}, {@code
 * copyLevel}; image r's from {@code copyStart[r]} to {@code copyStart[r + 1]}), and grouped by
 * pairs of pixels (2j and 2j + 1), rows ascending within each pair: pair j's entries are {@code
 * entries[from[j] .. to[j])}, one for each row in which either pixel is lit, each {@code row << 16
 * | odd << 8 | even} (a value 1–255 indexes the table of rescaled pixel values, {@link
 * Mlp#rescaled}; 0: that pixel is not lit in the row). A stroke lights neighbouring pixels
 * together: MNIST's 7,500 non-zeros of a batch of 50 make about 4,400 entries, and the gradient
 * phase loads each entry's row of the layer's output gradient once for both pixels. Each pair has a
 * bucket of {@code capacity} slots (pair j's from {@code j · capacity}), filled in one pass over
 * the images' lists of lit pairs ({@link SparseImages}, made once per data set): a counting sort
 * that counted each pair's entries first, to place them all in a row, took 10.0-10.8 µs a batch,
 * the buckets 7.3-8.1 (phase timers in a probe outside the repo, bench runs of each in turn; the
 * lister's whole work alone, copy included: JMH {@code ListingBenchmarks}, 15-22 µs a batch), and
 * the gradient phase reads them as fast (the two halves of a batch of 50 fill 39 KB each, of which
 * it reads only each bucket's filled head, pair after pair). The copy lets the thread that did not
 * list the batch read its images from one block the lister has just written, instead of from
 * wherever they lie among the epoch's 25 MB (phase timers: that thread's phase A 51.7 → 40.4 µs).
 */
final class ByPixel {
  final int[] from = new int[Mlp.INPUTS / 2];
  final int[] to = new int[Mlp.INPUTS / 2];
  final int[] entries;
  final short[] copyIndex;
  final byte[] copyLevel;
  final int[] copyStart;
  // per stage boundary j, each image's first non-zero at or past pixel cut[j] (image r's are
  // bound[0][r] .. bound[stages][r]; bound[0] is copyStart)
  final int[][] bound;
  int touched; // read by nobody: keeps the compiler from dropping the loads that bring a batch in

  ByPixel(int capacity, int stages) {
    if (capacity > 1 << 16) {
      throw new IllegalArgumentException("batches of " + capacity + " rows are too large");
    }
    entries = new int[capacity * (Mlp.INPUTS / 2)];
    for (int j = 0; j < from.length; j++) {
      from[j] = j * capacity;
    }
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
   * Reads the first value of every cache line of image {@code img}'s non-zeros and lit pairs (a
   * load per line, none waiting for another: their misses overlap).
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
    int[] pair = data.pairs();
    int pairEnd = data.pairStarts()[img + 1];
    for (int f = data.pairStarts()[img]; f < pairEnd; f += 16) { // 16 ints to a line
      sum += pair[f];
    }
    if (pairEnd > data.pairStarts()[img]) {
      sum += pair[pairEnd - 1];
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
    // each image's lit pairs into their pairs' buckets (SparseImages lists them once per data set)
    int[] pairStart = data.pairStarts();
    int[] pair = data.pairs();
    System.arraycopy(from, 0, to, 0, to.length);
    for (int r = 0; r < rows; r++) {
      int img = order[first + r];
      int row = r << 16;
      for (int f = pairStart[img], end = pairStart[img + 1]; f < end; f++) {
        int q = pair[f];
        entries[to[q >>> 16]++] = row | (q & 0xffff);
      }
    }
  }
}
