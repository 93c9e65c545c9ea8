package neuronlens.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoftmaxTest {
  /** Unit roundoff of float32. */
  static final double U = 0x1p-24;

  /**
   * Softmax against the same in double precision: each probability within the rounding of its
   * exponential, of an n-term sum, a reciprocal and a product ((2n + 3) U relative), from the
   * differences to the row's max taken in float as the softmax takes them; in place or not, the
   * same floats; a NaN gives NaN.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 10, 17})
  void softmaxMatchesTheMathematics(int n) {
    SplittableRandom rng = new SplittableRandom(300 + n);
    for (int trial = 0; trial < 50; trial++) {
      float[] z = new float[n + 2];
      for (int i = 0; i < z.length; i++) {
        z[i] = (float) rng.nextDouble(-30, 30);
      }
      float max = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        max = Math.max(max, z[2 + i]);
      }
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += Math.exp(z[2 + i] - max);
      }
      float[] out = new float[n + 1];
      Softmax.apply(z, 2, out, 1, n);
      for (int i = 0; i < n; i++) {
        double exact = Math.exp(z[2 + i] - max) / sum;
        double bound = (2 * n + 3) * U * exact + Float.MIN_NORMAL;
        if (!(Math.abs(out[1 + i] - exact) <= bound)) {
          fail("n=%d [%d]: %s, exact %s", n, i, out[1 + i], exact);
        }
      }
      assertThat(out[0]).as("before the output").isZero();
      float[] inPlace = z.clone();
      Softmax.apply(inPlace, 2, inPlace, 2, n);
      for (int i = 0; i < n; i++) {
        assertThat(Float.floatToRawIntBits(inPlace[2 + i]))
            .isEqualTo(Float.floatToRawIntBits(out[1 + i]));
      }
    }
    float[] nan = new float[n];
    nan[n / 2] = Float.NaN;
    float[] out = new float[n];
    Softmax.apply(nan, 0, out, 0, n);
    for (float p : out) {
      assertThat(p).isNaN();
    }
  }
}
