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
 * fma} and a scalar tail, on the machine's preferred float species (16 lanes with AVX-512). Each
 * method's own loop is here; the blocks it hands rows to are static methods of {@link
 * VectorSparseForward}, {@link VectorSparseGrad}, {@link VectorDense}, {@link VectorNarrow} and
 * {@link VectorStencils}, called at the depth they had as methods of this class, so that the
 * compiler inlines as before. (A split that delegated each method to another class trained slower:
 * {@code AbBench}, 16 rounds in each order, faster in 4 of 16 both ways; this one in 28 of 64,
 * medians within 1 %.) With them, the only code that touches the incubator module.
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

  @Override
  public void addTvGradient(int rows, int side, float[] x, float weight, float[] g) {
    if (side != VectorStencils.TV_SIDE) {
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
        VectorMask<Float> left = VectorMask.fromArray(S, VectorStencils.HAS_LEFT, p);
        gi = gi.blend(gi.sub(FloatVector.fromArray(S, x, i - 1).sub(xi).mul(w2)), left);
        VectorMask<Float> right = VectorMask.fromArray(S, VectorStencils.HAS_RIGHT, p);
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
      VectorStencils.convolve(
          tmp, padded, 1, side * w, kernel, tmp, byRows); // the margins' sums go unread
      for (int y = -radius; y < side + radius; y++) {
        int from = byRows + Stencils.clamp(y, side) * w + radius;
        System.arraycopy(tmp, from, tmp, withRows + (y + radius) * side, side);
      }
      VectorStencils.convolve(tmp, withRows + radius * side, side, px, kernel, x, o);
    }
  }

  @Override
  public void reluMask(int n, float[] z, int zOff, float[] grad, int gradOff) {
    // a blend instead of a branch: half the units are off, so the branch is a coin toss
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += L) {
      FloatVector g = FloatVector.fromArray(S, grad, gradOff + j);
      g.blend(0f, FloatVector.fromArray(S, z, zOff + j).compare(VectorOperators.LE, 0f))
          .intoArray(grad, gradOff + j);
    }
    for (; j < n; j++) {
      if (z[zOff + j] <= 0f) {
        grad[gradOff + j] = 0f;
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
      VectorNarrow.matmulBiasNarrow(rows, k, n, a, w, bias, out);
      return;
    }
    if (n < L) {
      // other vector widths: dot products over all inputs (dense either way, as the narrow path)
      float[] wt = VectorNarrow.transposed(w, k, n);
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
      while (r + 5 <= rows && (dense || VectorDense.allNonZero(a, r * k, 5 * k))) {
        VectorDense.matmulBias5(this, r, k, n, a, w, bias, out);
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
      int[] nzi = VectorScratch.indexScratch(k);
      float[] nzv = VectorScratch.scratch(k);
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

  @Override
  public void matmulTransB(int rows, int k, int n, float[] dz, float[] w, float[] da, int daOff) {
    if (n < L) {
      // row r of da: the n rows of the transposed kernel weighted by dz's row, summed in registers
      float[] wt = VectorNarrow.transposed(w, k, n);
      for (int r = 0; r < rows; r++) {
        VectorNarrow.axpySum(k, n, dz, r * n, 1, wt, Aligned.START, k, da, daOff + r * k);
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < k; i++) {
        da[daOff + r * k + i] = dot(n, dz, r * n, w, i * n);
      }
    }
  }

  @Override
  public void gradKernelBias(
      int rows, int k, int n, float[] a, float[] dz, float[] dw, float[] db) {
    if (n < L) {
      VectorNarrow.gradKernelBiasNarrow(rows, k, n, a, dz, dw, db);
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
          VectorSparseForward.pairBlock(
              v, a0, b0, both, index, level, table, n, w, wc, init, ia + c, ib + c, out, oc);
          VectorSparseForward.rowBlock(
              v, a0 + both, a1, index, level, table, n, w, wc, out, oc, out, oc);
          VectorSparseForward.rowBlock(
              v, b0 + both, b1, index, level, table, n, w, wc, out, oc + n, out, oc + n);
        } else {
          VectorSparseForward.rowBlock(
              v, a0, a1, index, level, table, n, w, wc, init, ia + c, out, oc);
        }
        c += v * L;
      }
      VectorSparseForward.rowRest(a0, a1, c, index, level, table, n, w, wAt, init, ia, out, o);
      if (two) {
        VectorSparseForward.rowRest(
            b0, b1, c, index, level, table, n, w, wAt, init, ib, out, o + n);
      }
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
      float epsilon,
      boolean flushedV) {
    // two rows (a pair of pixels) at a time: their gradients summed in registers (8, 4 or 1
    // vectors of both rows at a time) and stored into the first 2n floats of scratch, then Adam on
    // the two rows at once, while that gradient is still in the first-level cache. Pairs: a harness
    // outside the repo, the gradient of 392 pixels' rows over real MNIST batches, 19.2 -> 13.8 µs
    // against a row at a time (the same floats), on cores whose second-level cache hands the first
    // 32 bytes a cycle. Adam right after each pair rather than in one pass over the whole block
    // afterwards: as fast on those cores (phase timers, 392 rows a thread: gradient and Adam 34-38
    // µs a step either way), and the one long loop over 50,000 values a call was compiled twice by
    // the JIT (on-stack replacement while the first epoch ran it, then normally), and in 5 of 7
    // processes one training thread ran that Adam pass twice as slowly as the other, 41-43 against
    // 21-22 µs (not with -XX:-UseOnStackReplacement; never with the pass split by pairs: 4 of 4).
    // On an Intel Xeon the one pass had measured faster (phase C 102.3 -> 89.0 µs, Adam row by row
    // against one pass). Vectors never cross a call here, so a call the compiler declines to
    // inline cannot box
    Kernels.checkPairs(k, i0, table);
    int wide = n / (8 * L) * (8 * L);
    int whole = n / L * L; // the columns that fill whole vectors
    for (int i = 0; i < k; i += 2) {
      int e0 = from[(i0 + i) >> 1];
      int e1 = to[(i0 + i) >> 1];
      int go = at; // the pair's gradient: scratch[at .. at + 2n)
      int c = 0;
      for (; c < wide; c += 8 * L) {
        VectorSparseGrad.gradPair8(e0, e1, entries, table, dz, n, at + c, scratch, go + c);
      }
      for (; c + 4 * L <= whole; c += 4 * L) {
        VectorSparseGrad.gradPair4(e0, e1, entries, table, dz, n, at + c, scratch, go + c);
      }
      for (; c < whole; c += L) {
        VectorSparseGrad.gradPair1(e0, e1, entries, table, dz, n, at + c, scratch, go + c);
      }
      if (whole < n) {
        for (int half = 0; half < 2; half++) {
          int row = go + half * n;
          Arrays.fill(scratch, row + whole, row + n, 0f);
          for (int e = e0; e < e1; e++) {
            int q = entries[e];
            int value = (q >>> (8 * half)) & 0xff;
            if (value != 0) {
              axpy(n - whole, table[value], dz, at + (q >>> 16) * n + whole, scratch, row + whole);
            }
          }
        }
      }
      // Adam is elementwise and its vector lanes equal its scalar tail, so a pass over the pair's
      // 2n values computes what a pass over the whole block would
      adamLoop(
          2 * n,
          p,
          m,
          v,
          at + i * n,
          scratch,
          go,
          alpha,
          oneMinusBeta1,
          oneMinusBeta2,
          epsilon,
          !flushedV);
    }
  }

  @Override
  public float adamAtDot(
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
    // adamAt's loop (see there), each updated vector then taken into dot()'s sum at once: the
    // division and square root keep a core waiting, and the sum's loads and fmas fill that wait,
    // where dot() made a pass of its own over the image. A copy on purpose: one loop for both
    // (the sum under a test of w) made bench's AM after training 0.41-0.55 s instead of 0.22-0.30
    // (two bench processes of each build alternating), the loop compiled for training's calls
    // first
    FloatVector vc1 = FloatVector.broadcast(S, oneMinusBeta1);
    FloatVector vc2 = FloatVector.broadcast(S, oneMinusBeta2);
    FloatVector vAlpha = FloatVector.broadcast(S, alpha);
    FloatVector vEps = FloatVector.broadcast(S, epsilon);
    IntVector magnitude = IntVector.broadcast(I, 0x7fffffff);
    IntVector belowM =
        IntVector.broadcast(
            I, Float.floatToRawIntBits(ScalarKernels.flushM(oneMinusBeta1, alpha)) - 1);
    IntVector belowV =
        IntVector.broadcast(I, Float.floatToRawIntBits(ScalarKernels.flushV(oneMinusBeta2)) - 1);
    FloatVector acc = FloatVector.zero(S);
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
      FloatVector pj = FloatVector.fromArray(S, p, off + j);
      if (mj.compare(VectorOperators.NE, 0f).anyTrue()) {
        pj = pj.sub(vAlpha.mul(mj).div(vj.sqrt().add(vEps)));
        pj.intoArray(p, off + j);
      }
      acc = pj.fma(FloatVector.fromArray(S, w, wOff + j), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    if (j < n) {
      ScalarKernels.adamRange(
          j, n, p, m, v, off, g, gOff, alpha, oneMinusBeta1, oneMinusBeta2, epsilon);
      for (; j < n; j++) {
        sum = Math.fma(p[off + j], w[wOff + j], sum);
      }
    }
    return sum;
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
    adamLoop(n, p, m, v, off, g, gOff, alpha, oneMinusBeta1, oneMinusBeta2, epsilon, true);
  }

  /**
   * {@link #adamAt}, flushing {@code v} before its update only with {@code flushV}: where every
   * {@code v} is 0 or at least the threshold (what a step with this {@code oneMinusBeta2} left),
   * that flush changes nothing, and it is four of the loop's thirty vector operations (a harness
   * outside the repo, 50,176 values: 22.3 -> 20.6 µs).
   */
  private static void adamLoop(
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
      boolean flushV) {
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
      if (flushV) {
        vb = vb.and(belowV.sub(vb.and(magnitude)).lanewise(ASHR, 31));
      }
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
