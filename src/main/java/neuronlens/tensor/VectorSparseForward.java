package neuronlens.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocks of {@link VectorKernels#sparseForwardRange}: sums over sparse images' non-zero pixels
 * in 8, 5, 4 or 3 vectors kept in registers, for two rows at once or one, and the rest of a row.
 */
final class VectorSparseForward {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorSparseForward() {}

  /** {@link #rows2Block8} or its narrower kin, for {@code v} (8, 5, 4 or 3) vectors. */
  static void pairBlock(
      int v,
      int a0,
      int b0,
      int count,
      short[] index,
      byte[] level,
      float[] table,
      int n,
      float[] w,
      int c,
      float[] init,
      int ia,
      int ib,
      float[] out,
      int o) {
    switch (v) {
      case 8 -> rows2Block8(a0, b0, count, index, level, table, n, w, c, init, ia, ib, out, o);
      case 5 -> rows2Block5(a0, b0, count, index, level, table, n, w, c, init, ia, ib, out, o);
      case 4 -> rows2Block4(a0, b0, count, index, level, table, n, w, c, init, ia, ib, out, o);
      default -> rows2Block3(a0, b0, count, index, level, table, n, w, c, init, ia, ib, out, o);
    }
  }

  /** {@link #row1Block8} or its narrower kin, for {@code v} (8, 5, 4 or 3) vectors. */
  static void rowBlock(
      int v,
      int e0,
      int e1,
      short[] index,
      byte[] level,
      float[] table,
      int n,
      float[] w,
      int c,
      float[] init,
      int io,
      float[] out,
      int o) {
    switch (v) {
      case 8 -> row1Block8(e0, e1, index, level, table, n, w, c, init, io, out, o);
      case 5 -> row1Block5(e0, e1, index, level, table, n, w, c, init, io, out, o);
      case 4 -> row1Block4(e0, e1, index, level, table, n, w, c, init, io, out, o);
      default -> row1Block3(e0, e1, index, level, table, n, w, c, init, io, out, o);
    }
  }

  /**
   * Eight vectors of two rows over {@code count} non-zeros each: {@code out[o ..]} from {@code
   * init[ia ..]} over the non-zeros from {@code a0}, {@code out[o + n ..]} from {@code init[ib ..]}
   * over those from {@code b0}, the weights of input {@code i} at {@code w[i · n + c ..]}, summed
   * in registers. Every value is loaded before any is stored, so {@code init} may be {@code out}.
   * The rows' unequal rests go through {@link #row1Block8}: with them in here, the compiler
   * sometimes ran out of its inlining budget on this method and left vectors boxed, ten times
   * slower (a 180 kB method instead of 20 kB, in one run of three).
   */
  static void rows2Block8(
      int a0,
      int b0,
      int count,
      short[] index,
      byte[] level,
      float[] table,
      int n,
      float[] w,
      int c,
      float[] init,
      int ia,
      int ib,
      float[] out,
      int o) {
    FloatVector x0 = FloatVector.fromArray(S, init, ia);
    FloatVector x1 = FloatVector.fromArray(S, init, ia + L);
    FloatVector x2 = FloatVector.fromArray(S, init, ia + 2 * L);
    FloatVector x3 = FloatVector.fromArray(S, init, ia + 3 * L);
    FloatVector x4 = FloatVector.fromArray(S, init, ia + 4 * L);
    FloatVector x5 = FloatVector.fromArray(S, init, ia + 5 * L);
    FloatVector x6 = FloatVector.fromArray(S, init, ia + 6 * L);
    FloatVector x7 = FloatVector.fromArray(S, init, ia + 7 * L);
    FloatVector y0 = FloatVector.fromArray(S, init, ib);
    FloatVector y1 = FloatVector.fromArray(S, init, ib + L);
    FloatVector y2 = FloatVector.fromArray(S, init, ib + 2 * L);
    FloatVector y3 = FloatVector.fromArray(S, init, ib + 3 * L);
    FloatVector y4 = FloatVector.fromArray(S, init, ib + 4 * L);
    FloatVector y5 = FloatVector.fromArray(S, init, ib + 5 * L);
    FloatVector y6 = FloatVector.fromArray(S, init, ib + 6 * L);
    FloatVector y7 = FloatVector.fromArray(S, init, ib + 7 * L);
    for (int e = 0; e < count; e++) {
      int p = a0 + e;
      int q = b0 + e;
      FloatVector u = FloatVector.broadcast(S, table[level[p] & 0xff]);
      int wu = index[p] * n + c;
      x0 = FloatVector.fromArray(S, w, wu).fma(u, x0);
      x1 = FloatVector.fromArray(S, w, wu + L).fma(u, x1);
      x2 = FloatVector.fromArray(S, w, wu + 2 * L).fma(u, x2);
      x3 = FloatVector.fromArray(S, w, wu + 3 * L).fma(u, x3);
      x4 = FloatVector.fromArray(S, w, wu + 4 * L).fma(u, x4);
      x5 = FloatVector.fromArray(S, w, wu + 5 * L).fma(u, x5);
      x6 = FloatVector.fromArray(S, w, wu + 6 * L).fma(u, x6);
      x7 = FloatVector.fromArray(S, w, wu + 7 * L).fma(u, x7);
      FloatVector v = FloatVector.broadcast(S, table[level[q] & 0xff]);
      int wv = index[q] * n + c;
      y0 = FloatVector.fromArray(S, w, wv).fma(v, y0);
      y1 = FloatVector.fromArray(S, w, wv + L).fma(v, y1);
      y2 = FloatVector.fromArray(S, w, wv + 2 * L).fma(v, y2);
      y3 = FloatVector.fromArray(S, w, wv + 3 * L).fma(v, y3);
      y4 = FloatVector.fromArray(S, w, wv + 4 * L).fma(v, y4);
      y5 = FloatVector.fromArray(S, w, wv + 5 * L).fma(v, y5);
      y6 = FloatVector.fromArray(S, w, wv + 6 * L).fma(v, y6);
      y7 = FloatVector.fromArray(S, w, wv + 7 * L).fma(v, y7);
    }
    x0.intoArray(out, o);
    x1.intoArray(out, o + L);
    x2.intoArray(out, o + 2 * L);
    x3.intoArray(out, o + 3 * L);
    x4.intoArray(out, o + 4 * L);
    x5.intoArray(out, o + 5 * L);
    x6.intoArray(out, o + 6 * L);
    x7.intoArray(out, o + 7 * L);
    y0.intoArray(out, o + n);
    y1.intoArray(out, o + n + L);
    y2.intoArray(out, o + n + 2 * L);
    y3.intoArray(out, o + n + 3 * L);
    y4.intoArray(out, o + n + 4 * L);
    y5.intoArray(out, o + n + 5 * L);
    y6.intoArray(out, o + n + 6 * L);
    y7.intoArray(out, o + n + 7 * L);
  }

  /** {@link #rows2Block8} for one row, over the non-zeros {@code [e0, e1)}. */
  static void row1Block8(
      int e0,
      int e1,
      short[] index,
      byte[] level,
      float[] table,
      int n,
      float[] w,
      int c,
      float[] init,
      int io,
      float[] out,
      int o) {
    FloatVector x0 = FloatVector.fromArray(S, init, io);
    FloatVector x1 = FloatVector.fromArray(S, init, io + L);
    FloatVector x2 = FloatVector.fromArray(S, init, io + 2 * L);
    FloatVector x3 = FloatVector.fromArray(S, init, io + 3 * L);
    FloatVector x4 = FloatVector.fromArray(S, init, io + 4 * L);
    FloatVector x5 = FloatVector.fromArray(S, init, io + 5 * L);
    FloatVector x6 = FloatVector.fromArray(S, init, io + 6 * L);
    FloatVector x7 = FloatVector.fromArray(S, init, io + 7 * L);
    for (int p = e0; p < e1; p++) {
      FloatVector u = FloatVector.broadcast(S, table[level[p] & 0xff]);
      int wu = index[p] * n + c;
      x0 = FloatVector.fromArray(S, w, wu).fma(u, x0);
      x1 = FloatVector.fromArray(S, w, wu + L).fma(u, x1);
      x2 = FloatVector.fromArray(S, w, wu + 2 * L).fma(u, x2);
      x3 = FloatVector.fromArray(S, w, wu + 3 * L).fma(u, x3);
      x4 = FloatVector.fromArray(S, w, wu + 4 * L).fma(u, x4);
      x5 = FloatVector.fromArray(S, w, wu + 5 * L).fma(u, x5);
      x6 = FloatVector.fromArray(S, w, wu + 6 * L).fma(u, x6);
      x7 = FloatVector.fromArray(S, w, wu + 7 * L).fma(u, x7);
    }
    x0.intoArray(out, o);
    x1.intoArray(out, o + L);
    x2.intoArray(out, o + 2 * L);
    x3.intoArray(out, o + 3 * L);
    x4.intoArray(out, o + 4 * L);
    x5.intoArray(out, o + 5 * L);
    x6.intoArray(out, o + 6 * L);
    x7.intoArray(out, o + 7 * L);
  }

  /** {@link #rows2Block8} for 4 vectors. */
  static void rows2Block4(
      int a0,
      int b0,
      int count,
      short[] index,
      byte[] level,
      float[] table,
      int n,
      float[] w,
      int c,
      float[] init,
      int ia,
      int ib,
      float[] out,
      int o) {
    FloatVector x0 = FloatVector.fromArray(S, init, ia);
    FloatVector x1 = FloatVector.fromArray(S, init, ia + L);
    FloatVector x2 = FloatVector.fromArray(S, init, ia + 2 * L);
    FloatVector x3 = FloatVector.fromArray(S, init, ia + 3 * L);
    FloatVector y0 = FloatVector.fromArray(S, init, ib);
    FloatVector y1 = FloatVector.fromArray(S, init, ib + L);
    FloatVector y2 = FloatVector.fromArray(S, init, ib + 2 * L);
    FloatVector y3 = FloatVector.fromArray(S, init, ib + 3 * L);
    for (int e = 0; e < count; e++) {
      int p = a0 + e;
      int q = b0 + e;
      FloatVector u = FloatVector.broadcast(S, table[level[p] & 0xff]);
      int wu = index[p] * n + c;
      x0 = FloatVector.fromArray(S, w, wu).fma(u, x0);
      x1 = FloatVector.fromArray(S, w, wu + L).fma(u, x1);
      x2 = FloatVector.fromArray(S, w, wu + 2 * L).fma(u, x2);
      x3 = FloatVector.fromArray(S, w, wu + 3 * L).fma(u, x3);
      FloatVector v = FloatVector.broadcast(S, table[level[q] & 0xff]);
      int wv = index[q] * n + c;
      y0 = FloatVector.fromArray(S, w, wv).fma(v, y0);
      y1 = FloatVector.fromArray(S, w, wv + L).fma(v, y1);
      y2 = FloatVector.fromArray(S, w, wv + 2 * L).fma(v, y2);
      y3 = FloatVector.fromArray(S, w, wv + 3 * L).fma(v, y3);
    }
    x0.intoArray(out, o);
    x1.intoArray(out, o + L);
    x2.intoArray(out, o + 2 * L);
    x3.intoArray(out, o + 3 * L);
    y0.intoArray(out, o + n);
    y1.intoArray(out, o + n + L);
    y2.intoArray(out, o + n + 2 * L);
    y3.intoArray(out, o + n + 3 * L);
  }

  /** {@link #rows2Block4} for one row, over the non-zeros {@code [e0, e1)}. */
  static void row1Block4(
      int e0,
      int e1,
      short[] index,
      byte[] level,
      float[] table,
      int n,
      float[] w,
      int c,
      float[] init,
      int io,
      float[] out,
      int o) {
    FloatVector x0 = FloatVector.fromArray(S, init, io);
    FloatVector x1 = FloatVector.fromArray(S, init, io + L);
    FloatVector x2 = FloatVector.fromArray(S, init, io + 2 * L);
    FloatVector x3 = FloatVector.fromArray(S, init, io + 3 * L);
    for (int p = e0; p < e1; p++) {
      FloatVector u = FloatVector.broadcast(S, table[level[p] & 0xff]);
      int wu = index[p] * n + c;
      x0 = FloatVector.fromArray(S, w, wu).fma(u, x0);
      x1 = FloatVector.fromArray(S, w, wu + L).fma(u, x1);
      x2 = FloatVector.fromArray(S, w, wu + 2 * L).fma(u, x2);
      x3 = FloatVector.fromArray(S, w, wu + 3 * L).fma(u, x3);
    }
    x0.intoArray(out, o);
    x1.intoArray(out, o + L);
    x2.intoArray(out, o + 2 * L);
    x3.intoArray(out, o + 3 * L);
  }

  /** {@link #rows2Block8} for 3 vectors. */
  static void rows2Block3(
      int a0,
      int b0,
      int count,
      short[] index,
      byte[] level,
      float[] table,
      int n,
      float[] w,
      int c,
      float[] init,
      int ia,
      int ib,
      float[] out,
      int o) {
    FloatVector x0 = FloatVector.fromArray(S, init, ia);
    FloatVector x1 = FloatVector.fromArray(S, init, ia + L);
    FloatVector x2 = FloatVector.fromArray(S, init, ia + 2 * L);
    FloatVector y0 = FloatVector.fromArray(S, init, ib);
    FloatVector y1 = FloatVector.fromArray(S, init, ib + L);
    FloatVector y2 = FloatVector.fromArray(S, init, ib + 2 * L);
    for (int e = 0; e < count; e++) {
      int p = a0 + e;
      int q = b0 + e;
      FloatVector u = FloatVector.broadcast(S, table[level[p] & 0xff]);
      int wu = index[p] * n + c;
      x0 = FloatVector.fromArray(S, w, wu).fma(u, x0);
      x1 = FloatVector.fromArray(S, w, wu + L).fma(u, x1);
      x2 = FloatVector.fromArray(S, w, wu + 2 * L).fma(u, x2);
      FloatVector v = FloatVector.broadcast(S, table[level[q] & 0xff]);
      int wv = index[q] * n + c;
      y0 = FloatVector.fromArray(S, w, wv).fma(v, y0);
      y1 = FloatVector.fromArray(S, w, wv + L).fma(v, y1);
      y2 = FloatVector.fromArray(S, w, wv + 2 * L).fma(v, y2);
    }
    x0.intoArray(out, o);
    x1.intoArray(out, o + L);
    x2.intoArray(out, o + 2 * L);
    y0.intoArray(out, o + n);
    y1.intoArray(out, o + n + L);
    y2.intoArray(out, o + n + 2 * L);
  }

  /** {@link #rows2Block3} for one row, over the non-zeros {@code [e0, e1)}. */
  static void row1Block3(
      int e0,
      int e1,
      short[] index,
      byte[] level,
      float[] table,
      int n,
      float[] w,
      int c,
      float[] init,
      int io,
      float[] out,
      int o) {
    FloatVector x0 = FloatVector.fromArray(S, init, io);
    FloatVector x1 = FloatVector.fromArray(S, init, io + L);
    FloatVector x2 = FloatVector.fromArray(S, init, io + 2 * L);
    for (int p = e0; p < e1; p++) {
      FloatVector u = FloatVector.broadcast(S, table[level[p] & 0xff]);
      int wu = index[p] * n + c;
      x0 = FloatVector.fromArray(S, w, wu).fma(u, x0);
      x1 = FloatVector.fromArray(S, w, wu + L).fma(u, x1);
      x2 = FloatVector.fromArray(S, w, wu + 2 * L).fma(u, x2);
    }
    x0.intoArray(out, o);
    x1.intoArray(out, o + L);
    x2.intoArray(out, o + 2 * L);
  }

  /** {@link #rows2Block8} for 5 vectors. */
  static void rows2Block5(
      int a0,
      int b0,
      int count,
      short[] index,
      byte[] level,
      float[] table,
      int n,
      float[] w,
      int c,
      float[] init,
      int ia,
      int ib,
      float[] out,
      int o) {
    FloatVector x0 = FloatVector.fromArray(S, init, ia);
    FloatVector x1 = FloatVector.fromArray(S, init, ia + L);
    FloatVector x2 = FloatVector.fromArray(S, init, ia + 2 * L);
    FloatVector x3 = FloatVector.fromArray(S, init, ia + 3 * L);
    FloatVector x4 = FloatVector.fromArray(S, init, ia + 4 * L);
    FloatVector y0 = FloatVector.fromArray(S, init, ib);
    FloatVector y1 = FloatVector.fromArray(S, init, ib + L);
    FloatVector y2 = FloatVector.fromArray(S, init, ib + 2 * L);
    FloatVector y3 = FloatVector.fromArray(S, init, ib + 3 * L);
    FloatVector y4 = FloatVector.fromArray(S, init, ib + 4 * L);
    for (int e = 0; e < count; e++) {
      int p = a0 + e;
      int q = b0 + e;
      FloatVector u = FloatVector.broadcast(S, table[level[p] & 0xff]);
      int wu = index[p] * n + c;
      x0 = FloatVector.fromArray(S, w, wu).fma(u, x0);
      x1 = FloatVector.fromArray(S, w, wu + L).fma(u, x1);
      x2 = FloatVector.fromArray(S, w, wu + 2 * L).fma(u, x2);
      x3 = FloatVector.fromArray(S, w, wu + 3 * L).fma(u, x3);
      x4 = FloatVector.fromArray(S, w, wu + 4 * L).fma(u, x4);
      FloatVector v = FloatVector.broadcast(S, table[level[q] & 0xff]);
      int wv = index[q] * n + c;
      y0 = FloatVector.fromArray(S, w, wv).fma(v, y0);
      y1 = FloatVector.fromArray(S, w, wv + L).fma(v, y1);
      y2 = FloatVector.fromArray(S, w, wv + 2 * L).fma(v, y2);
      y3 = FloatVector.fromArray(S, w, wv + 3 * L).fma(v, y3);
      y4 = FloatVector.fromArray(S, w, wv + 4 * L).fma(v, y4);
    }
    x0.intoArray(out, o);
    x1.intoArray(out, o + L);
    x2.intoArray(out, o + 2 * L);
    x3.intoArray(out, o + 3 * L);
    x4.intoArray(out, o + 4 * L);
    y0.intoArray(out, o + n);
    y1.intoArray(out, o + n + L);
    y2.intoArray(out, o + n + 2 * L);
    y3.intoArray(out, o + n + 3 * L);
    y4.intoArray(out, o + n + 4 * L);
  }

  /** {@link #rows2Block5} for one row, over the non-zeros {@code [e0, e1)}. */
  static void row1Block5(
      int e0,
      int e1,
      short[] index,
      byte[] level,
      float[] table,
      int n,
      float[] w,
      int c,
      float[] init,
      int io,
      float[] out,
      int o) {
    FloatVector x0 = FloatVector.fromArray(S, init, io);
    FloatVector x1 = FloatVector.fromArray(S, init, io + L);
    FloatVector x2 = FloatVector.fromArray(S, init, io + 2 * L);
    FloatVector x3 = FloatVector.fromArray(S, init, io + 3 * L);
    FloatVector x4 = FloatVector.fromArray(S, init, io + 4 * L);
    for (int p = e0; p < e1; p++) {
      FloatVector u = FloatVector.broadcast(S, table[level[p] & 0xff]);
      int wu = index[p] * n + c;
      x0 = FloatVector.fromArray(S, w, wu).fma(u, x0);
      x1 = FloatVector.fromArray(S, w, wu + L).fma(u, x1);
      x2 = FloatVector.fromArray(S, w, wu + 2 * L).fma(u, x2);
      x3 = FloatVector.fromArray(S, w, wu + 3 * L).fma(u, x3);
      x4 = FloatVector.fromArray(S, w, wu + 4 * L).fma(u, x4);
    }
    x0.intoArray(out, o);
    x1.intoArray(out, o + L);
    x2.intoArray(out, o + 2 * L);
    x3.intoArray(out, o + 3 * L);
    x4.intoArray(out, o + 4 * L);
  }

  /**
   * Columns {@code c0 .. n)} of one row at {@code out[o ..]}, from {@code init[io ..]} over the
   * non-zeros {@code [e0, e1)}: vectors, then floats.
   */
  static void rowRest(
      int e0,
      int e1,
      int c0,
      short[] index,
      byte[] level,
      float[] table,
      int n,
      float[] w,
      int wAt,
      float[] init,
      int io,
      float[] out,
      int o) {
    int c = c0;
    for (; c + L <= n; c += L) {
      FloatVector a = FloatVector.fromArray(S, init, io + c);
      for (int e = e0; e < e1; e++) {
        a =
            FloatVector.fromArray(S, w, wAt + index[e] * n + c)
                .fma(FloatVector.broadcast(S, table[level[e] & 0xff]), a);
      }
      a.intoArray(out, o + c);
    }
    for (; c < n; c++) {
      float acc = init[io + c];
      for (int e = e0; e < e1; e++) {
        acc = Math.fma(table[level[e] & 0xff], w[wAt + index[e] * n + c], acc);
      }
      out[o + c] = acc;
    }
  }
}
