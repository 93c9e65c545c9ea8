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
  public void sparseMatmulBiasCols(
      int rows,
      int[] start,
      int[] index,
      float[] value,
      int n,
      int c0,
      int c1,
      float[] w,
      float[] bias,
      float[] out) {
    for (int r = 0; r < rows; r++) {
      int o = r * n;
      System.arraycopy(bias, c0, out, o + c0, c1 - c0);
      for (int e = start[r]; e < start[r + 1]; e++) {
        axpy(c1 - c0, value[e], w, index[e] * n + c0, out, o + c0);
      }
    }
  }

  @Override
  public void sparseGradAdam(
      int k,
      int n,
      int c0,
      int c1,
      int[] colStart,
      int[] colRow,
      float[] colValue,
      float[] dz,
      float[] scratch,
      float[] p,
      float[] m,
      float[] v,
      float alpha,
      float oneMinusBeta1,
      float oneMinusBeta2,
      float epsilon) {
    int width = c1 - c0;
    for (int i = 0; i < k; i++) {
      java.util.Arrays.fill(scratch, 0, width, 0f);
      for (int e = colStart[i]; e < colStart[i + 1]; e++) {
        axpy(width, colValue[e], dz, colRow[e] * n + c0, scratch, 0);
      }
      adamAt(width, p, m, v, i * n + c0, scratch, 0, alpha, oneMinusBeta1, oneMinusBeta2, epsilon);
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
    for (int j = from; j < to; j++) {
      float gj = g[gOff + j];
      float mj = m[off + j] + (gj - m[off + j]) * c1;
      float vj = v[off + j] + (gj * gj - v[off + j]) * c2;
      if (Math.abs(mj) < MIN_NORMAL) {
        mj = 0f;
      }
      if (vj < MIN_NORMAL) {
        vj = 0f;
      }
      m[off + j] = mj;
      v[off + j] = vj;
      p[off + j] -= alpha * mj / ((float) Math.sqrt(vj) + epsilon);
    }
  }
}
