package neuronlens.tensor;

import static neuronlens.tensor.AllClose.assertBitEqual;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vector ReLU mask against the reference: exactly where z <= 0 (also -0 and NaN) it clears. */
class ReluMaskTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 16, 17, 130, 6400})
  void vectorMaskEqualsTheReference(int n) {
    SplittableRandom rng = new SplittableRandom(n);
    float[] z = new float[n];
    float[] grad = new float[n];
    for (int i = 0; i < n; i++) {
      int kind = rng.nextInt(6);
      z[i] = kind == 0 ? 0f : kind == 1 ? -0f : kind == 2 ? Float.NaN : (float) rng.nextGaussian();
      grad[i] = (float) rng.nextGaussian();
    }
    float[] expected = grad.clone();
    float[] actual = grad.clone();
    new ScalarKernels().reluMask(n, z, expected);
    new VectorKernels().reluMask(n, z, actual);
    assertBitEqual("relu mask, n = " + n, expected, actual);
    for (int i = 0; i < n; i++) {
      float want = z[i] > 0f || Float.isNaN(z[i]) ? grad[i] : 0f;
      if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(want)) {
        throw new AssertionError("reference mask wrong at " + i + ": z " + z[i]);
      }
    }
  }

  /** The ReLU kernel gives Math.max(z, 0) bit for bit: -0 becomes +0, NaN stays, with offsets. */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 16, 17, 64, 130})
  void reluIsMathMaxBitForBit(int n) {
    float[] z = specials(n, 10 + n);
    for (Kernels k : new Kernels[] {new ScalarKernels(), new VectorKernels()}) {
      float[] a = new float[n + 5];
      k.relu(n, z, 2, a, 3);
      float[] want = new float[n + 5];
      for (int i = 0; i < n; i++) {
        want[3 + i] = Math.max(z[2 + i], 0f);
      }
      assertBitEqual(k.name() + " relu, n = " + n, want, a);
    }
  }

  /**
   * Masking the gradient by the ReLU's output clears exactly what masking it by the pre-activation
   * clears (the training step keeps only the output of the first layer).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 17, 130})
  void maskByTheOutputEqualsMaskByThePreactivation(int n) {
    float[] z = specials(n, 20 + n);
    SplittableRandom rng = new SplittableRandom(n);
    float[] grad = new float[n];
    for (int i = 0; i < n; i++) {
      grad[i] = (float) rng.nextGaussian();
    }
    for (Kernels k : new Kernels[] {new ScalarKernels(), new VectorKernels()}) {
      float[] a = new float[n];
      k.relu(n, z, 0, a, 0);
      float[] byZ = grad.clone();
      float[] byA = grad.clone();
      k.reluMask(n, z, byZ);
      k.reluMask(n, a, byA);
      assertBitEqual(k.name() + " mask by output, n = " + n, byZ, byA);
    }
  }

  /**
   * Values with zeros of both signs, NaNs, infinities and ordinary numbers, two extra at the end.
   */
  private static float[] specials(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] z = new float[n + 2];
    for (int i = 0; i < z.length; i++) {
      int kind = rng.nextInt(8);
      z[i] =
          kind == 0
              ? 0f
              : kind == 1
                  ? -0f
                  : kind == 2
                      ? Float.NaN
                      : kind == 3
                          ? Float.NEGATIVE_INFINITY
                          : kind == 4 ? Float.POSITIVE_INFINITY : (float) rng.nextGaussian();
    }
    return z;
  }
}
