package neuronlens.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The seed's learning-rate schedule: {@code ExponentialDecay(0.01, all steps, 0.1)} over 11,000
 * steps (55,000 images in batches of 50, 10 epochs), and Adam's bias-corrected step size. {@code
 * FLOAT_RTOL} is a few float32 ulps: the rate is held as a float.
 */
class ScheduleTest {
  static final double FLOAT_RTOL = 3e-7;

  @Test
  void decaysFromPointZeroOneToJustAbovePointZeroZeroOne() {
    TrainConfig c = TrainConfig.defaults();
    long total = c.stepsPerEpoch(55_000) * c.epochs();
    assertThat(total).isEqualTo(11_000);
    ExponentialDecay s = c.schedule(total);
    assertThat((double) s.at(0)).isCloseTo(0.01, within(0.01 * FLOAT_RTOL));
    double last = 0.01 * Math.pow(0.1, 10_999.0 / 11_000);
    assertThat(last).isCloseTo(0.0010002, within(1e-7));
    assertThat((double) s.at(10_999)).isCloseTo(last, within(last * FLOAT_RTOL));
    assertThat((double) s.at(5_500)).isCloseTo(0.01 * Math.sqrt(0.1), within(1e-9));
    for (long i = 1; i < total; i += 997) {
      assertThat(s.at(i)).as("monotone at %d", i).isLessThan(s.at(i - 1));
    }
  }

  @Test
  void explicitDecayStepsOverrideTheTotal() {
    TrainConfig c =
        new TrainConfig(new int[] {128}, 10, 50, 0.01, 0.1, 100, 0.9, 0.999, 1e-7, 42, 1);
    assertThat((double) c.schedule(11_000).at(100)).isCloseTo(0.001, within(0.001 * FLOAT_RTOL));
  }

  @Test
  void adamAlphaAtIterationZeroIsTheBiasCorrectedRate() {
    TrainConfig c = TrainConfig.defaults();
    Adam adam = new Adam(c.schedule(11_000), c.beta1(), c.beta2(), c.epsilon());
    double expected = 0.01 * Math.sqrt(1 - 0.999) / (1 - 0.9);
    // Keras raises float32(beta) to the power t, float32(0.999) = 0.99900001: 6.4e-6 relative.
    assertThat((double) adam.alpha(0)).isCloseTo(expected, within(expected * 1e-5));
    double lr1 = c.schedule(11_000).at(1);
    double expected1 = lr1 * Math.sqrt(1 - Math.pow(0.999f, 2)) / (1 - Math.pow(0.9f, 2));
    // 1 - β2^t in float32 loses digits to cancellation (as it does in Keras): 1e-4 relative
    assertThat((double) adam.alpha(1)).isCloseTo(expected1, within(expected1 * 1e-4));
  }
}
