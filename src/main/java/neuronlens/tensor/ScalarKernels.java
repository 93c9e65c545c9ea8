package neuronlens.tensor;

/** The plain reference implementation of {@link Kernels}: simple loops, one float at a time. */
public final class ScalarKernels implements Kernels {

  /** Smallest positive normal float; anything smaller in magnitude is flushed to zero. */
  static final float MIN_NORMAL = Float.MIN_NORMAL;

  @Override
  public String name() {
    return "scalar";
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
  public void matmulTransB(int rows, int k, int n, float[] dz, float[] w, float[] da, int daOff) {
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < k; i++) {
        da[daOff + r * k + i] = dot(n, dz, r * n, w, i * n);
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
