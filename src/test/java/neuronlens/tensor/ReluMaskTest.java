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
}
