package neuronlens.tensor;

import static jdk.incubator.vector.VectorOperators.ASHR;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the Vector API ({@code jdk.incubator.vector}): a vector main loop with {@code
 * fma} and a scalar tail, on the machine's preferred float species (16 lanes with AVX-512). The
 * only class that touches the incubator module.
 */
public final class VectorKernels implements Kernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final VectorSpecies<Integer> I = S.withLanes(int.class);

  @Override
  public String name() {
    return "vector" + (L * 32);
  }

  @Override
  public void axpy(int n, float a, float[] x, int xOff, float[] y, int yOff) {
    FloatVector va = FloatVector.broadcast(S, a);
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += L) {
      FloatVector vx = FloatVector.fromArray(S, x, xOff + j);
      FloatVector vy = FloatVector.fromArray(S, y, yOff + j);
      vx.fma(va, vy).intoArray(y, yOff + j);
    }
    for (; j < n; j++) {
      y[yOff + j] = Math.fma(a, x[xOff + j], y[yOff + j]);
    }
  }

  @Override
  public void relu(int n, float[] z, int zOff, float[] a, int aOff) {
    // the lane-wise max follows Math.max (NaN stays NaN, max(-0, 0) is +0)
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, z, zOff + i).max(0f).intoArray(a, aOff + i);
    }
    for (; i < n; i++) {
      a[aOff + i] = Math.max(z[zOff + i], 0f);
    }
  }

  // the images of activation maximization (28 × 28): whether each pixel has a left and a right
  // neighbour in its row
  private static final int TV_SIDE = 28;
  private static final boolean[] HAS_LEFT = new boolean[TV_SIDE * TV_SIDE];
  private static final boolean[] HAS_RIGHT = new boolean[TV_SIDE * TV_SIDE];

  static {
    for (int p = 0; p < TV_SIDE * TV_SIDE; p++) {
      HAS_LEFT[p] = p % TV_SIDE != 0;
      HAS_RIGHT[p] = p % TV_SIDE != TV_SIDE - 1;
    }
  }

  @Override
  public void addTvGradient(int rows, int side, float[] x, float weight, float[] g) {
    if (side != TV_SIDE) {
      Kernels.super.addTvGradient(rows, side, x, weight, g);
      return;
    }
    // between the first row (no pair above) and the last (none below), which go as the reference
    // does them, every pixel has both, and lane masks say which have a neighbour left and right:
    // each lane then takes the reference's operations, in its order (3-5 times faster a 28 × 28
    // image in a harness, bit-identical)
    float w2 = 2f * weight;
    int px = side * side;
    int last = px - side;
    for (int r = 0; r < rows; r++) {
      int o = r * px;
      Stencils.tvRange(side, x, w2, g, o, 0, side);
      int p = side;
      for (; p + L <= last; p += L) {
        int i = o + p;
        FloatVector xi = FloatVector.fromArray(S, x, i);
        FloatVector gi = FloatVector.fromArray(S, g, i);
        gi = gi.sub(FloatVector.fromArray(S, x, i - side).sub(xi).mul(w2));
        VectorMask<Float> left = VectorMask.fromArray(S, HAS_LEFT, p);
        gi = gi.blend(gi.sub(FloatVector.fromArray(S, x, i - 1).sub(xi).mul(w2)), left);
        VectorMask<Float> right = VectorMask.fromArray(S, HAS_RIGHT, p);
        gi = gi.blend(gi.add(xi.sub(FloatVector.fromArray(S, x, i + 1)).mul(w2)), right);
        gi = gi.add(xi.sub(FloatVector.fromArray(S, x, i + side)).mul(w2));
        gi.intoArray(g, i);
      }
      Stencils.tvRange(side, x, w2, g, o, p, px);
    }
  }

  @Override
  public void blur(int rows, int side, float[] x, float[] kernel, float[] tmp) {
    // each pass reads padded copies, so that every tap of every pixel is a plain load and a whole
    // image (its rows, then its columns) goes through one loop of vectors: the row pass over rows
    // padded with copies of their end pixels (w floats each, with radius floats of margin before
    // the first and after the last), the column pass over its result with copies of the first and
    // last rows above and below
    int radius = kernel.length / 2;
    int w = side + 2 * radius;
    int px = side * side;
    int padded = radius;
    int byRows = padded + side * w + radius;
    int withRows = byRows + side * w;
    for (int r = 0; r < rows; r++) {
      int o = r * px;
      for (int y = 0; y < side; y++) {
        int row = o + y * side;
        int d = padded + y * w;
        Arrays.fill(tmp, d, d + radius, x[row]);
        System.arraycopy(x, row, tmp, d + radius, side);
        Arrays.fill(tmp, d + radius + side, d + w, x[row + side - 1]);
      }
      convolve(tmp, padded, 1, side * w, kernel, tmp, byRows); // the margins' sums go unread
      for (int y = -radius; y < side + radius; y++) {
        int from = byRows + Stencils.clamp(y, side) * w + radius;
        System.arraycopy(tmp, from, tmp, withRows + (y + radius) * side, side);
      }
      convolve(tmp, withRows + radius * side, side, px, kernel, x, o);
    }
  }

  /**
   * {@code out[outAt + j] = +0 + kernel[0] · src[at + j - radius · stride] + ... + kernel[2 radius]
   * · src[at + j + radius · stride]} for {@code j < n}, the taps added in that order.
   */
  private static void convolve(
      float[] src, int at, int stride, int n, float[] kernel, float[] out, int outAt) {
    int radius = kernel.length / 2;
    int j = 0;
    for (; j + L <= n; j += L) {
      FloatVector acc = FloatVector.zero(S);
      for (int t = -radius; t <= radius; t++) {
        acc = acc.add(FloatVector.fromArray(S, src, at + j + t * stride).mul(kernel[t + radius]));
      }
      acc.intoArray(out, outAt + j);
    }
    for (; j < n; j++) {
      float acc = 0f;
      for (int t = -radius; t <= radius; t++) {
        acc += kernel[t + radius] * src[at + j + t * stride];
      }
      out[outAt + j] = acc;
    }
  }

  @Override
  public void reluMask(int n, float[] z, float[] grad) {
    // a blend instead of a branch: half the units are off, so the branch is a coin toss
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += L) {
      FloatVector g = FloatVector.fromArray(S, grad, j);
      g.blend(0f, FloatVector.fromArray(S, z, j).compare(VectorOperators.LE, 0f))
          .intoArray(grad, j);
    }
    for (; j < n; j++) {
      if (z[j] <= 0f) {
        grad[j] = 0f;
      }
    }
  }

  @Override
  public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
    FloatVector acc = FloatVector.zero(S);
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += L) {
      FloatVector vx = FloatVector.fromArray(S, x, xOff + j);
      FloatVector vy = FloatVector.fromArray(S, y, yOff + j);
      acc = vx.fma(vy, acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; j < n; j++) {
      s = Math.fma(x[xOff + j], y[yOff + j], s);
    }
    return s;
  }

  @Override
  public void dotRows(int rows, int n, float[] x, float[] y, float[] out) {
    // four rows at a time: one row's sum is a chain of dependent fmas, four chains keep the
    // core busy while each waits; every row still sums in dot()'s order
    int r = 0;
    int bound = S.loopBound(n);
    for (; r + 4 <= rows; r += 4) {
      int o0 = r * n;
      int o1 = o0 + n;
      int o2 = o1 + n;
      int o3 = o2 + n;
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      FloatVector acc2 = FloatVector.zero(S);
      FloatVector acc3 = FloatVector.zero(S);
      for (int j = 0; j < bound; j += L) {
        acc0 = FloatVector.fromArray(S, x, o0 + j).fma(FloatVector.fromArray(S, y, o0 + j), acc0);
        acc1 = FloatVector.fromArray(S, x, o1 + j).fma(FloatVector.fromArray(S, y, o1 + j), acc1);
        acc2 = FloatVector.fromArray(S, x, o2 + j).fma(FloatVector.fromArray(S, y, o2 + j), acc2);
        acc3 = FloatVector.fromArray(S, x, o3 + j).fma(FloatVector.fromArray(S, y, o3 + j), acc3);
      }
      out[r] = dotTail(n, bound, x, y, o0, acc0.reduceLanes(VectorOperators.ADD));
      out[r + 1] = dotTail(n, bound, x, y, o1, acc1.reduceLanes(VectorOperators.ADD));
      out[r + 2] = dotTail(n, bound, x, y, o2, acc2.reduceLanes(VectorOperators.ADD));
      out[r + 3] = dotTail(n, bound, x, y, o3, acc3.reduceLanes(VectorOperators.ADD));
    }
    for (; r < rows; r++) {
      out[r] = dot(n, x, r * n, y, r * n);
    }
  }

  /**
   * {@link #dot}'s scalar tail: values {@code [from, n)} of a row at {@code off}, onto {@code s}.
   */
  private static float dotTail(int n, int from, float[] x, float[] y, int off, float s) {
    for (int j = from; j < n; j++) {
      s = Math.fma(x[off + j], y[off + j], s);
    }
    return s;
  }

  /**
   * {@code y[yOff .. yOff + len) = sum over c < count of a[aOff + c·aStride] · x[xOff + c·xStride
   * ..]}, each element summed from 0 in {@code c} order with the fmas of {@link #axpy}: what {@code
   * count} axpy calls into a zeroed {@code y} compute, with {@code y} kept in registers.
   */
  private static void axpySum(
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

  /** {@link #matmulBias} for fewer units than the 16 lanes of a vector. */
  private static void matmulBiasNarrow(
      int rows, int k, int n, float[] a, float[] w, float[] bias, float[] out) {
    // fewer units than lanes (the output layer): each output is what dot() gives for the row and
    // a kernel column: sixteen partial sums, one per lane, summed lane after lane. Here the
    // partial sums of all units are kept as vectors over the units, one per lane position: the
    // same fmas and additions in the same order, for every unit at once, with no reduction.
    // Each kernel row is copied into a vector of its own, zeros past n, on a cache line of its
    // own (see Aligned): loads of rows n floats apart straddled two lines
    float[] wp = scratch(Aligned.START + k * L);
    padRows(w, k, n, wp, Aligned.START);
    float[] bp = smallScratch(2 * L);
    System.arraycopy(bias, 0, bp, 0, n);
    FloatVector vb = FloatVector.fromArray(S, bp, 0);
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
      vb.add(sum).intoArray(bp, L);
      System.arraycopy(bp, L, out, r * n, n);
    }
  }

  @Override
  public void matmulBias(int rows, int k, int n, float[] a, float[] w, float[] bias, float[] out) {
    matmulBias(rows, k, n, a, w, bias, out, false);
  }

  @Override
  public void matmulBiasDense(
      int rows, int k, int n, float[] a, float[] w, float[] bias, float[] out) {
    matmulBias(rows, k, n, a, w, bias, out, true);
  }

  /** {@link #matmulBias}, or with {@code dense} {@link #matmulBiasDense}. */
  private void matmulBias(
      int rows, int k, int n, float[] a, float[] w, float[] bias, float[] out, boolean dense) {
    if (n < L && L == 16) {
      matmulBiasNarrow(rows, k, n, a, w, bias, out);
      return;
    }
    if (n < L) {
      // other vector widths: dot products over all inputs (dense either way, as the narrow path)
      float[] wt = transposed(w, k, n);
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < n; c++) {
          out[r * n + c] = bias[c] + dot(k, a, r * k, wt, Aligned.START + c * k);
        }
      }
      return;
    }
    int r = 0;
    if (n >= 4 * L) {
      // five rows at once while none of their inputs is zero (dense images, as activation
      // maximization makes them), or all inputs count: each weight vector is loaded once for five
      // rows
      while (r + 5 <= rows && (dense || allNonZero(a, r * k, 5 * k))) {
        matmulBias5(r, k, n, a, w, bias, out);
        r += 5;
      }
    }
    for (; r < rows; r++) {
      int o = r * n;
      int ao = r * k;
      int c = 0;
      // the row's non-zero inputs listed first, then four accumulators stay in registers over
      // them: the same fmas in the same order as one axpy per non-zero input, so sparse and dense
      // inputs give identical results, with no branch in the vector loop
      int[] nzi = indexScratch(k);
      float[] nzv = scratch(k);
      int nnz = 0;
      for (int i = 0; i < k; i++) {
        float ai = a[ao + i];
        if (dense || ai != 0f) {
          nzi[nnz] = i * n;
          nzv[nnz++] = ai;
        }
      }
      for (; c + 4 * L <= n; c += 4 * L) {
        FloatVector a0 = FloatVector.fromArray(S, bias, c);
        FloatVector a1 = FloatVector.fromArray(S, bias, c + L);
        FloatVector a2 = FloatVector.fromArray(S, bias, c + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, bias, c + 3 * L);
        for (int e = 0; e < nnz; e++) {
          FloatVector x = FloatVector.broadcast(S, nzv[e]);
          int wo = nzi[e] + c;
          a0 = FloatVector.fromArray(S, w, wo).fma(x, a0);
          a1 = FloatVector.fromArray(S, w, wo + L).fma(x, a1);
          a2 = FloatVector.fromArray(S, w, wo + 2 * L).fma(x, a2);
          a3 = FloatVector.fromArray(S, w, wo + 3 * L).fma(x, a3);
        }
        a0.intoArray(out, o + c);
        a1.intoArray(out, o + c + L);
        a2.intoArray(out, o + c + 2 * L);
        a3.intoArray(out, o + c + 3 * L);
      }
      if (c < n) {
        System.arraycopy(bias, c, out, o + c, n - c);
        for (int e = 0; e < nnz; e++) {
          axpy(n - c, nzv[e], w, nzi[e] + c, out, o + c);
        }
      }
    }
  }

  /** Whether {@code a[from .. from + length)} holds no zero. */
  private static boolean allNonZero(float[] a, int from, int length) {
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
   * {@link #matmulBias} for rows {@code r0 .. r0 + 4}, none of whose inputs is zero, together:
   * twenty accumulators (five rows, four vectors) stay in registers while the inputs go by, so each
   * weight vector is loaded once for five rows. Each row sums all its inputs in ascending order
   * with the same fmas as the one-row loop, so the results are the same bit for bit.
   */
  private void matmulBias5(int r0, int k, int n, float[] a, float[] w, float[] bias, float[] out) {
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
          axpy(n - c, a[r * k + i], w, i * n + c, out, r * n + c);
        }
      }
    }
  }

  @Override
  public void matmulTransB(int rows, int k, int n, float[] dz, float[] w, float[] da) {
    if (n < L) {
      // row r of da: the n rows of the transposed kernel weighted by dz's row, summed in registers
      float[] wt = transposed(w, k, n);
      for (int r = 0; r < rows; r++) {
        axpySum(k, n, dz, r * n, 1, wt, Aligned.START, k, da, r * k);
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < k; i++) {
        da[r * k + i] = dot(n, dz, r * n, w, i * n);
      }
    }
  }

  @Override
  public void gradKernelBias(
      int rows, int k, int n, float[] a, float[] dz, float[] dw, float[] db) {
    if (n < L) {
      gradKernelBiasNarrow(rows, k, n, a, dz, dw, db);
      return;
    }
    Arrays.fill(db, 0, n, 0f);
    Arrays.fill(dw, 0, k * n, 0f);
    for (int r = 0; r < rows; r++) {
      int ao = r * k;
      for (int i = 0; i < k; i++) {
        float ai = a[ao + i];
        if (ai != 0f) {
          axpy(n, ai, dz, r * n, dw, i * n);
        }
      }
      axpy(n, 1f, dz, r * n, db, 0);
    }
  }

  /**
   * {@link #gradKernelBias} for fewer units than lanes (the output layer): each row of {@code dw}
   * (one input's weights to the n units) is a vector over the units, summed over the batch in
   * registers, eight rows at a time, from {@code dz}'s rows padded to a vector. Each weight gets
   * the fmas one axpy per batch row and unit gives it (as from the transposed gradient, which this
   * kernel computed before at the cost of two transpositions), in the same order.
   */
  private static void gradKernelBiasNarrow(
      int rows, int k, int n, float[] a, float[] dz, float[] dw, float[] db) {
    // (rows, L): dz, zeros past n, each row on a cache line (see Aligned)
    float[] d = scratch(Aligned.START + rows * L);
    int d0 = Aligned.START;
    padRows(dz, rows, n, d, d0);
    FloatVector sum = FloatVector.zero(S);
    for (int r = 0; r < rows; r++) {
      sum = sum.add(FloatVector.fromArray(S, d, d0 + r * L)); // fma(1, x, y) rounds as x + y does
    }
    float[] out = smallScratch(2 * L);
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
  private static final int[] KEEP = new int[2 * L];

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
  private static void padRows(float[] src, int rows, int n, float[] dst, int dstOff) {
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
  private static void storeRow(FloatVector g, float[] dw, int i, int k, int n, float[] out) {
    if (i * n + L <= k * n) {
      g.intoArray(dw, i * n);
    } else {
      g.intoArray(out, 0);
      System.arraycopy(out, 0, dw, i * n, n);
    }
  }

  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[3][0]);
  private static final ThreadLocal<int[][]> INDEX_SCRATCH =
      ThreadLocal.withInitial(() -> new int[1][0]);

  /** A per-thread int buffer of at least {@code size} (grown once, then reused). */
  private static int[] indexScratch(int size) {
    int[][] s = INDEX_SCRATCH.get();
    if (s[0].length < size) {
      s[0] = new int[size];
    }
    return s[0];
  }

  /** A per-thread buffer of at least {@code size} floats (grown once, then reused). */
  private static float[] scratch(int size) {
    float[][] s = SCRATCH.get();
    if (s[0].length < size) {
      s[0] = new float[size];
    }
    return s[0];
  }

  /**
   * A second per-thread buffer of at least {@code size} floats, for use beside {@link #scratch}.
   */
  private static float[] smallScratch(int size) {
    float[][] s = SCRATCH.get();
    if (s[2].length < size) {
      s[2] = new float[size];
    }
    return s[2];
  }

  /**
   * {@code w (k, n)} transposed into a per-thread buffer {@code (n, k)}, from {@link
   * Aligned#START}.
   */
  private static float[] transposed(float[] w, int k, int n) {
    float[][] s = SCRATCH.get();
    if (s[1].length < Aligned.START + k * n) {
      s[1] = Aligned.floats(k * n);
    }
    float[] t = s[1];
    // L rows at a time, each column gathered into a vector (lane l from row i + l) and stored
    // whole: the scalar loop took 1.3 µs for the output layer's 128 × 10, 40 % of the input
    // gradient it serves (a harness)
    int[] across = indexScratch(L);
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

  @Override
  public void sparseForwardRange(
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
    // two rows at a time, so that their two chains of fmas overlap, in blocks of eight vectors in
    // registers over the rows' non-zeros (all 128 units of the seed's first layer in one pass), or
    // of five, four or three where that many are left; the longer row's rest (or an odd last row)
    // alone through a block of the same width; then a vector, then a float at a time. Each
    // element sees its terms in input order with one fma each
    for (int r = r0; r < r1; r += 2) {
      boolean two = r + 1 < r1;
      int a0 = begin[r];
      int a1 = end[r];
      int b0 = two ? begin[r + 1] : 0;
      int b1 = two ? end[r + 1] : 0;
      int both = two ? Math.min(a1 - a0, b1 - b0) : 0;
      int o = outAt + r * n;
      int ia = initAt + r * initStride;
      int ib = ia + initStride;
      int c = 0;
      while (n - c >= 3 * L) {
        int left = (n - c) / L;
        int v = left >= 8 ? 8 : left == 5 ? 5 : left == 4 || left == 7 ? 4 : 3;
        int wc = wAt + c;
        int oc = o + c;
        if (two) {
          pairBlock(v, a0, b0, both, index, level, table, n, w, wc, init, ia + c, ib + c, out, oc);
          rowBlock(v, a0 + both, a1, index, level, table, n, w, wc, out, oc, out, oc);
          rowBlock(v, b0 + both, b1, index, level, table, n, w, wc, out, oc + n, out, oc + n);
        } else {
          rowBlock(v, a0, a1, index, level, table, n, w, wc, init, ia + c, out, oc);
        }
        c += v * L;
      }
      rowRest(a0, a1, c, index, level, table, n, w, wAt, init, ia, out, o);
      if (two) {
        rowRest(b0, b1, c, index, level, table, n, w, wAt, init, ib, out, o + n);
      }
    }
  }

  /** {@link #rows2Block8} or its narrower kin, for {@code v} (8, 5, 4 or 3) vectors. */
  private static void pairBlock(
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
  private static void rowBlock(
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
  private static void rows2Block8(
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
  private static void row1Block8(
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
  private static void rows2Block4(
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
  private static void row1Block4(
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
  private static void rows2Block3(
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
  private static void row1Block3(
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
  private static void rows2Block5(
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
  private static void row1Block5(
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
  private static void rowRest(
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

  @Override
  public void sparseGradAdam(
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
      float epsilon) {
    // the gradient of every row first, each summed in registers (8, 5, 4, 3 or 1 vectors at a
    // time) and stored once, then Adam over the whole kernel in one pass: phase timers measured
    // this phase of a training step 102.3 -> 89.0 µs on the first thread, 96.8 -> 87.9 on the
    // second (medians of 28 epochs alternating between the two in the same runs) against Adam on
    // each row right after its gradient. Vectors never cross a call here, so a call the compiler
    // declines to inline cannot box
    int wide = n / (4 * L) * (4 * L);
    int whole = n / L * L; // the columns that fill whole vectors
    for (int i = 0; i < k; i++) {
      int e0 = from[i0 + i];
      int e1 = to[i0 + i];
      int go = at + i * n;
      int c = 0;
      for (; c + 8 * L <= wide; c += 8 * L) {
        gradRow8(e0, e1, entries, table, dz, n, at + c, scratch, go + c);
      }
      // five or three vectors in one pass over the entries where exactly that many are left (a
      // thread's 80 or 48 columns), not one pass per vector past the blocks of four
      if (whole - c == 5 * L) {
        gradRow5(e0, e1, entries, table, dz, n, at + c, scratch, go + c);
        c += 5 * L;
      }
      for (; c + 4 * L <= whole; c += 4 * L) {
        gradRow4(e0, e1, entries, table, dz, n, at + c, scratch, go + c);
      }
      if (whole - c == 3 * L) {
        gradRow3(e0, e1, entries, table, dz, n, at + c, scratch, go + c);
        c += 3 * L;
      }
      // columns past the blocks of four a vector at a time, then a float at a time: a thread's
      // slab of 48 or 80 columns (96 or 160 units on two threads) took each entry's remainder
      // through an axpy call (phase timers, --hidden 96: this phase 110.2 -> 100.4 µs a step on
      // one thread, 128.8 -> 97.4 on the other)
      for (; c < whole; c += L) {
        gradRow1(e0, e1, entries, table, dz, n, at + c, scratch, go + c);
      }
      if (whole < n) {
        Arrays.fill(scratch, go + whole, go + n, 0f);
        for (int e = e0; e < e1; e++) {
          int q = entries[e];
          float x = table[q & 0xff];
          axpy(n - whole, x, dz, at + (q >>> 8) * n + whole, scratch, go + whole);
        }
      }
    }
    // Adam is elementwise and its vector lanes equal its scalar tail, so one pass over the k · n
    // values computes what k passes over rows of n would
    adamAt(k * n, p, m, v, at, scratch, at, alpha, oneMinusBeta1, oneMinusBeta2, epsilon);
  }

  /** {@link #gradRow4} for one vector, columns {@code c .. c + L)}. */
  private static void gradRow1(
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
  private static void gradRow8(
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
  private static void gradRow4(
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
  private static void gradRow3(
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
  private static void gradRow5(
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
    FloatVector vc1 = FloatVector.broadcast(S, oneMinusBeta1);
    FloatVector vc2 = FloatVector.broadcast(S, oneMinusBeta2);
    FloatVector vAlpha = FloatVector.broadcast(S, alpha);
    FloatVector vEps = FloatVector.broadcast(S, epsilon);
    // each flush (|x| < t ? +0 : x, as the reference) on the lanes' bits: t - 1 minus |x|'s bits
    // is negative exactly where |x| ≥ t (both below 2^31), so shifted right arithmetically it
    // keeps those lanes' bits and clears the others. JDK 17's compiler takes a compare and a
    // blend through a mask register, a vector and back, five instructions and two loads; this is
    // four integer operations. Phase timers, epochs alternating in the same runs (6 bench runs):
    // a step's first-kernel gradient and Adam 93.4 -> 87.9 µs on the calling thread, 89.8 -> 86.3
    // on the other. The constants are broadcast once: written inline in the loop (or with
    // AND_NOT), the compiler ran out of its node budget inlining the vector calls and fell back
    // to boxed vectors, twice as slow
    IntVector magnitude = IntVector.broadcast(I, 0x7fffffff);
    IntVector belowM =
        IntVector.broadcast(
            I, Float.floatToRawIntBits(ScalarKernels.flushM(oneMinusBeta1, alpha)) - 1);
    IntVector belowV =
        IntVector.broadcast(I, Float.floatToRawIntBits(ScalarKernels.flushV(oneMinusBeta2)) - 1);
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += L) {
      FloatVector gj = FloatVector.fromArray(S, g, gOff + j);
      IntVector mb = FloatVector.fromArray(S, m, off + j).viewAsIntegralLanes();
      IntVector vb = FloatVector.fromArray(S, v, off + j).viewAsIntegralLanes();
      mb = mb.and(belowM.sub(mb.and(magnitude)).lanewise(ASHR, 31));
      vb = vb.and(belowV.sub(vb.and(magnitude)).lanewise(ASHR, 31));
      FloatVector mj = mb.viewAsFloatingLanes();
      FloatVector vj = vb.viewAsFloatingLanes();
      mb = mj.add(gj.sub(mj).mul(vc1)).viewAsIntegralLanes();
      vb = vj.add(gj.mul(gj).sub(vj).mul(vc2)).viewAsIntegralLanes();
      mb = mb.and(belowM.sub(mb.and(magnitude)).lanewise(ASHR, 31));
      vb = vb.and(belowV.sub(vb.and(magnitude)).lanewise(ASHR, 31));
      mj = mb.viewAsFloatingLanes();
      vj = vb.viewAsFloatingLanes();
      mj.intoArray(m, off + j);
      vj.intoArray(v, off + j);
      // a first moment that is zero in every lane (a pixel long unlit, a dead unit) leaves the
      // values as they are, p - alpha · 0 / (√v + ε) = p: the costly square root and division are
      // skipped
      if (mj.compare(VectorOperators.NE, 0f).anyTrue()) {
        FloatVector pj = FloatVector.fromArray(S, p, off + j);
        pj.sub(vAlpha.mul(mj).div(vj.sqrt().add(vEps))).intoArray(p, off + j);
      }
    }
    if (j < n) {
      ScalarKernels.adamRange(
          j, n, p, m, v, off, g, gOff, alpha, oneMinusBeta1, oneMinusBeta2, epsilon);
    }
  }
}
