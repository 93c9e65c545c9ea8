package neuronlens.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocks of {@link VectorKernels#sparseGradAdam}: one first-kernel row's gradient over a sparse
 * batch in 1, 3, 4, 5 or 8 vectors kept in registers.
 */
final class VectorSparseGrad {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorSparseGrad() {}

  /** {@link #gradRow4} for one vector, columns {@code c .. c + L)}. */
  static void gradRow1(
      int e0, int e1, int[] entries, float[] table, float[] dz, int n, int c, float[] g, int go) {
    FloatVector g0 = FloatVector.zero(S);
    for (int e = e0; e < e1; e++) {
      int q = entries[e];
      g0 =
          FloatVector.fromArray(S, dz, (q >>> 8) * n + c)
              .fma(FloatVector.broadcast(S, table[q & 0xff]), g0);
    }
    g0.intoArray(g, go);
  }

  /**
   * {@code g[go .. go + 8L) = sum over e in [e0, e1) of table[v] · dz[row · n + c ..]} over the
   * entries {@code row << 8 | v}, summed in 8 registers in entry order (the first term is a product
   * rounded once, as {@code 0 + x·y}).
   */
  static void gradRow8(
      int e0, int e1, int[] entries, float[] table, float[] dz, int n, int c, float[] g, int go) {
    FloatVector g0 = FloatVector.zero(S);
    FloatVector g1 = FloatVector.zero(S);
    FloatVector g2 = FloatVector.zero(S);
    FloatVector g3 = FloatVector.zero(S);
    FloatVector g4 = FloatVector.zero(S);
    FloatVector g5 = FloatVector.zero(S);
    FloatVector g6 = FloatVector.zero(S);
    FloatVector g7 = FloatVector.zero(S);
    for (int e = e0; e < e1; e++) {
      int q = entries[e];
      FloatVector x = FloatVector.broadcast(S, table[q & 0xff]);
      int d = (q >>> 8) * n + c;
      g0 = FloatVector.fromArray(S, dz, d).fma(x, g0);
      g1 = FloatVector.fromArray(S, dz, d + L).fma(x, g1);
      g2 = FloatVector.fromArray(S, dz, d + 2 * L).fma(x, g2);
      g3 = FloatVector.fromArray(S, dz, d + 3 * L).fma(x, g3);
      g4 = FloatVector.fromArray(S, dz, d + 4 * L).fma(x, g4);
      g5 = FloatVector.fromArray(S, dz, d + 5 * L).fma(x, g5);
      g6 = FloatVector.fromArray(S, dz, d + 6 * L).fma(x, g6);
      g7 = FloatVector.fromArray(S, dz, d + 7 * L).fma(x, g7);
    }
    g0.intoArray(g, go);
    g1.intoArray(g, go + L);
    g2.intoArray(g, go + 2 * L);
    g3.intoArray(g, go + 3 * L);
    g4.intoArray(g, go + 4 * L);
    g5.intoArray(g, go + 5 * L);
    g6.intoArray(g, go + 6 * L);
    g7.intoArray(g, go + 7 * L);
  }

  /**
   * {@code g[go .. go + 4L) = sum over e in [e0, e1) of table[v] · dz[row · n + c ..]} over the
   * entries {@code row << 8 | v}, summed in 4 registers in entry order (the first term is a product
   * rounded once, as {@code 0 + x·y}).
   */
  static void gradRow4(
      int e0, int e1, int[] entries, float[] table, float[] dz, int n, int c, float[] g, int go) {
    FloatVector g0 = FloatVector.zero(S);
    FloatVector g1 = FloatVector.zero(S);
    FloatVector g2 = FloatVector.zero(S);
    FloatVector g3 = FloatVector.zero(S);
    for (int e = e0; e < e1; e++) {
      int q = entries[e];
      FloatVector x = FloatVector.broadcast(S, table[q & 0xff]);
      int d = (q >>> 8) * n + c;
      g0 = FloatVector.fromArray(S, dz, d).fma(x, g0);
      g1 = FloatVector.fromArray(S, dz, d + L).fma(x, g1);
      g2 = FloatVector.fromArray(S, dz, d + 2 * L).fma(x, g2);
      g3 = FloatVector.fromArray(S, dz, d + 3 * L).fma(x, g3);
    }
    g0.intoArray(g, go);
    g1.intoArray(g, go + L);
    g2.intoArray(g, go + 2 * L);
    g3.intoArray(g, go + 3 * L);
  }

  /** {@link #gradRow4} for 3 vectors, columns {@code c .. c + 3L)}. */
  static void gradRow3(
      int e0, int e1, int[] entries, float[] table, float[] dz, int n, int c, float[] g, int go) {
    FloatVector g0 = FloatVector.zero(S);
    FloatVector g1 = FloatVector.zero(S);
    FloatVector g2 = FloatVector.zero(S);
    for (int e = e0; e < e1; e++) {
      int q = entries[e];
      FloatVector x = FloatVector.broadcast(S, table[q & 0xff]);
      int d = (q >>> 8) * n + c;
      g0 = FloatVector.fromArray(S, dz, d).fma(x, g0);
      g1 = FloatVector.fromArray(S, dz, d + L).fma(x, g1);
      g2 = FloatVector.fromArray(S, dz, d + 2 * L).fma(x, g2);
    }
    g0.intoArray(g, go);
    g1.intoArray(g, go + L);
    g2.intoArray(g, go + 2 * L);
  }

  /** {@link #gradRow4} for 5 vectors, columns {@code c .. c + 5L)}. */
  static void gradRow5(
      int e0, int e1, int[] entries, float[] table, float[] dz, int n, int c, float[] g, int go) {
    FloatVector g0 = FloatVector.zero(S);
    FloatVector g1 = FloatVector.zero(S);
    FloatVector g2 = FloatVector.zero(S);
    FloatVector g3 = FloatVector.zero(S);
    FloatVector g4 = FloatVector.zero(S);
    for (int e = e0; e < e1; e++) {
      int q = entries[e];
      FloatVector x = FloatVector.broadcast(S, table[q & 0xff]);
      int d = (q >>> 8) * n + c;
      g0 = FloatVector.fromArray(S, dz, d).fma(x, g0);
      g1 = FloatVector.fromArray(S, dz, d + L).fma(x, g1);
      g2 = FloatVector.fromArray(S, dz, d + 2 * L).fma(x, g2);
      g3 = FloatVector.fromArray(S, dz, d + 3 * L).fma(x, g3);
      g4 = FloatVector.fromArray(S, dz, d + 4 * L).fma(x, g4);
    }
    g0.intoArray(g, go);
    g1.intoArray(g, go + L);
    g2.intoArray(g, go + 2 * L);
    g3.intoArray(g, go + 3 * L);
    g4.intoArray(g, go + 4 * L);
  }
}
