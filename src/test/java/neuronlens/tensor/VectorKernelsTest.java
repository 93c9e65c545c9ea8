package neuronlens.tensor;

import static neuronlens.tensor.AllClose.assertAllClose;
import static neuronlens.tensor.AllClose.assertBitEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@link Kernels} method of {@link VectorKernels} against the {@link ScalarKernels} reference
 * on seeded random inputs, at sizes that exercise the vector loop, the scalar tail and both
 * together.
 *
 * <p>Tolerance: the two differ only in rounding (fma, lane-wise summation order). A float sum of
 * {@code t} terms is within {@code γ(t)·Σ|term|} of the exact sum, {@code γ(t) = tU/(1 - tU)},
 * {@code U = 2⁻²⁴} (Higham, Accuracy and Stability, Thm 3.1), so two float orders differ by at most
 * twice that. Adam has no fma or reduction, so it must agree bit for bit.
 */
class VectorKernelsTest {
  /** Unit roundoff of float32. */
  static final double U = 0x1p-24;

  /** Slack for results that are exactly zero in one order and a denormal in the other. */
  static final double DENORMAL_SLACK = Float.MIN_NORMAL;

  final Kernels ref = new ScalarKernels();
  final Kernels vec = new VectorKernels();

  static double sumBound(int terms, double absSum) {
    double gamma = terms * U / (1 - terms * U);
    return 2 * gamma * absSum + DENORMAL_SLACK;
  }

  /** The rounding bound of each output of {@code a (rows, k) · w (k, n) + bias}. */
  static double[] matmulBound(int rows, int k, int n, float[] a, float[] w, float[] bias) {
    double[] bound = new double[rows * n];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < n; j++) {
        double abs = Math.abs(bias[j]);
        for (int i = 0; i < k; i++) {
          abs += Math.abs((double) a[r * k + i] * w[i * n + j]);
        }
        bound[r * n + j] = sumBound(k + 1, abs);
      }
    }
    return bound;
  }

  static float[] random(SplittableRandom rng, int n, double zeroFraction) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextDouble() < zeroFraction ? 0f : (float) (rng.nextDouble() * 2 - 1);
    }
    return a;
  }

  static void assertWithin(String what, float[] expected, float[] actual, double[] bound) {
    assertThat(actual.length).as(what + ": length").isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs((double) actual[i] - expected[i]);
      if (!(err <= bound[i])) {
        fail(
            "%s: element %d: scalar %s, vector %s, |diff| %s > bound %s",
            what, i, expected[i], actual[i], err, bound[i]);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 128, 130})
  void axpyMatchesReferenceAndLeavesTheRestAlone(int n) {
    SplittableRandom rng = new SplittableRandom(100 + n);
    float a = (float) rng.nextDouble(-2, 2);
    float[] x = random(rng, n + 3, 0);
    float[] y0 = random(rng, n + 9, 0);
    float[] yRef = y0.clone();
    float[] yVec = y0.clone();
    ref.axpy(n, a, x, 3, yRef, 5);
    vec.axpy(n, a, x, 3, yVec, 5);
    double[] bound = new double[y0.length];
    for (int j = 0; j < n; j++) {
      bound[5 + j] = sumBound(2, Math.abs(y0[5 + j]) + Math.abs((double) a * x[3 + j]));
    }
    assertWithin("axpy n=" + n, yRef, yVec, bound);
    for (int j : new int[] {0, 1, 2, 3, 4, 5 + n, 6 + n, 7 + n, 8 + n}) {
      assertThat(yVec[j]).as("outside [yOff, yOff + n)").isEqualTo(y0[j]);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 128, 130})
  void dotMatchesReference(int n) {
    SplittableRandom rng = new SplittableRandom(200 + n);
    float[] x = random(rng, n + 2, 0.2);
    float[] y = random(rng, n + 7, 0.2);
    double abs = 0;
    for (int j = 0; j < n; j++) {
      abs += Math.abs((double) x[2 + j] * y[7 + j]);
    }
    float r = ref.dot(n, x, 2, y, 7);
    float v = vec.dot(n, x, 2, y, 7);
    assertThat(Math.abs((double) r - v)).as("dot n=" + n).isLessThanOrEqualTo(sumBound(n, abs));
  }

  /**
   * Row by row, {@code dotRows} (four rows at a time) gives what {@code dot} gives, bit for bit.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 16, 17, 784, 790})
  void dotRowsIsOneDotPerRow(int n) {
    for (Kernels impl : new Kernels[] {ref, vec}) {
      for (int rows : new int[] {1, 3, 4, 5, 9}) {
        SplittableRandom rng = new SplittableRandom(2100L * n + rows);
        float[] x = random(rng, rows * n, 0.2);
        float[] y = random(rng, rows * n, 0.2);
        float[] together = new float[rows];
        impl.dotRows(rows, n, x, y, together);
        float[] alone = new float[rows];
        for (int r = 0; r < rows; r++) {
          alone[r] = impl.dot(n, x, r * n, y, r * n);
        }
        assertBitEqual(impl.name() + " dotRows rows=" + rows + " n=" + n, alone, together);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 128, 130})
  void matmulBiasMatchesReference(int n) {
    for (int k : new int[] {1, 7, 16, 17, 130}) {
      int rows = 3;
      SplittableRandom rng = new SplittableRandom(300L * n + k);
      float[] a = random(rng, rows * k, 0.3);
      float[] w = random(rng, k * n, 0);
      float[] bias = random(rng, n, 0);
      float[] outRef = new float[rows * n];
      float[] outVec = new float[rows * n];
      ref.matmulBias(rows, k, n, a, w, bias, outRef);
      vec.matmulBias(rows, k, n, a, w, bias, outVec);
      double[] bound = matmulBound(rows, k, n, a, w, bias);
      assertWithin("matmulBias k=" + k + " n=" + n, outRef, outVec, bound);
    }
  }

  /**
   * The vector kernel takes five rows together through a layer when their inputs are dense; each
   * row must still get exactly what it gets alone: its non-zero inputs in ascending order, the same
   * fmas, zeros skipped per row (an infinite weight behind a zero input must not make a NaN).
   */
  @ParameterizedTest
  @ValueSource(ints = {16, 64, 100, 128, 130, 784})
  void matmulBiasOnManyRowsEqualsRowByRow(int n) {
    for (int k : new int[] {7, 130}) {
      for (double zeros : new double[] {0, 0.02, 0.6}) {
        int rows = 12;
        SplittableRandom rng = new SplittableRandom(900L * n + k);
        float[] a = random(rng, rows * k, zeros);
        a[3 * k + 2] = 0f;
        a[4 * k + 2] = -0f;
        float[] w = random(rng, k * n, 0);
        w[2 * n + 1] = Float.POSITIVE_INFINITY;
        float[] bias = random(rng, n, 0);
        float[] together = new float[rows * n];
        vec.matmulBias(rows, k, n, a, w, bias, together);
        float[] alone = new float[rows * n];
        float[] one = new float[n];
        for (int r = 0; r < rows; r++) {
          vec.matmulBias(1, k, n, Arrays.copyOfRange(a, r * k, r * k + k), w, bias, one);
          System.arraycopy(one, 0, alone, r * n, n);
        }
        String what = "matmulBias k=" + k + " n=" + n + " zeros=" + zeros;
        assertBitEqual(what, alone, together);
        assertThat(together[3 * n + 1]).as(what + ": behind the zero input").isNotNaN();
      }
    }
  }

  /**
   * Five rows whose only zero input is their very last value (past the last whole vector of their
   * inputs) must not go through the five-row path, which would multiply an infinite weight by it.
   */
  @ParameterizedTest
  @ValueSource(ints = {7, 130})
  void matmulBiasSeesAZeroAmongTheLastInputsOfFiveRows(int k) {
    int n = 64;
    SplittableRandom rng = new SplittableRandom(1900L + k);
    float[] a = random(rng, 5 * k, 0);
    for (int i = 0; i < a.length; i++) {
      if (a[i] == 0f) {
        a[i] = 1f;
      }
    }
    a[5 * k - 1] = 0f;
    float[] w = random(rng, k * n, 0);
    w[(k - 1) * n] = Float.POSITIVE_INFINITY;
    float[] bias = random(rng, n, 0);
    float[] together = new float[5 * n];
    vec.matmulBias(5, k, n, a, w, bias, together);
    assertThat(together[4 * n]).as("k=" + k + ": behind the zero input").isNotNaN();
  }

  /**
   * The dense form adds every input's product: with finite weights and no -0 bias that is exactly
   * what skipping the zeros gives, five rows at a time or one (the reason activation maximization
   * may take its ReLU gradients through it); the scalar reference agrees within rounding.
   */
  @ParameterizedTest
  @ValueSource(ints = {3, 16, 64, 100, 128, 130, 784})
  void matmulBiasDenseEqualsSkippingZerosForFiniteWeights(int n) {
    for (int k : new int[] {7, 130}) {
      int rows = 12;
      SplittableRandom rng = new SplittableRandom(1700L * n + k);
      float[] a = random(rng, rows * k, 0.5);
      a[4 * k + 2] = -0f;
      float[] w = random(rng, k * n, 0);
      float[] bias = random(rng, n, 0.3);
      String what = "k=" + k + " n=" + n;
      float[] skipping = new float[rows * n];
      vec.matmulBias(rows, k, n, a, w, bias, skipping);
      float[] dense = new float[rows * n];
      vec.matmulBiasDense(rows, k, n, a, w, bias, dense);
      assertBitEqual("matmulBiasDense " + what, skipping, dense);
      float[] outRef = new float[rows * n];
      ref.matmulBiasDense(rows, k, n, a, w, bias, outRef);
      double[] bound = matmulBound(rows, k, n, a, w, bias);
      assertWithin("matmulBiasDense vs reference " + what, outRef, dense, bound);
    }
  }

  /**
   * With fewer units than lanes (the output layer) the vector kernels reorganize their work
   * (partial sums of all units at once, sums kept in registers); each result must stay what one
   * {@link Kernels#dot} per output, or one {@link Kernels#axpy} per term, gives: bit for bit.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 10, 15})
  void narrowLayerKernelsEqualOneDotOrAxpyAtATime(int n) {
    for (int k : new int[] {7, 16, 128, 130}) {
      int rows = 7;
      SplittableRandom rng = new SplittableRandom(1300L * n + k);
      float[] a = random(rng, rows * k, 0.3);
      a[2] = -0f;
      float[] w = random(rng, k * n, 0);
      float[] bias = random(rng, n, 0);
      float[] dz = random(rng, rows * n, 0.2);
      float[] wt = new float[n * k];
      for (int i = 0; i < k; i++) {
        for (int c = 0; c < n; c++) {
          wt[c * k + i] = w[i * n + c];
        }
      }
      String what = "k=" + k + " n=" + n;
      float[] z = new float[rows * n];
      vec.matmulBias(rows, k, n, a, w, bias, z);
      float[] zOne = new float[rows * n];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < n; c++) {
          zOne[r * n + c] = bias[c] + vec.dot(k, a, r * k, wt, c * k);
        }
      }
      assertBitEqual("matmulBias " + what, zOne, z);
      float[] da = new float[rows * k];
      vec.matmulTransB(rows, k, n, dz, w, da);
      float[] daOne = new float[rows * k];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < n; c++) {
          vec.axpy(k, dz[r * n + c], wt, c * k, daOne, r * k);
        }
      }
      assertBitEqual("matmulTransB " + what, daOne, da);
      float[] dw = new float[k * n];
      float[] db = new float[n];
      vec.gradKernelBias(rows, k, n, a, dz, dw, db);
      float[] dwt = new float[n * k];
      float[] dbOne = new float[n];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < n; c++) {
          vec.axpy(k, dz[r * n + c], a, r * k, dwt, c * k);
        }
        vec.axpy(n, 1f, dz, r * n, dbOne, 0);
      }
      float[] dwOne = new float[k * n];
      for (int i = 0; i < k; i++) {
        for (int c = 0; c < n; c++) {
          dwOne[i * n + c] = dwt[c * k + i];
        }
      }
      assertBitEqual("gradKernelBias dw " + what, dwOne, dw);
      assertBitEqual("gradKernelBias db " + what, dbOne, db);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 128, 130})
  void matmulTransBMatchesReference(int n) {
    for (int k : new int[] {1, 7, 16, 17, 130}) {
      int rows = 3;
      SplittableRandom rng = new SplittableRandom(400L * n + k);
      float[] dz = random(rng, rows * n, 0.1);
      float[] w = random(rng, k * n, 0);
      float[] daRef = new float[rows * k];
      float[] daVec = new float[rows * k];
      ref.matmulTransB(rows, k, n, dz, w, daRef);
      vec.matmulTransB(rows, k, n, dz, w, daVec);
      double[] bound = new double[rows * k];
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < k; i++) {
          double abs = 0;
          for (int j = 0; j < n; j++) {
            abs += Math.abs((double) dz[r * n + j] * w[i * n + j]);
          }
          bound[r * k + i] = sumBound(n, abs);
        }
      }
      assertWithin("matmulTransB k=" + k + " n=" + n, daRef, daVec, bound);
      // into an array from an offset (after NaNs that must stay): the same values there
      for (Kernels impl : new Kernels[] {ref, vec}) {
        float[] plain = new float[rows * k];
        impl.matmulTransB(rows, k, n, dz, w, plain);
        float[] at = shifted(new float[rows * k], 5);
        impl.matmulTransB(rows, k, n, dz, w, at, 5);
        assertBitEqual(
            impl.name() + " matmulTransB from 5, k=" + k + " n=" + n, plain, unshifted(at, 5));
        assertThat(Float.isNaN(at[4])).as("the float before the offset").isTrue();
      }
    }
  }

  /**
   * The ReLU's backward mask from offsets (the pre-activation from one, the gradient from another)
   * clears the same values as from index 0, in both implementations, and nothing before them.
   */
  @Test
  void reluMaskFromOffsetsMasksTheSameValues() {
    int n = 3 * lanes() + 5;
    SplittableRandom rng = new SplittableRandom(61);
    float[] z = random(rng, n, 0);
    float[] grad = random(rng, n, 0);
    for (Kernels impl : new Kernels[] {ref, vec}) {
      float[] plain = grad.clone();
      impl.reluMask(n, z, plain);
      float[] zAt = shifted(z, 3);
      float[] gAt = shifted(grad, 7);
      impl.reluMask(n, zAt, 3, gAt, 7);
      assertBitEqual(impl.name() + " reluMask from offsets", plain, unshifted(gAt, 7));
      assertThat(Float.isNaN(gAt[6])).as("the float before the offset").isTrue();
      assertThat(plain).as("some masked, some not").contains(0f).isNotEqualTo(new float[n]);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 128, 130})
  void gradKernelBiasMatchesReferenceAndOverwrites(int n) {
    for (int k : new int[] {1, 7, 17, 130}) {
      int rows = 5;
      SplittableRandom rng = new SplittableRandom(500L * n + k);
      float[] a = random(rng, rows * k, 0.3);
      float[] dz = random(rng, rows * n, 0);
      float[][] outs = new float[4][];
      Kernels[] impls = {ref, vec};
      for (int m = 0; m < 2; m++) {
        float[] dw = new float[k * n];
        float[] db = new float[n];
        Arrays.fill(dw, Float.NaN); // stale contents must be overwritten, not accumulated
        Arrays.fill(db, Float.NaN);
        impls[m].gradKernelBias(rows, k, n, a, dz, dw, db);
        outs[2 * m] = dw;
        outs[2 * m + 1] = db;
      }
      double[] bw = new double[k * n];
      double[] bb = new double[n];
      for (int j = 0; j < n; j++) {
        double absB = 0;
        for (int r = 0; r < rows; r++) {
          absB += Math.abs(dz[r * n + j]);
        }
        bb[j] = sumBound(rows, absB);
        for (int i = 0; i < k; i++) {
          double abs = 0;
          for (int r = 0; r < rows; r++) {
            abs += Math.abs((double) a[r * k + i] * dz[r * n + j]);
          }
          bw[i * n + j] = sumBound(rows, abs);
        }
      }
      assertWithin("gradKernelBias dw k=" + k + " n=" + n, outs[0], outs[2], bw);
      assertWithin("gradKernelBias db k=" + k + " n=" + n, outs[1], outs[3], bb);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 128, 130})
  void sparseKernelsEqualDenseOnTheSameInput(int n) {
    int rows = 4;
    int k = 50;
    SplittableRandom rng = new SplittableRandom(600 + n);
    float[] dense = random(rng, rows * k, 0.6);
    dense[3] = 0f; // one row entirely zero, to hit an empty sparse row
    Arrays.fill(dense, 2 * k, 3 * k, 0f);
    int[] start = new int[rows + 1];
    int[] index = new int[rows * k];
    float[] value = new float[rows * k];
    int e = 0;
    for (int r = 0; r < rows; r++) {
      start[r] = e;
      for (int i = 0; i < k; i++) {
        if (dense[r * k + i] != 0f) {
          index[e] = i;
          value[e++] = dense[r * k + i];
        }
      }
    }
    start[rows] = e;
    float[] w = random(rng, k * n, 0);
    float[] bias = random(rng, n, 0);
    float[] dz = random(rng, rows * n, 0);
    float[][] sparseOut = new float[2][];
    for (Kernels impl : new Kernels[] {ref, vec}) {
      float[] zDense = new float[rows * n];
      float[] zSparse = new float[rows * n];
      impl.matmulBias(rows, k, n, dense, w, bias, zDense);
      impl.sparseMatmulBias(rows, start, index, value, n, w, bias, zSparse);
      // Same non-zero terms in the same order: the sparse form must be bit-identical, except
      // where the vector kernels switch to dot products for layers narrower than a vector.
      if (impl == ref || n >= lanes()) {
        assertBitEqual(impl.name() + " sparse vs dense forward", zDense, zSparse);
      } else {
        assertAllClose(impl.name() + " sparse vs dense forward", zDense, zSparse, 1e-5, 1e-5);
      }

      float[] dwDense = new float[k * n];
      float[] dbDense = new float[n];
      float[] dwSparse = new float[k * n];
      float[] dbSparse = new float[n];
      Arrays.fill(dwSparse, Float.NaN);
      Arrays.fill(dbSparse, Float.NaN);
      impl.gradKernelBias(rows, k, n, dense, dz, dwDense, dbDense);
      impl.sparseGradKernelBias(rows, start, index, value, k, n, dz, dwSparse, dbSparse);
      if (impl == ref || n >= lanes()) {
        assertBitEqual(impl.name() + " sparse vs dense dw", dwDense, dwSparse);
      } else {
        assertAllClose(impl.name() + " sparse vs dense dw", dwDense, dwSparse, 1e-5, 1e-5);
      }
      assertBitEqual(impl.name() + " sparse vs dense db", dbDense, dbSparse);
      sparseOut[impl == ref ? 0 : 1] = zSparse;
    }
    double[] bound = matmulBound(rows, k, n, dense, w, bias);
    assertWithin("sparseMatmulBias vector vs scalar", sparseOut[0], sparseOut[1], bound);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 128, 130})
  void adamIsBitIdenticalToReference(int n) {
    SplittableRandom rng = new SplittableRandom(700 + n);
    float[] p = random(rng, n, 0);
    float[] g = random(rng, n, 0.1);
    float[] m = random(rng, n, 0.1);
    float[] v = random(rng, n, 0.1);
    for (int j = 0; j < n; j++) {
      v[j] = Math.abs(v[j]) * 1e-3f;
    }
    // a stretch with no gradient and first moments that are zero or flush to zero, so that whole
    // vectors take the vector kernel's shortcut (p unchanged, -0 included); v keeps decaying there
    for (int j = n / 3; j < Math.min(n, n / 3 + 40); j++) {
      g[j] = 0f;
      m[j] = j % 3 == 0 ? 0f : j % 3 == 1 ? -0f : 1e-36f;
      p[j] = j % 5 == 0 ? -0f : p[j];
    }
    float[][] r = {p.clone(), m.clone(), v.clone()};
    float[][] x = {p.clone(), m.clone(), v.clone()};
    ref.adam(n, r[0], g, r[1], r[2], 0.003f, 0.1f, 0.001f, 1e-7f);
    vec.adam(n, x[0], g, x[1], x[2], 0.003f, 0.1f, 0.001f, 1e-7f);
    assertBitEqual("adam p n=" + n, r[0], x[0]);
    assertBitEqual("adam m n=" + n, r[1], x[1]);
    assertBitEqual("adam v n=" + n, r[2], x[2]);
  }

  /**
   * The fused step and dot product gives what {@code adamAt} then {@code dot} of the same kernels
   * give, bit for bit, at offsets into longer arrays and with whole vectors whose moments are zero
   * (the update's shortcut); its Adam values equal the reference's.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 16, 17, 128, 784, 790})
  void adamAtDotIsAdamAtThenDot(int n) {
    SplittableRandom rng = new SplittableRandom(900 + n);
    int off = 3;
    int wOff = 5;
    float[] p = random(rng, n + off, 0);
    float[] g = random(rng, n + off, 0.1);
    float[] m = random(rng, n + off, 0.1);
    float[] v = random(rng, n + off, 0.1);
    float[] w = random(rng, n + wOff, 0.2);
    for (int j = 0; j < v.length; j++) {
      v[j] = Math.abs(v[j]) * 1e-3f;
    }
    for (int j = off + n / 3; j < Math.min(n + off, off + n / 3 + 40); j++) {
      g[j] = 0f;
      m[j] = 0f;
    }
    float[][] two = {p.clone(), m.clone(), v.clone()};
    float[][] fused = {p.clone(), m.clone(), v.clone()};
    float[][] r = {p.clone(), m.clone(), v.clone()};
    vec.adamAt(n, two[0], two[1], two[2], off, g, off, 0.003f, 0.1f, 0.001f, 1e-7f);
    float expected = vec.dot(n, two[0], off, w, wOff);
    float actual =
        vec.adamAtDot(
            n, fused[0], fused[1], fused[2], off, g, off, 0.003f, 0.1f, 0.001f, 1e-7f, w, wOff);
    ref.adamAt(n, r[0], r[1], r[2], off, g, off, 0.003f, 0.1f, 0.001f, 1e-7f);
    assertBitEqual("adamAtDot dot n=" + n, new float[] {expected}, new float[] {actual});
    for (int i = 0; i < 3; i++) {
      assertBitEqual("adamAtDot state " + i + " n=" + n, two[i], fused[i]);
      assertBitEqual("adamAtDot vs reference " + i + " n=" + n, r[i], fused[i]);
    }
    float refDot =
        ref.adamAtDot(
            n, p.clone(), m.clone(), v.clone(), off, g, off, 0.003f, 0.1f, 0.001f, 1e-7f, w, wOff);
    double abs = 0;
    for (int j = 0; j < n; j++) {
      abs += Math.abs((double) r[0][off + j] * w[wOff + j]);
    }
    assertWithin(
        "adamAtDot vs reference dot n=" + n,
        new float[] {refDot},
        new float[] {actual},
        new double[] {sumBound(n, abs)});
  }

  /**
   * The flush to zero at its edges, in vector lanes and the tail alike: moments exactly at either
   * threshold, one float below and above it, of both signs, the smallest normal and subnormal
   * floats, signed zeros, infinities and NaNs of both signs, with gradients zero, tiny and normal.
   * The vector kernel flushes on the floats' bits, the reference by comparing them.
   */
  @Test
  void adamFlushesAtTheThresholdsLikeTheReference() {
    float alpha = 0.003f;
    float c1 = 0.1f;
    float c2 = 0.001f;
    float tm = ScalarKernels.flushM(c1, alpha);
    float tv = ScalarKernels.flushV(c2);
    float negativeNaN = Float.intBitsToFloat(0xffc00000);
    float[] edges = {
      tm,
      Math.nextDown(tm),
      Math.nextUp(tm),
      -tm,
      -Math.nextDown(tm),
      tv,
      Math.nextDown(tv),
      Math.nextUp(tv),
      -tv,
      Float.MIN_NORMAL,
      Float.MIN_VALUE,
      -Float.MIN_VALUE,
      0f,
      -0f,
      1e-3f,
      -1e-3f,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.NaN,
      negativeNaN
    };
    float[] grads = {0f, -0f, 1e-20f, tm, 1e-3f, -2e-2f, Float.NaN};
    int n = edges.length * grads.length * 2 + 5; // a scalar tail too
    float[] p = new float[n];
    float[] g = new float[n];
    float[] m = new float[n];
    float[] v = new float[n];
    SplittableRandom rng = new SplittableRandom(11);
    for (int j = 0; j < n; j++) {
      int e = j % edges.length;
      m[j] = edges[e];
      // second moments are never negative (Adam keeps them so, a loaded state is checked)
      v[j] = Math.abs(edges[(e * 7 + j / edges.length) % edges.length]);
      g[j] = grads[(j / edges.length) % grads.length];
      p[j] = (float) rng.nextGaussian();
    }
    float[][] r = {p.clone(), m.clone(), v.clone()};
    float[][] x = {p.clone(), m.clone(), v.clone()};
    for (int step = 0; step < 3; step++) {
      ref.adam(n, r[0], g, r[1], r[2], alpha, c1, c2, 1e-7f);
      vec.adam(n, x[0], g, x[1], x[2], alpha, c1, c2, 1e-7f);
      for (int a = 0; a < 3; a++) {
        // bit for bit, signed zeros apart, but any NaN for a NaN: which NaN an operation on two
        // of them returns depends on the order of its operands, which the compiler may swap
        for (int j = 0; j < n; j++) {
          assertThat(Float.floatToIntBits(x[a][j]))
              .as(
                  "%s[%d] after step %d: m %s, v %s, g %s",
                  "pmv".charAt(a), j, step, m[j], v[j], g[j])
              .isEqualTo(Float.floatToIntBits(r[a][j]));
        }
      }
    }
  }

  /**
   * The first layer summed over ranges of each row's pixels ({@code sparseForwardRange}: from the
   * bias over all of them, or over two or three ranges one after another, continuing in place, each
   * with only its rows of the kernel) equals the row-wise sparse forward bit for bit, and the fused
   * gradient + Adam ({@code sparseGradAdam}, on the whole kernel or on blocks of its rows) equals
   * the gradient kernel followed by Adam, in both implementations.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 16, 17, 33, 48, 64, 70, 80, 96, 112, 128, 130, 160})
  void rangeKernelsEqualTheRowWiseOnes(int n) {
    int rows = 7;
    int k = 40;
    SplittableRandom rng = new SplittableRandom(800 + n);
    float[] table = random(rng, 256, 0); // what each of 255 input levels stands for
    table[0] = 0f; // an unlit input of a pair
    int[] level = new int[rows * k];
    float[] dense = new float[rows * k];
    for (int j = 0; j < level.length; j++) {
      level[j] = rng.nextDouble() < 0.7 ? 0 : rng.nextInt(1, 256);
    }
    Arrays.fill(level, 2 * k, 3 * k, 0); // an image with no lit pixel
    Arrays.fill(level, 4 * k, 4 * k + k / 2, 0); // one with none in its first half
    for (int r = 0; r < rows; r++) {
      level[r * k + 5] = 0; // an input lit in no image
    }
    for (int j = 0; j < level.length; j++) {
      dense[j] = level[j] == 0 ? 0f : table[level[j]];
    }
    int[] start = new int[rows + 1];
    int[] index = new int[rows * k];
    short[] lit = new short[rows * k];
    byte[] lev = new byte[rows * k];
    float[] value = new float[rows * k];
    int[] from = new int[k / 2]; // by pair of inputs, in buckets of `rows` slots
    int[] to = new int[k / 2];
    int[] entries = new int[k / 2 * rows]; // row << 16 | odd input's level << 8 | even one's
    int e = 0;
    for (int j = 0; j < k / 2; j++) {
      from[j] = j * rows;
      to[j] = from[j];
    }
    for (int r = 0; r < rows; r++) {
      start[r] = e;
      for (int i = 0; i < k; i++) {
        float x = dense[r * k + i];
        if (x != 0f) {
          index[e] = i;
          lit[e] = (short) i;
          lev[e] = (byte) level[r * k + i];
          value[e++] = x;
        }
      }
      for (int j = 0; j < k / 2; j++) {
        int even = level[r * k + 2 * j];
        int odd = level[r * k + 2 * j + 1];
        if ((even | odd) != 0) {
          entries[to[j]++] = r << 16 | odd << 8 | even;
        }
      }
    }
    start[rows] = e;
    float[] w = random(rng, k * n, 0);
    float[] bias = random(rng, n, 0);
    float[] dz = random(rng, rows * n, 0.3);
    float[] m0 = random(rng, k * n, 0.2);
    float[] v0 = random(rng, k * n, 0.2);
    for (int j = 0; j < v0.length; j++) {
      v0[j] = Math.abs(v0[j]) * 1e-3f;
    }
    Arrays.fill(m0, 5 * n, 6 * n, 0f); // the unlit input's row: Adam's shortcut
    for (Kernels impl : new Kernels[] {ref, vec}) {
      float[] rowWise = new float[rows * n];
      impl.sparseMatmulBias(rows, start, index, value, n, w, bias, rowWise);
      // the pixels cut into one, two or three ranges, each summed with its own rows of the kernel
      // (an array from index o, after NaNs that must not be read); the output from index o too,
      // and the rows in one call or in calls of two rows and one
      for (int[] cuts : new int[][] {{0, k}, {0, k / 2, k}, {0, 7, 23, k}}) {
        for (int o : new int[] {0, 5}) {
          for (int step : new int[] {rows, 2}) {
            float[] out = shifted(new float[rows * n], o);
            for (int j = 0; j + 1 < cuts.length; j++) {
              int[] begin = bounds(start, lit, cuts[j]);
              int[] end = bounds(start, lit, cuts[j + 1] == k ? Integer.MAX_VALUE : cuts[j + 1]);
              float[] slab = shifted(Arrays.copyOfRange(w, cuts[j] * n, cuts[j + 1] * n), o);
              for (int r = 0; r < rows; r += step) {
                impl.sparseForwardRange(
                    r,
                    Math.min(rows, r + step),
                    begin,
                    end,
                    lit,
                    lev,
                    table,
                    n,
                    slab,
                    o - cuts[j] * n,
                    j == 0 ? bias : out,
                    j == 0 ? 0 : o,
                    j == 0 ? 0 : n,
                    out,
                    o);
              }
            }
            assertBitEqual(
                impl.name()
                    + " forward over pixels cut at "
                    + Arrays.toString(cuts)
                    + ", from "
                    + o
                    + ", "
                    + step
                    + " rows a call",
                rowWise,
                unshifted(out, o));
          }
        }
      }

      float[] dw = new float[k * n];
      float[] db = new float[n];
      impl.sparseGradKernelBias(rows, start, index, value, k, n, dz, dw, db);
      // second moments as a step leaves them (flushedV: the kernel may skip flushing them first),
      // or with some below the flush threshold (it must flush them)
      float[] vTiny = v0.clone();
      for (int j = 3; j < vTiny.length; j += 7) {
        vTiny[j] = 1e-36f;
      }
      for (boolean flushedV : new boolean[] {true, false}) {
        float[] vIn = flushedV ? v0 : vTiny;
        float[][] plain = {w.clone(), m0.clone(), vIn.clone()};
        impl.adam(k * n, plain[0], dw, plain[1], plain[2], 0.003f, 0.1f, 0.001f, 1e-7f);
        for (int[] cuts : new int[][] {{0, k}, {0, 14, k}}) {
          for (int o : new int[] {0, 5}) {
            float[][] fused = {new float[k * n], new float[k * n], new float[k * n]};
            for (int j = 0; j + 1 < cuts.length; j++) {
              int i0 = cuts[j];
              int rowsOf = cuts[j + 1] - i0;
              float[][] block = new float[3][];
              float[][] whole = {w, m0, vIn};
              for (int b = 0; b < 3; b++) {
                block[b] = shifted(Arrays.copyOfRange(whole[b], i0 * n, (i0 + rowsOf) * n), o);
              }
              impl.sparseGradAdam(
                  rowsOf,
                  i0,
                  n,
                  o,
                  from,
                  to,
                  entries,
                  table,
                  shifted(dz, o),
                  new float[o + rowsOf * n],
                  block[0],
                  block[1],
                  block[2],
                  0.003f,
                  0.1f,
                  0.001f,
                  1e-7f,
                  flushedV);
              for (int b = 0; b < 3; b++) {
                System.arraycopy(block[b], o, fused[b], i0 * n, rowsOf * n);
              }
            }
            String what =
                impl.name()
                    + " fused gradient + Adam, rows cut at "
                    + Arrays.toString(cuts)
                    + ", from "
                    + o
                    + (flushedV ? ", moments flushed: " : ", tiny second moments: ");
            assertBitEqual(what + "p", plain[0], fused[0]);
            assertBitEqual(what + "m", plain[1], fused[1]);
            assertBitEqual(what + "v", plain[2], fused[2]);
          }
        }
      }
    }
  }

  /**
   * Told nothing of the second moments, the fused kernel flushes them before their update, as the
   * reference does: a second moment just below the flush threshold (1.1e-35 against 1.18e-35 for 1
   * - β2 = 0.001) and a gradient whose square adds about 2e-36 would otherwise make 1.3e-35, above
   * it, where the reference's flushed moment gives 2e-36 and so 0.
   */
  @Test
  void sparseGradAdamFlushesSecondMomentsFirstUnlessTold() {
    int n = 2 * lanes() + 3; // whole vectors and a scalar tail
    float[] table = new float[256];
    table[255] = 1f;
    int[] from = {0};
    int[] to = {1};
    int[] entries = {255 << 8 | 255}; // batch row 0 lights both inputs of pair 0
    float[] dz = new float[n];
    Arrays.fill(dz, 4.5e-17f);
    float[][] result = new float[2][];
    for (Kernels impl : new Kernels[] {ref, vec}) {
      float[] p = new float[2 * n];
      Arrays.fill(p, 1f);
      float[] m = new float[2 * n];
      float[] v = new float[2 * n];
      Arrays.fill(v, 1.1e-35f);
      impl.sparseGradAdam(
          2,
          0,
          n,
          0,
          from,
          to,
          entries,
          table,
          dz,
          new float[2 * n],
          p,
          m,
          v,
          0.003f,
          0.1f,
          0.001f,
          1e-7f,
          false);
      result[impl == ref ? 0 : 1] = v;
    }
    assertThat(result[0][0]).as("the reference's flushed moment").isZero();
    assertBitEqual("second moments, not told they were flushed", result[0], result[1]);
  }

  /**
   * The fused gradient takes inputs by whole pairs, with the unlit input's value at 0: a block
   * starting inside a pair, one of an odd number of inputs, or a table that gives level 0 a value
   * are refused by both implementations.
   */
  @Test
  void sparseGradAdamRefusesHalfPairs() {
    float[] table = new float[256];
    float[] some = new float[64 * 4];
    int[] none = new int[8];
    for (Kernels impl : new Kernels[] {ref, vec}) {
      for (int[] block : new int[][] {{2, 1}, {3, 0}, {1, 4}}) {
        assertThatThrownBy(
                () ->
                    impl.sparseGradAdam(
                        block[0], block[1], 16, 0, none, none, none, table, some, some, some, some,
                        some, 1e-3f, 0.1f, 0.001f, 1e-7f, false))
            .as("%s, inputs %d from %d", impl.name(), block[0], block[1])
            .isInstanceOf(IllegalArgumentException.class);
      }
      float[] lit = table.clone();
      lit[0] = 0.5f;
      assertThatThrownBy(
              () ->
                  impl.sparseGradAdam(
                      2, 0, 16, 0, none, none, none, lit, some, some, some, some, some, 1e-3f, 0.1f,
                      0.001f, 1e-7f, false))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** Each row's first non-zero at or past pixel {@code cut} (or its end). */
  private static int[] bounds(int[] start, short[] lit, int cut) {
    int rows = start.length - 1;
    int[] b = new int[rows];
    for (int r = 0; r < rows; r++) {
      int q = start[r];
      while (q < start[r + 1] && lit[q] < cut) {
        q++;
      }
      b[r] = q;
    }
    return b;
  }

  /** {@code a} from index {@code o} of a new array, after {@code o} NaNs. */
  private static float[] shifted(float[] a, int o) {
    float[] b = new float[o + a.length];
    Arrays.fill(b, 0, o, Float.NaN);
    System.arraycopy(a, 0, b, o, a.length);
    return b;
  }

  /** What {@link #shifted} put from index {@code o}. */
  private static float[] unshifted(float[] b, int o) {
    return Arrays.copyOfRange(b, o, b.length);
  }

  /** Float lanes of the vector kernels on this machine. */
  static int lanes() {
    return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
  }
}
