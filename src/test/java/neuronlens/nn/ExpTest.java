package neuronlens.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/** {@link Softmax#exp}, the softmax's exponential, against {@code Math.exp}. */
class ExpTest {
  /**
   * Every 31st float from 0 down to -104 (36 million of them, in every binade, normal and subnormal
   * results alike) gives {@code (float) Math.exp(x)} exactly, as all of them did when compared one
   * by one: a wrong coefficient or reduction constant, or a polynomial cut short, shows in the last
   * bits of many.
   */
  @Test
  void equalsMathExpRoundedToFloat() {
    int from = Float.floatToRawIntBits(-0f);
    int to = Float.floatToRawIntBits(-104f);
    for (int bits = from; bits <= to; bits += 31) {
      float x = Float.intBitsToFloat(bits);
      float expected = (float) Math.exp(x);
      float actual = Softmax.exp(x);
      if (Float.floatToRawIntBits(actual) != Float.floatToRawIntBits(expected)) {
        fail("exp(%s) = %s, (float) Math.exp gives %s", x, actual, expected);
      }
    }
  }

  @Test
  void edges() {
    assertThat(Softmax.exp(0f)).isEqualTo(1f);
    assertThat(Softmax.exp(-0f)).isEqualTo(1f);
    assertThat(Softmax.exp(Float.NEGATIVE_INFINITY)).isEqualTo(0f);
    assertThat(Softmax.exp(-104f)).isEqualTo(0f);
    assertThat(Softmax.exp(-1e30f)).isEqualTo(0f);
    assertThat(Softmax.exp(Float.NaN)).isNaN();
    assertThat(Softmax.exp(-103.2f)).isEqualTo(Float.MIN_VALUE);
    assertThat(Softmax.exp(-1f)).isEqualTo((float) Math.exp(-1));
  }
}
