package neuronlens.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import neuronlens.BadOptionException;
import org.junit.jupiter.api.Test;

/** Out-of-range options are refused with a message that names the option to fix. */
class TrainConfigTest {
  static TrainConfig with(int[] hidden, int epochs, int batch, double lr) {
    return new TrainConfig(hidden, epochs, batch, lr, 0.1, 0, 0.9, 0.999, 1e-7, 42, 1);
  }

  static void rejects(Runnable r, String option) {
    assertThatThrownBy(r::run)
        .isInstanceOf(BadOptionException.class)
        .hasMessageStartingWith(option + ":")
        .hasMessageContaining("expected");
  }

  @Test
  void rejectsOutOfRangeValuesNamingTheOption() {
    rejects(() -> with(new int[] {128}, 10, 0, 0.01), "--batch-size");
    rejects(() -> with(new int[] {128}, 0, 50, 0.01), "--epochs");
    rejects(() -> with(new int[] {128}, 10, 50, Double.NaN), "--learning-rate");
    rejects(() -> with(new int[] {128}, 10, 50, Double.POSITIVE_INFINITY), "--learning-rate");
    rejects(() -> with(new int[] {128}, 10, 50, -0.01), "--learning-rate");
    rejects(() -> with(new int[] {}, 10, 50, 0.01), "--hidden");
    rejects(() -> with(new int[] {128, 0}, 10, 50, 0.01), "--hidden");
    rejects(() -> TrainConfig.defaults().withThreads(0), "--threads");
    rejects(() -> TrainConfig.defaults().withEpochs(-1), "--epochs");
  }

  @Test
  void rejectsBadOptimizerSettings() {
    rejects(
        () -> new TrainConfig(new int[] {8}, 1, 1, 0.01, 0.1, 0, 1.0, 0.999, 1e-7, 42, 1),
        "--beta1");
    rejects(
        () -> new TrainConfig(new int[] {8}, 1, 1, 0.01, 0.1, 0, 0.9, Double.NaN, 1e-7, 42, 1),
        "--beta2");
    rejects(
        () -> new TrainConfig(new int[] {8}, 1, 1, 0.01, 0.1, -1, 0.9, 0.999, 1e-7, 42, 1),
        "--decay-steps");
    rejects(
        () -> new TrainConfig(new int[] {8}, 1, 1, 0.01, 0, 0, 0.9, 0.999, 1e-7, 42, 1),
        "--decay-rate");
    rejects(
        () -> new TrainConfig(new int[] {8}, 1, 1, 0.01, 0.1, 0, 0.9, 0.999, 0, 42, 1),
        "--epsilon");
  }
}
