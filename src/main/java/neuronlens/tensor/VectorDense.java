package neuronlens.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorKernels}' forward product of five dense rows at once (activation maximization's
 * images), each weight vector loaded once for the five.
 */
final class VectorDense {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorDense() {}

  /** Whether {@code a[from .. from + length)} holds no zero. */
  static boolean allNonZero(float[] a, int from, int length) {
    // a vector at a time (±0 equal 0 and NaN does not, as with ==): a branch per value made this
    // check a tenth of activation maximization's five-row products
    int i = from;
    int end = from + length;
    for (int bound = from + S.loopBound(length); i < bound; i += L) {
      if (FloatVector.fromArray(S, a, i).compare(VectorOperators.EQ, 0f).anyTrue()) {
        return false;
      }
    }
    for (; i < end; i++) {
      if (a[i] == 0f) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link Kernels#matmulBias} for rows {@code r0 .. r0 + 4}, none of whose inputs is zero,
   * together: twenty accumulators (five rows, four vectors) stay in registers while the inputs go
   * by, so each weight vector is loaded once for five rows. Each row sums all its inputs in
   * ascending order with the same fmas as the one-row loop, so the results are the same bit for
   * bit.
   */
  static void matmulBias5(
      VectorKernels kernels,
      int r0,
      int k,
      int n,
      float[] a,
      float[] w,
      float[] bias,
      float[] out) {
    int c = 0;
    for (; c + 4 * L <= n; c += 4 * L) {
      FloatVector b0 = FloatVector.fromArray(S, bias, c);
      FloatVector b1 = FloatVector.fromArray(S, bias, c + L);
      FloatVector b2 = FloatVector.fromArray(S, bias, c + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, bias, c + 3 * L);
      FloatVector a00 = b0;
      FloatVector a01 = b1;
      FloatVector a02 = b2;
      FloatVector a03 = b3;
      FloatVector a10 = b0;
      FloatVector a11 = b1;
      FloatVector a12 = b2;
      FloatVector a13 = b3;
      FloatVector a20 = b0;
      FloatVector a21 = b1;
      FloatVector a22 = b2;
      FloatVector a23 = b3;
      FloatVector a30 = b0;
      FloatVector a31 = b1;
      FloatVector a32 = b2;
      FloatVector a33 = b3;
      FloatVector a40 = b0;
      FloatVector a41 = b1;
      FloatVector a42 = b2;
      FloatVector a43 = b3;
      for (int i = 0; i < k; i++) {
        int wo = i * n + c;
        FloatVector w0 = FloatVector.fromArray(S, w, wo);
        FloatVector w1 = FloatVector.fromArray(S, w, wo + L);
        FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * L);
        FloatVector w3 = FloatVector.fromArray(S, w, wo + 3 * L);
        int xo = r0 * k + i;
        FloatVector x0 = FloatVector.broadcast(S, a[xo]);
        a00 = w0.fma(x0, a00);
        a01 = w1.fma(x0, a01);
        a02 = w2.fma(x0, a02);
        a03 = w3.fma(x0, a03);
        FloatVector x1 = FloatVector.broadcast(S, a[xo + k]);
        a10 = w0.fma(x1, a10);
        a11 = w1.fma(x1, a11);
        a12 = w2.fma(x1, a12);
        a13 = w3.fma(x1, a13);
        FloatVector x2 = FloatVector.broadcast(S, a[xo + 2 * k]);
        a20 = w0.fma(x2, a20);
        a21 = w1.fma(x2, a21);
        a22 = w2.fma(x2, a22);
        a23 = w3.fma(x2, a23);
        FloatVector x3 = FloatVector.broadcast(S, a[xo + 3 * k]);
        a30 = w0.fma(x3, a30);
        a31 = w1.fma(x3, a31);
        a32 = w2.fma(x3, a32);
        a33 = w3.fma(x3, a33);
        FloatVector x4 = FloatVector.broadcast(S, a[xo + 4 * k]);
        a40 = w0.fma(x4, a40);
        a41 = w1.fma(x4, a41);
        a42 = w2.fma(x4, a42);
        a43 = w3.fma(x4, a43);
      }
      a00.intoArray(out, r0 * n + c);
      a01.intoArray(out, r0 * n + c + L);
      a02.intoArray(out, r0 * n + c + 2 * L);
      a03.intoArray(out, r0 * n + c + 3 * L);
      a10.intoArray(out, (r0 + 1) * n + c);
      a11.intoArray(out, (r0 + 1) * n + c + L);
      a12.intoArray(out, (r0 + 1) * n + c + 2 * L);
      a13.intoArray(out, (r0 + 1) * n + c + 3 * L);
      a20.intoArray(out, (r0 + 2) * n + c);
      a21.intoArray(out, (r0 + 2) * n + c + L);
      a22.intoArray(out, (r0 + 2) * n + c + 2 * L);
      a23.intoArray(out, (r0 + 2) * n + c + 3 * L);
      a30.intoArray(out, (r0 + 3) * n + c);
      a31.intoArray(out, (r0 + 3) * n + c + L);
      a32.intoArray(out, (r0 + 3) * n + c + 2 * L);
      a33.intoArray(out, (r0 + 3) * n + c + 3 * L);
      a40.intoArray(out, (r0 + 4) * n + c);
      a41.intoArray(out, (r0 + 4) * n + c + L);
      a42.intoArray(out, (r0 + 4) * n + c + 2 * L);
      a43.intoArray(out, (r0 + 4) * n + c + 3 * L);
    }
    // columns past the last four-vector block (784 = 12 · 64 + 16): a vector at a time, still
    // five rows per weight load (an axpy per row and input cost a fifth of the whole product)
    for (; c + L <= n; c += L) {
      FloatVector b = FloatVector.fromArray(S, bias, c);
      FloatVector s0 = b;
      FloatVector s1 = b;
      FloatVector s2 = b;
      FloatVector s3 = b;
      FloatVector s4 = b;
      for (int i = 0; i < k; i++) {
        FloatVector wv = FloatVector.fromArray(S, w, i * n + c);
        int xo = r0 * k + i;
        s0 = wv.fma(FloatVector.broadcast(S, a[xo]), s0);
        s1 = wv.fma(FloatVector.broadcast(S, a[xo + k]), s1);
        s2 = wv.fma(FloatVector.broadcast(S, a[xo + 2 * k]), s2);
        s3 = wv.fma(FloatVector.broadcast(S, a[xo + 3 * k]), s3);
        s4 = wv.fma(FloatVector.broadcast(S, a[xo + 4 * k]), s4);
      }
      s0.intoArray(out, r0 * n + c);
      s1.intoArray(out, (r0 + 1) * n + c);
      s2.intoArray(out, (r0 + 2) * n + c);
      s3.intoArray(out, (r0 + 3) * n + c);
      s4.intoArray(out, (r0 + 4) * n + c);
    }
    if (c < n) {
      for (int r = r0; r < r0 + 5; r++) {
        System.arraycopy(bias, c, out, r * n + c, n - c);
        for (int i = 0; i < k; i++) {
          kernels.axpy(n - c, a[r * k + i], w, i * n + c, out, r * n + c);
        }
      }
    }
  }
}
