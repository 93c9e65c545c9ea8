package neuronlens.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocks of {@link VectorKernels#sparseGradAdam}: two first-kernel rows' gradients (a pair of
 * pixels) over a sparse batch in 1, 4 or 8 vectors of each kept in registers.
 */
final class VectorSparseGrad {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorSparseGrad() {}

  /**
   * Two first-kernel rows' gradients at once, the pixels {@code 2j} and {@code 2j + 1} of a pair:
   * {@code g[go ..]} (the even pixel's row) and {@code g[go + n ..]} (the odd one's) over columns
   * {@code c .. c + 8L)}, from entries {@code row << 16 | odd << 8 | even} (a value of 0: the pixel
   * is not lit in that row). Each row of dz is loaded once for both pixels: neighbouring pixels are
   * lit in the same images (MNIST's 7,500 entries of a batch of 50 are 4,400 pairs), and loading dz
   * was this kernel's bound. An unlit pixel's term is {@code 0 · dz = ±0}, which leaves a sum as it
   * is (a sum of fmas from +0 is never -0), so each row's gradient is the single-pixel sum bit for
   * bit, for finite dz.
   */
  static void gradPair8(
      int e0, int e1, int[] entries, float[] table, float[] dz, int n, int c, float[] g, int go) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector a4 = a0;
    FloatVector a5 = a0;
    FloatVector a6 = a0;
    FloatVector a7 = a0;
    FloatVector b0 = a0;
    FloatVector b1 = a0;
    FloatVector b2 = a0;
    FloatVector b3 = a0;
    FloatVector b4 = a0;
    FloatVector b5 = a0;
    FloatVector b6 = a0;
    FloatVector b7 = a0;
    for (int e = e0; e < e1; e++) {
      int q = entries[e];
      FloatVector x = FloatVector.broadcast(S, table[q & 0xff]);
      FloatVector y = FloatVector.broadcast(S, table[(q >>> 8) & 0xff]);
      int d = (q >>> 16) * n + c;
      FloatVector t = FloatVector.fromArray(S, dz, d);
      a0 = t.fma(x, a0);
      b0 = t.fma(y, b0);
      t = FloatVector.fromArray(S, dz, d + L);
      a1 = t.fma(x, a1);
      b1 = t.fma(y, b1);
      t = FloatVector.fromArray(S, dz, d + 2 * L);
      a2 = t.fma(x, a2);
      b2 = t.fma(y, b2);
      t = FloatVector.fromArray(S, dz, d + 3 * L);
      a3 = t.fma(x, a3);
      b3 = t.fma(y, b3);
      t = FloatVector.fromArray(S, dz, d + 4 * L);
      a4 = t.fma(x, a4);
      b4 = t.fma(y, b4);
      t = FloatVector.fromArray(S, dz, d + 5 * L);
      a5 = t.fma(x, a5);
      b5 = t.fma(y, b5);
      t = FloatVector.fromArray(S, dz, d + 6 * L);
      a6 = t.fma(x, a6);
      b6 = t.fma(y, b6);
      t = FloatVector.fromArray(S, dz, d + 7 * L);
      a7 = t.fma(x, a7);
      b7 = t.fma(y, b7);
    }
    a0.intoArray(g, go);
    a1.intoArray(g, go + L);
    a2.intoArray(g, go + 2 * L);
    a3.intoArray(g, go + 3 * L);
    a4.intoArray(g, go + 4 * L);
    a5.intoArray(g, go + 5 * L);
    a6.intoArray(g, go + 6 * L);
    a7.intoArray(g, go + 7 * L);
    int ho = go + n;
    b0.intoArray(g, ho);
    b1.intoArray(g, ho + L);
    b2.intoArray(g, ho + 2 * L);
    b3.intoArray(g, ho + 3 * L);
    b4.intoArray(g, ho + 4 * L);
    b5.intoArray(g, ho + 5 * L);
    b6.intoArray(g, ho + 6 * L);
    b7.intoArray(g, ho + 7 * L);
  }

  /** {@link #gradPair8} over 4 vectors, columns {@code c .. c + 4L)}. */
  static void gradPair4(
      int e0, int e1, int[] entries, float[] table, float[] dz, int n, int c, float[] g, int go) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector b0 = a0;
    FloatVector b1 = a0;
    FloatVector b2 = a0;
    FloatVector b3 = a0;
    for (int e = e0; e < e1; e++) {
      int q = entries[e];
      FloatVector x = FloatVector.broadcast(S, table[q & 0xff]);
      FloatVector y = FloatVector.broadcast(S, table[(q >>> 8) & 0xff]);
      int d = (q >>> 16) * n + c;
      FloatVector t = FloatVector.fromArray(S, dz, d);
      a0 = t.fma(x, a0);
      b0 = t.fma(y, b0);
      t = FloatVector.fromArray(S, dz, d + L);
      a1 = t.fma(x, a1);
      b1 = t.fma(y, b1);
      t = FloatVector.fromArray(S, dz, d + 2 * L);
      a2 = t.fma(x, a2);
      b2 = t.fma(y, b2);
      t = FloatVector.fromArray(S, dz, d + 3 * L);
      a3 = t.fma(x, a3);
      b3 = t.fma(y, b3);
    }
    a0.intoArray(g, go);
    a1.intoArray(g, go + L);
    a2.intoArray(g, go + 2 * L);
    a3.intoArray(g, go + 3 * L);
    int ho = go + n;
    b0.intoArray(g, ho);
    b1.intoArray(g, ho + L);
    b2.intoArray(g, ho + 2 * L);
    b3.intoArray(g, ho + 3 * L);
  }

  /** {@link #gradPair8} over one vector, columns {@code c .. c + L)}. */
  static void gradPair1(
      int e0, int e1, int[] entries, float[] table, float[] dz, int n, int c, float[] g, int go) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector b0 = a0;
    for (int e = e0; e < e1; e++) {
      int q = entries[e];
      FloatVector t = FloatVector.fromArray(S, dz, (q >>> 16) * n + c);
      a0 = t.fma(FloatVector.broadcast(S, table[q & 0xff]), a0);
      b0 = t.fma(FloatVector.broadcast(S, table[(q >>> 8) & 0xff]), b0);
    }
    a0.intoArray(g, go);
    b0.intoArray(g, go + n);
  }
}
