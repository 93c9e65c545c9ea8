package neuronlens.tensor;

/**
 * The arithmetic of training and activation maximization, on row-major {@code float[]} with
 * explicit offsets. Two implementations: {@link ScalarKernels}, the plain reference, and a Vector
 * API one; {@link #get()} picks one once at start-up ({@code -Dneuronlens.kernels=scalar} forces
 * the reference). Kernels never allocate.
 */
public interface Kernels {

  /** Name shown in benchmarks and {@code --debug} output. */
  String name();

  /** {@code y[yOff + j] += a * x[xOff + j]} for {@code j < n}. */
  void axpy(int n, float a, float[] x, int xOff, float[] y, int yOff);

  /** Returns {@code sum_j x[xOff + j] * y[yOff + j]} for {@code j < n}. */
  float dot(int n, float[] x, int xOff, float[] y, int yOff);

  /**
   * {@code out[r] = dot(n, x, r·n, y, r·n)} for {@code r < rows}: row r of {@code x} with row r of
   * {@code y}, each exactly what {@link #dot} gives.
   */
  default void dotRows(int rows, int n, float[] x, float[] y, float[] out) {
    for (int r = 0; r < rows; r++) {
      out[r] = dot(n, x, r * n, y, r * n);
    }
  }

  /**
   * Dense forward for a batch: {@code out (rows, n) = a (rows, k) · w (k, n) + bias (n)}, with
   * {@code w} in Keras layout (inputs, units).
   */
  void matmulBias(int rows, int k, int n, float[] a, float[] w, float[] bias, float[] out);

  /**
   * {@link #matmulBias} with the product of every input added, zero or not, in ascending order.
   * When {@code w} is finite and no bias is -0 a zero input adds an exact zero, and the sums are
   * those of {@link #matmulBias}. For inputs whose zeros differ from row to row (gradients through
   * a ReLU): several rows can then share each weight they load.
   */
  void matmulBiasDense(int rows, int k, int n, float[] a, float[] w, float[] bias, float[] out);

  /** Input gradient of a Dense layer: {@code da (rows, k) = dz (rows, n) · w (k, n)ᵀ}. */
  default void matmulTransB(int rows, int k, int n, float[] dz, float[] w, float[] da) {
    matmulTransB(rows, k, n, dz, w, da, 0);
  }

  /** {@link #matmulTransB}, {@code da} from index {@code daOff}. */
  void matmulTransB(int rows, int k, int n, float[] dz, float[] w, float[] da, int daOff);

  /**
   * Kernel gradient of a Dense layer: {@code dw (k, n) = a (rows, k)ᵀ · dz (rows, n)} (overwrites
   * {@code dw}) and {@code db (n) = column sums of dz} (overwrites {@code db}).
   */
  void gradKernelBias(int rows, int k, int n, float[] a, float[] dz, float[] dw, float[] db);

  /**
   * Dense forward for a batch whose input is sparse: row {@code r}'s non-zero inputs are {@code
   * index[start[r] .. start[r+1])} with values {@code value[...]}; {@code out (rows, n) = bias +
   * sum of value · w[index, :]} (w in Keras layout (k, n), so each term is one contiguous row), one
   * {@link #axpy} per non-zero. The reference the range kernel {@link #sparseForwardRange} is
   * tested against (the forward passes themselves run that one).
   */
  default void sparseMatmulBias(
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

  /**
   * Kernel gradient for a sparse input (same encoding as {@link #sparseMatmulBias}): {@code dw (k,
   * n) = xᵀ · dz}, touching only rows of the non-zero inputs after clearing {@code dw}; {@code db =
   * column sums of dz}. Both are overwritten.
   */
  default void sparseGradKernelBias(
      int rows,
      int[] start,
      int[] index,
      float[] value,
      int k,
      int n,
      float[] dz,
      float[] dw,
      float[] db) {
    java.util.Arrays.fill(dw, 0, k * n, 0f);
    java.util.Arrays.fill(db, 0, n, 0f);
    for (int r = 0; r < rows; r++) {
      for (int e = start[r]; e < start[r + 1]; e++) {
        axpy(n, value[e], dz, r * n, dw, index[e] * n);
      }
      axpy(n, 1f, dz, r * n, db, 0);
    }
  }

  /**
   * One Keras Adam step over {@code n} values: {@code m += (g - m)(1 - β1)}, {@code v += (g² - v)(1
   * - β2)}, {@code p -= alpha · m / (√v + ε)}, where {@code alpha} already holds the bias
   * correction. {@code 1 - β} is passed as Keras computes it, in double and then rounded to float
   * (0.1f for β1 = 0.9, not {@code 1f - 0.9f}). correction. Moments that fall below the smallest
   * normal float are flushed to zero (see README, "Subnormal floats").
   */
  default void adam(
      int n,
      float[] p,
      float[] g,
      float[] m,
      float[] v,
      float alpha,
      float oneMinusBeta1,
      float oneMinusBeta2,
      float epsilon) {
    adamAt(n, p, m, v, 0, g, 0, alpha, oneMinusBeta1, oneMinusBeta2, epsilon);
  }

  /**
   * {@link #adam} on {@code n} values starting at {@code off} in {@code p}, {@code m}, {@code v}
   * and at {@code gOff} in {@code g}.
   */
  void adamAt(
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
      float epsilon);

  /**
   * {@link #adamAt} on {@code n} values at {@code off}, then the {@link #dot} of the updated values
   * with {@code w[wOff ..]}: activation maximization of a first-layer unit takes a step and has its
   * unit's next sum with one pass over the image. The same values as the two calls, bit for bit.
   */
  default float adamAtDot(
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
      float epsilon,
      float[] w,
      int wOff) {
    adamAt(n, p, m, v, off, g, gOff, alpha, oneMinusBeta1, oneMinusBeta2, epsilon);
    return dot(n, p, off, w, wOff);
  }

  /**
   * The first layer's forward for batch rows {@code r0 .. r1)} over a range of each row's non-zero
   * pixels: row {@code r} takes the terms {@code [begin[r], end[r])} of the non-zeros {@code index}
   * (ascending within a row) with levels {@code level} (unsigned bytes looked up in {@code table}),
   * and {@code out[outAt + r·n ..] = init[initAt + r·initStride ..] + sum of table[level] · w[wAt +
   * index·n ..]}, one fma per element and term in input order. From the bias ({@code initStride} 0)
   * over all of a row's terms this is {@link #sparseMatmulBias} with the values looked up, bit for
   * bit; continuing in place ({@code init == out}, {@code initAt == outAt}, {@code initStride ==
   * n}) over the terms that follow gives the floats of one pass over both ranges. So a row's inputs
   * may be summed range after range, each range by another thread holding only its rows of the
   * kernel: {@code wAt} may be negative, as long as {@code wAt + index·n} is not.
   */
  default void sparseForwardRange(
      int r0,
      int r1,
      int[] begin,
      int[] end,
      short[] index,
      byte[] level,
      float[] table,
      int n,
      float[] w,
      int wAt,
      float[] init,
      int initAt,
      int initStride,
      float[] out,
      int outAt) {
    for (int r = r0; r < r1; r++) {
      int o = outAt + r * n;
      System.arraycopy(init, initAt + r * initStride, out, o, n);
      for (int q = begin[r]; q < end[r]; q++) {
        axpy(n, table[level[q] & 0xff], w, wAt + index[q] * n, out, o);
      }
    }
  }

  /**
   * The sparse first layer's kernel gradient fused with its Adam step, for rows {@code i0 .. i0 +
   * k)} of the kernel (its inputs; {@code i0} and {@code k} even), kept as a (k, n) block {@code
   * p}: for each input {@code i}, {@code g = sum over the batch rows in which it is lit of table[v]
   * · dz[row, ..]}, rows ascending (as {@link #sparseGradKernelBias} sums them), then Adam on the
   * block. The entries go by pairs of inputs: pair {@code j} (inputs 2j and 2j + 1) has entries
   * {@code [from[j], to[j])}, one for each batch row in which either is lit, rows ascending, each
   * packing the row and both inputs' value indexes as {@code row << 16 | odd << 8 | even}, 0 for an
   * input not lit in that row; {@code table[0]} is 0. {@code scratch} holds at least {@code 2n}
   * floats from index {@code at}: an implementation may store a pair of rows' gradient there before
   * their Adam step (this one goes row by row). Bit-identical to the gradient kernel followed by
   * {@link #adam} of the same implementation, for finite {@code dz}. The (rows, n) {@code dz}, the
   * (k, n) {@code p}, {@code m} and {@code v} and {@code scratch} start at index {@code at} of
   * their arrays. With {@code flushedV}, every {@code v} is 0 or at least the second moments' flush
   * threshold for this {@code oneMinusBeta2}, as an Adam step with it leaves them: an
   * implementation may then skip flushing {@code v} before its update, which would leave those
   * values as they are (this one flushes anyway).
   */
  default void sparseGradAdam(
      int k,
      int i0,
      int n,
      int at,
      int[] from,
      int[] to,
      int[] entries,
      float[] table,
      float[] dz,
      float[] scratch,
      float[] p,
      float[] m,
      float[] v,
      float alpha,
      float oneMinusBeta1,
      float oneMinusBeta2,
      float epsilon,
      boolean flushedV) {
    checkPairs(k, i0, table);
    for (int i = 0; i < k; i++) {
      int pair = (i0 + i) >> 1;
      int shift = 8 * ((i0 + i) & 1);
      java.util.Arrays.fill(scratch, 0, n, 0f);
      for (int e = from[pair]; e < to[pair]; e++) {
        int q = entries[e];
        int value = (q >>> shift) & 0xff;
        if (value != 0) {
          axpy(n, table[value], dz, at + (q >>> 16) * n, scratch, 0);
        }
      }
      adamAt(n, p, m, v, at + i * n, scratch, 0, alpha, oneMinusBeta1, oneMinusBeta2, epsilon);
    }
  }

  /** Checks {@link #sparseGradAdam}'s pairs: whole pairs of inputs, and an unlit input's 0. */
  static void checkPairs(int k, int i0, float[] table) {
    if (((k | i0) & 1) != 0 || table[0] != 0f) {
      throw new IllegalArgumentException(
          "expected whole pairs of inputs and table[0] = 0, found inputs "
              + i0
              + ".."
              + (i0 + k - 1)
              + " and table[0] = "
              + table[0]);
    }
  }

  /** The ReLU: {@code a[aOff + i] = Math.max(z[zOff + i], 0)} for {@code i < n}. */
  default void relu(int n, float[] z, int zOff, float[] a, int aOff) {
    for (int i = 0; i < n; i++) {
      a[aOff + i] = Math.max(z[zOff + i], 0f);
    }
  }

  /**
   * The ReLU's backward pass: {@code grad[i] = 0} where {@code z[i] <= 0}, for {@code i < n} (the
   * gradient passes where the pre-activation is positive).
   */
  default void reluMask(int n, float[] z, float[] grad) {
    reluMask(n, z, 0, grad, 0);
  }

  /** {@link #reluMask(int, float[], float[])} on {@code z} and {@code grad} from their offsets. */
  default void reluMask(int n, float[] z, int zOff, float[] grad, int gradOff) {
    for (int i = 0; i < n; i++) {
      if (z[zOff + i] <= 0f) {
        grad[gradOff + i] = 0f;
      }
    }
  }

  /**
   * Adds {@code weight · d TV / d x} to {@code g} for each of {@code rows} square images of {@code
   * side}² pixels (row-major, image r from index r · side²), where {@code TV(x)} is the sum over
   * neighbouring pixel pairs (right and down) of the squared difference. Each pixel's terms are
   * summed in a register in the order of a pass over the pairs (the pair above, the one to the
   * left, then its own right and down pairs), starting from its {@code g}, and stored once.
   */
  default void addTvGradient(int rows, int side, float[] x, float weight, float[] g) {
    float w2 = 2f * weight;
    int px = side * side;
    for (int r = 0; r < rows; r++) {
      Stencils.tvRange(side, x, w2, g, r * px, 0, px);
    }
  }

  /**
   * Blurs each of {@code rows} square images of {@code side}² pixels in place with the separable
   * {@code kernel} (odd length, centred), clamping at the borders: first along rows, then along
   * columns, each output pixel summing its taps in kernel order from +0. {@code tmp} holds at least
   * {@link #blurScratch} floats.
   */
  default void blur(int rows, int side, float[] x, float[] kernel, float[] tmp) {
    int radius = kernel.length / 2;
    int px = side * side;
    for (int r = 0; r < rows; r++) {
      int o = r * px;
      // along rows: the taps of a pixel are its row's neighbours (clamped at the ends)
      java.util.Arrays.fill(tmp, 0, px, 0f);
      for (int t = -radius; t <= radius; t++) {
        float k = kernel[t + radius];
        for (int y = 0; y < side; y++) {
          int src = o + y * side;
          int dst = y * side;
          for (int c = 0; c < side; c++) {
            tmp[dst + c] += k * x[src + Stencils.clamp(c + t, side)];
          }
        }
      }
      System.arraycopy(tmp, 0, x, o, px);
      // along columns: the taps are whole rows, clamped at the top and bottom
      java.util.Arrays.fill(tmp, 0, px, 0f);
      for (int t = -radius; t <= radius; t++) {
        float k = kernel[t + radius];
        for (int y = 0; y < side; y++) {
          int src = o + Stencils.clamp(y + t, side) * side;
          int dst = y * side;
          for (int c = 0; c < side; c++) {
            tmp[dst + c] += k * x[src + c];
          }
        }
      }
      System.arraycopy(tmp, 0, x, o, px);
    }
  }

  /** Floats of scratch {@link #blur} needs for images of {@code side}² pixels and {@code taps}. */
  static int blurScratch(int side, int taps) {
    return 3 * side * (side + taps) + taps;
  }

  /** The implementation in use: the Vector API one unless {@code neuronlens.kernels=scalar}. */
  static Kernels get() {
    return KernelChoice.INSTANCE;
  }
}
