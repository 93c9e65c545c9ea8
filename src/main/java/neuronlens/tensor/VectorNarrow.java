package neuronlens.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorKernels}' products for layers narrower than a vector (the output layer's 10 units on
 * 16 lanes): vectors over the units instead of over the inputs, kernel rows padded to a vector.
 */
final class VectorNarrow {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final VectorSpecies<Integer> I = S.withLanes(int.class);

  private VectorNarrow() {}

  /**
   * {@code y[yOff .. yOff + len) = sum over c < count of a[aOff + c·aStride] · x[xOff + c·xStride
   * ..]}, each element summed from 0 in {@code c} order with the fmas of {@link Kernels#axpy}: what
   * {@code count} axpy calls into a zeroed {@code y} compute, with {@code y} kept in registers.
   */
  static void axpySum(
      int len,
      int count,
      float[] a,
      int aOff,
      int aStride,
      float[] x,
      int xOff,
      int xStride,
      float[] y,
      int yOff) {
    int j = 0;
    for (; j + 4 * L <= len; j += 4 * L) {
      FloatVector y0 = FloatVector.zero(S);
      FloatVector y1 = FloatVector.zero(S);
      FloatVector y2 = FloatVector.zero(S);
      FloatVector y3 = FloatVector.zero(S);
      for (int c = 0; c < count; c++) {
        FloatVector va = FloatVector.broadcast(S, a[aOff + c * aStride]);
        int xo = xOff + c * xStride + j;
        y0 = FloatVector.fromArray(S, x, xo).fma(va, y0);
        y1 = FloatVector.fromArray(S, x, xo + L).fma(va, y1);
        y2 = FloatVector.fromArray(S, x, xo + 2 * L).fma(va, y2);
        y3 = FloatVector.fromArray(S, x, xo + 3 * L).fma(va, y3);
      }
      y0.intoArray(y, yOff + j);
      y1.intoArray(y, yOff + j + L);
      y2.intoArray(y, yOff + j + 2 * L);
      y3.intoArray(y, yOff + j + 3 * L);
    }
    for (int bound = S.loopBound(len); j < bound; j += L) {
      FloatVector y0 = FloatVector.zero(S);
      for (int c = 0; c < count; c++) {
        FloatVector va = FloatVector.broadcast(S, a[aOff + c * aStride]);
        y0 = FloatVector.fromArray(S, x, xOff + c * xStride + j).fma(va, y0);
      }
      y0.intoArray(y, yOff + j);
    }
    for (; j < len; j++) {
      float acc = 0f;
      for (int c = 0; c < count; c++) {
        acc = Math.fma(a[aOff + c * aStride], x[xOff + c * xStride + j], acc);
      }
      y[yOff + j] = acc;
    }
  }

  /** {@link Kernels#matmulBias} for fewer units than the 16 lanes of a vector. */
  static void matmulBiasNarrow(
      int rows, int k, int n, float[] a, float[] w, float[] bias, float[] out) {
    // fewer units than lanes (the output layer): each output is what dot() gives for the row and
    // a kernel column: sixteen partial sums, one per lane, summed lane after lane. Here the
    // partial sums of all units are kept as vectors over the units, one per lane position: the
    // same fmas and additions in the same order, for every unit at once, with no reduction.
    // Each kernel row is copied into a vector of its own, zeros past n, on a cache line of its
    // own (see Aligned): loads of rows n floats apart straddled two lines
    float[] wp = VectorScratch.scratch(Aligned.START + k * L);
    padRows(w, k, n, wp, Aligned.START);
    int kb = S.loopBound(k);
    for (int r = 0; r < rows; r++) {
      int ao = r * k;
      FloatVector p0 = FloatVector.zero(S);
      FloatVector p1 = FloatVector.zero(S);
      FloatVector p2 = FloatVector.zero(S);
      FloatVector p3 = FloatVector.zero(S);
      FloatVector p4 = FloatVector.zero(S);
      FloatVector p5 = FloatVector.zero(S);
      FloatVector p6 = FloatVector.zero(S);
      FloatVector p7 = FloatVector.zero(S);
      FloatVector p8 = FloatVector.zero(S);
      FloatVector p9 = FloatVector.zero(S);
      FloatVector p10 = FloatVector.zero(S);
      FloatVector p11 = FloatVector.zero(S);
      FloatVector p12 = FloatVector.zero(S);
      FloatVector p13 = FloatVector.zero(S);
      FloatVector p14 = FloatVector.zero(S);
      FloatVector p15 = FloatVector.zero(S);
      for (int j = 0; j < kb; j += L) {
        p0 =
            FloatVector.broadcast(S, a[ao + j + 0])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 0) * L), p0);
        p1 =
            FloatVector.broadcast(S, a[ao + j + 1])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 1) * L), p1);
        p2 =
            FloatVector.broadcast(S, a[ao + j + 2])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 2) * L), p2);
        p3 =
            FloatVector.broadcast(S, a[ao + j + 3])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 3) * L), p3);
        p4 =
            FloatVector.broadcast(S, a[ao + j + 4])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 4) * L), p4);
        p5 =
            FloatVector.broadcast(S, a[ao + j + 5])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 5) * L), p5);
        p6 =
            FloatVector.broadcast(S, a[ao + j + 6])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 6) * L), p6);
        p7 =
            FloatVector.broadcast(S, a[ao + j + 7])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 7) * L), p7);
        p8 =
            FloatVector.broadcast(S, a[ao + j + 8])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 8) * L), p8);
        p9 =
            FloatVector.broadcast(S, a[ao + j + 9])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 9) * L), p9);
        p10 =
            FloatVector.broadcast(S, a[ao + j + 10])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 10) * L), p10);
        p11 =
            FloatVector.broadcast(S, a[ao + j + 11])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 11) * L), p11);
        p12 =
            FloatVector.broadcast(S, a[ao + j + 12])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 12) * L), p12);
        p13 =
            FloatVector.broadcast(S, a[ao + j + 13])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 13) * L), p13);
        p14 =
            FloatVector.broadcast(S, a[ao + j + 14])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 14) * L), p14);
        p15 =
            FloatVector.broadcast(S, a[ao + j + 15])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + (j + 15) * L), p15);
      }
      FloatVector sum =
          p0.add(p1)
              .add(p2)
              .add(p3)
              .add(p4)
              .add(p5)
              .add(p6)
              .add(p7)
              .add(p8)
              .add(p9)
              .add(p10)
              .add(p11)
              .add(p12)
              .add(p13)
              .add(p14)
              .add(p15);
      for (int j = kb; j < k; j++) {
        sum =
            FloatVector.broadcast(S, a[ao + j])
                .fma(FloatVector.fromArray(S, wp, Aligned.START + j * L), sum);
      }
      // the bias added lane by lane, as the output's n floats are taken out of the vector: a
      // vector add and store here (through a scratch row) failed to compile as instructions in
      // about half the processes ("failed to inline (intrinsic)"), the vector boxed at every row,
      // 9.6 kB a step (`bench`: 121.3 MB allocated by the calling thread a training run instead of
      // 10.9; this way 10.9 in 16 of 16 processes)
      for (int c = 0; c < n; c++) {
        out[r * n + c] = bias[c] + sum.lane(c);
      }
    }
  }

  /**
   * {@link Kernels#gradKernelBias} for fewer units than lanes (the output layer): each row of
   * {@code dw} (one input's weights to the n units) is a vector over the units, summed over the
   * batch in registers, eight rows at a time, from {@code dz}'s rows padded to a vector. Each
   * weight gets the fmas one axpy per batch row and unit gives it (as from the transposed gradient,
   * which this kernel computed before at the cost of two transpositions), in the same order.
   */
  static void gradKernelBiasNarrow(
      int rows, int k, int n, float[] a, float[] dz, float[] dw, float[] db) {
    // (rows, L): dz, zeros past n, each row on a cache line (see Aligned)
    float[] d = VectorScratch.scratch(Aligned.START + rows * L);
    int d0 = Aligned.START;
    padRows(dz, rows, n, d, d0);
    FloatVector sum = FloatVector.zero(S);
    for (int r = 0; r < rows; r++) {
      sum = sum.add(FloatVector.fromArray(S, d, d0 + r * L)); // fma(1, x, y) rounds as x + y does
    }
    float[] out = VectorScratch.smallScratch(2 * L);
    sum.intoArray(out, 0);
    System.arraycopy(out, 0, db, 0, n);
    int i = 0;
    for (; i + 8 <= k; i += 8) {
      FloatVector g0 = FloatVector.zero(S);
      FloatVector g1 = FloatVector.zero(S);
      FloatVector g2 = FloatVector.zero(S);
      FloatVector g3 = FloatVector.zero(S);
      FloatVector g4 = FloatVector.zero(S);
      FloatVector g5 = FloatVector.zero(S);
      FloatVector g6 = FloatVector.zero(S);
      FloatVector g7 = FloatVector.zero(S);
      for (int r = 0; r < rows; r++) {
        FloatVector dr = FloatVector.fromArray(S, d, d0 + r * L);
        int ao = r * k + i;
        g0 = FloatVector.broadcast(S, a[ao]).fma(dr, g0);
        g1 = FloatVector.broadcast(S, a[ao + 1]).fma(dr, g1);
        g2 = FloatVector.broadcast(S, a[ao + 2]).fma(dr, g2);
        g3 = FloatVector.broadcast(S, a[ao + 3]).fma(dr, g3);
        g4 = FloatVector.broadcast(S, a[ao + 4]).fma(dr, g4);
        g5 = FloatVector.broadcast(S, a[ao + 5]).fma(dr, g5);
        g6 = FloatVector.broadcast(S, a[ao + 6]).fma(dr, g6);
        g7 = FloatVector.broadcast(S, a[ao + 7]).fma(dr, g7);
      }
      storeRow(g0, dw, i, k, n, out);
      storeRow(g1, dw, i + 1, k, n, out);
      storeRow(g2, dw, i + 2, k, n, out);
      storeRow(g3, dw, i + 3, k, n, out);
      storeRow(g4, dw, i + 4, k, n, out);
      storeRow(g5, dw, i + 5, k, n, out);
      storeRow(g6, dw, i + 6, k, n, out);
      storeRow(g7, dw, i + 7, k, n, out);
    }
    for (; i < k; i++) {
      FloatVector g = FloatVector.zero(S);
      for (int r = 0; r < rows; r++) {
        g = FloatVector.broadcast(S, a[r * k + i]).fma(FloatVector.fromArray(S, d, d0 + r * L), g);
      }
      storeRow(g, dw, i, k, n, out);
    }
  }

  /** -1 (all bits) in the first L ints, 0 in the next L: lanes {@code l < n} from {@code L - n}. */
  static final int[] KEEP = new int[2 * L];

  static {
    Arrays.fill(KEEP, 0, L, -1);
  }

  /**
   * Rows {@code 0 .. rows)} of {@code src (rows, n)}, {@code n < L}, each into a vector's worth of
   * {@code dst} from {@code dstOff + r·L}, zeros past n: a whole-vector load, the lanes past n
   * cleared on their bits, a store, while the load stays within {@code src}; an arraycopy and a
   * fill for the last rows. (An arraycopy and a fill for every row cost about 1 µs for the output
   * layer's 128 kernel rows, a fifth of its forward, in a harness.)
   */
  static void padRows(float[] src, int rows, int n, float[] dst, int dstOff) {
    IntVector keep = IntVector.fromArray(I, KEEP, L - n);
    int r = 0;
    for (; r < rows && r * n + L <= src.length; r++) {
      FloatVector.fromArray(S, src, r * n)
          .viewAsIntegralLanes()
          .and(keep)
          .viewAsFloatingLanes()
          .intoArray(dst, dstOff + r * L);
    }
    for (; r < rows; r++) {
      System.arraycopy(src, r * n, dst, dstOff + r * L, n);
      Arrays.fill(dst, dstOff + r * L + n, dstOff + (r + 1) * L, 0f);
    }
  }

  /**
   * Row {@code i} of a (k, n) array from the first n lanes of {@code g}: a whole vector while it
   * ends within the array (its last lanes land on the next rows, which are stored after it), else
   * through {@code out}.
   */
  static void storeRow(FloatVector g, float[] dw, int i, int k, int n, float[] out) {
    if (i * n + L <= k * n) {
      g.intoArray(dw, i * n);
    } else {
      g.intoArray(out, 0);
      System.arraycopy(out, 0, dw, i * n, n);
    }
  }

  /**
   * {@code w (k, n)} transposed into a per-thread buffer {@code (n, k)}, from {@link
   * Aligned#START}.
   */
  static float[] transposed(float[] w, int k, int n) {
    float[] t = VectorScratch.aligned(k * n);
    // L rows at a time, each column gathered into a vector (lane l from row i + l) and stored
    // whole: the scalar loop took 1.3 µs for the output layer's 128 × 10, 40 % of the input
    // gradient it serves (a harness)
    int[] across = VectorScratch.indexScratch(L);
    for (int l = 0; l < L; l++) {
      across[l] = l * n;
    }
    int i = 0;
    for (; i + L <= k; i += L) {
      for (int c = 0; c < n; c++) {
        FloatVector.fromArray(S, w, i * n + c, across, 0).intoArray(t, Aligned.START + c * k + i);
      }
    }
    for (; i < k; i++) {
      for (int c = 0; c < n; c++) {
        t[Aligned.START + c * k + i] = w[i * n + c];
      }
    }
    return t;
  }
}
