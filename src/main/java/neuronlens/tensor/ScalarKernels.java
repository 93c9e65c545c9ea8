package neuronlens.tensor;

/** The plain reference implementation of {@link Kernels}: simple loops, one float at a time. */
public final class ScalarKernels implements Kernels {

  /** Smallest positive normal float; anything smaller in magnitude is flushed to zero. */
  static final float MIN_NORMAL = Float.MIN_NORMAL;

  @Override
  public String name() {
    return "scalar";
  }

  // exp(x) = 2^k · e^r with k = round(x / ln 2) and r = x - k ln 2 (|r| ≤ ln 2 / 2, ln 2 in two
  // parts), e^r by its Taylor polynomial to r^13 (the remainder is below 1e-17), all in double,
  // then rounded to float once
  static final double LOG2E = 0x1.71547652b82fep0;
  static final double ROUND = 0x1.8p52; // t + 1.5·2^52 - 1.5·2^52 rounds t to an integer
  static final double LN2_HI = 0x1.62e42fefa0000p-1; // ln 2 to 37 bits: k · LN2_HI is exact
  static final double LN2_LO = 0x1.cf79abc9e3b3ap-40; // ln 2 - LN2_HI
  static final float EXP_MIN = -104f; // e^-104 is below half the least subnormal float: 0
  static final double[] TAYLOR = new double[14]; // 1 / n!

  static {
    double factorial = 1;
    for (int n = 0; n < TAYLOR.length; n++) {
      factorial *= Math.max(n, 1);
      TAYLOR[n] = 1 / factorial;
    }
  }

  /**
   * e^x for {@code x ≤ 0} (and NaN), rounded to float, by double arithmetic that the vector kernels
   * repeat lane by lane with the same operations, so that both give the same floats. It equals
   * {@code (float) Math.exp(x)} for every float from -104 to 0 (all 1,120,927,745 of them compared
   * one by one, JDK 17 on x86-64), is 0 below, and NaN for NaN. {@code Math.exp} costs 15 ns a call
   * and cannot be vectorized: a training step's softmax took 7-9 µs with it.
   */
  public static float exp(float x) {
    double y = Math.max(x, EXP_MIN);
    double shifted = y * LOG2E + ROUND;
    double k = shifted - ROUND;
    double r = Math.fma(k, -LN2_HI, y);
    r = Math.fma(k, -LN2_LO, r);
    double p = TAYLOR[13];
    for (int n = 12; n >= 0; n--) {
      p = Math.fma(p, r, TAYLOR[n]);
    }
    long twoToK =
        Double.doubleToRawLongBits(shifted) - Double.doubleToRawLongBits(ROUND) + 1023 << 52;
    return (float) (p * Double.longBitsToDouble(twoToK));
  }

  /**
   * {@code out[o + i] = exp(z[zo + i] - max) / sum} for {@code i < n} ({@code out} may be {@code
   * z}): the row's max, then each exponential ({@link #exp}) and their sum in order, then each
   * times the sum's reciprocal. NaN anywhere in the row gives NaN everywhere.
   */
  public static void softmaxRow(float[] z, int zo, float[] out, int o, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, z[zo + i]);
    }
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      float e = exp(z[zo + i] - max);
      out[o + i] = e;
      sum += e;
    }
    float inv = 1f / sum;
    for (int i = 0; i < n; i++) {
      out[o + i] *= inv;
    }
  }

  @Override
  public void axpy(int n, float a, float[] x, int xOff, float[] y, int yOff) {
    for (int j = 0; j < n; j++) {
      y[yOff + j] += a * x[xOff + j];
    }
  }

  @Override
  public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
    float s = 0f;
    for (int j = 0; j < n; j++) {
      s += x[xOff + j] * y[yOff + j];
    }
    return s;
  }

  @Override
  public void matmulBias(int rows, int k, int n, float[] a, float[] w, float[] bias, float[] out) {
    for (int r = 0; r < rows; r++) {
      int o = r * n;
      System.arraycopy(bias, 0, out, o, n);
      for (int i = 0; i < k; i++) {
        float ai = a[r * k + i];
        if (ai != 0f) {
          axpy(n, ai, w, i * n, out, o);
        }
      }
    }
  }

  @Override
  public void matmulBiasDense(
      int rows, int k, int n, float[] a, float[] w, float[] bias, float[] out) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(bias, 0, out, r * n, n);
      for (int i = 0; i < k; i++) {
        axpy(n, a[r * k + i], w, i * n, out, r * n);
      }
    }
  }

  @Override
  public void matmulTransB(int rows, int k, int n, float[] dz, float[] w, float[] da) {
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < k; i++) {
        da[r * k + i] = dot(n, dz, r * n, w, i * n);
      }
    }
  }

  @Override
  public void gradKernelBias(
      int rows, int k, int n, float[] a, float[] dz, float[] dw, float[] db) {
    java.util.Arrays.fill(dw, 0, k * n, 0f);
    java.util.Arrays.fill(db, 0, n, 0f);
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < k; i++) {
        float ai = a[r * k + i];
        if (ai != 0f) {
          axpy(n, ai, dz, r * n, dw, i * n);
        }
      }
      axpy(n, 1f, dz, r * n, db, 0);
    }
  }

  @Override
  public void sparseMatmulBias(
      int rows,
      int[] start,
      int[] index,
      float[] value,
      int n,
      float[] w,
      float[] bias,
      float[] out) {
    for (int r = 0; r < rows; r++) {
      int o = r * n;
      System.arraycopy(bias, 0, out, o, n);
      for (int e = start[r]; e < start[r + 1]; e++) {
        axpy(n, value[e], w, index[e] * n, out, o);
      }
    }
  }

  @Override
  public void adamAt(
      int n,
      float[] p,
      float[] m,
      float[] v,
      int off,
      float[] g,
      int gOff,
      float alpha,
      float oneMinusBeta1,
      float oneMinusBeta2,
      float epsilon) {
    adamRange(0, n, p, m, v, off, g, gOff, alpha, oneMinusBeta1, oneMinusBeta2, epsilon);
  }

  /**
   * Below this a first moment is flushed to zero, before and after its update: then neither {@code
   * (g - m)(1 - β1)} nor {@code alpha · m} can fall into the subnormal range, where arithmetic is
   * tens of times slower (measured: Adam over 100,352 values, 50 µs with normal moments, 1,000 µs
   * with moments near 1e-37). Such a moment moves its weight by less than {@code 1e-38 / ε ≈
   * 1e-31}.
   */
  static float flushM(float oneMinusBeta1, float alpha) {
    // capped, so that a tiny learning rate never flushes a moment that matters
    return Math.min(1e-30f, MIN_NORMAL / Math.min(1f, Math.min(oneMinusBeta1, alpha)));
  }

  /** The same for second moments: {@code (g² - v)(1 - β2)} stays normal. */
  static float flushV(float oneMinusBeta2) {
    return Math.min(1e-30f, MIN_NORMAL / Math.min(1f, oneMinusBeta2));
  }

  /**
   * The reference Adam arithmetic on values {@code [from, to)} (also the vector kernel's tail, so
   * both flush subnormals alike).
   */
  static void adamRange(
      int from,
      int to,
      float[] p,
      float[] m,
      float[] v,
      int off,
      float[] g,
      int gOff,
      float alpha,
      float oneMinusBeta1,
      float oneMinusBeta2,
      float epsilon) {
    float c1 = oneMinusBeta1;
    float c2 = oneMinusBeta2;
    float tinyM = flushM(c1, alpha);
    float tinyV = flushV(c2);
    for (int j = from; j < to; j++) {
      float gj = g[gOff + j];
      float mj = Math.abs(m[off + j]) < tinyM ? 0f : m[off + j];
      // v is never negative (Adam keeps it so; a loaded state is checked), so its magnitude is
      // its value: compared like m's, the vector kernel's flush on the bits serves both
      float vj = Math.abs(v[off + j]) < tinyV ? 0f : v[off + j];
      mj = mj + (gj - mj) * c1;
      vj = vj + (gj * gj - vj) * c2;
      if (Math.abs(mj) < tinyM) {
        mj = 0f;
      }
      if (Math.abs(vj) < tinyV) {
        vj = 0f;
      }
      m[off + j] = mj;
      v[off + j] = vj;
      p[off + j] -= alpha * mj / ((float) Math.sqrt(vj) + epsilon);
    }
  }
}
