package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import org.junit.jupiter.api.Test;

/**
 * Activation maximization of a first-layer unit has closed-form optima (docs/visualization.md): the
 * optimizer must find them.
 */
class AnalyticOptimaTest {
  private static final int UNIT = 3;

  @Test
  void boxAndNoRegularizerGivesOneWherePositiveZeroWhereNegative() {
    Mlp mlp = Mlp.glorot(new int[] {16}, 10, 11L);
    AmConfig c =
        new AmConfig(
            Objective.PRE_ACTIVATION,
            Optimizer.ADAM,
            300,
            0.05,
            StartImage.GRAY,
            PixelSpace.RESCALED,
            true,
            0,
            0,
            0,
            0,
            0,
            1L,
            0);
    AmResult r = new ActivationMaximizer(mlp, Kernels.get(), 1).run(0, new int[] {UNIT}, c, null);
    float[] w = WeightImages.of(mlp, 0, Kernels.get()).image(UNIT);
    for (int i = 0; i < Mlp.INPUTS; i++) {
      float expected = w[i] > 0 ? 255f : w[i] < 0 ? 0f : r.images()[i];
      assertThat(r.images()[i]).as("pixel %d, w = %s", i, w[i]).isCloseTo(expected, within(1e-3f));
    }
  }

  @Test
  void l2WithoutBoxGivesWeightsOverTwoLambda() {
    Mlp mlp = Mlp.glorot(new int[] {16}, 10, 12L);
    double lambda = 0.5;
    AmConfig c =
        new AmConfig(
            Objective.PRE_ACTIVATION,
            Optimizer.ASCENT,
            200,
            0.5,
            StartImage.NOISE,
            PixelSpace.RESCALED,
            false,
            lambda,
            0,
            0,
            0,
            0,
            2L,
            0);
    AmResult r = new ActivationMaximizer(mlp, Kernels.get(), 1).run(0, new int[] {UNIT}, c, null);
    float[] w = WeightImages.of(mlp, 0, Kernels.get()).image(UNIT);
    for (int i = 0; i < Mlp.INPUTS; i++) {
      // images are in raw pixels: rescaled x times 255
      assertThat(r.images()[i] / 255.0).isCloseTo(w[i] / (2 * lambda), within(1e-5));
    }
  }

  @Test
  void seedPresetRisesByLearningRateTimesL1NormPerStep() {
    Mlp mlp = VisFixtures.seedModel();
    int unit = 2;
    AmConfig c = AmConfig.seedPreset();
    AmResult r = new ActivationMaximizer(mlp, Kernels.get(), 1).run(0, new int[] {unit}, c, null);
    float[] w = WeightImages.of(mlp, 0, Kernels.get()).image(unit);
    double l1 = 0;
    for (float f : w) {
      l1 += Math.abs(f);
    }
    double perStep = c.learningRate() * l1;
    assertThat(perStep).isCloseTo(0.22, within(0.001));
    assertThat(r.objectiveAt(0, 0)).isPositive(); // the ReLU is on, so the gradient is w
    for (int t = 800; t <= 4000; t += 800) {
      double rise = (r.objectiveAt(t, 0) - r.objectiveAt(t - 800, 0)) / 800;
      assertThat(rise).as("steps %d..%d", t - 800, t).isCloseTo(perStep, within(perStep * 1e-3));
    }
    // as in the seed's log: 175.9 per 800 steps (24.8, 200.7, 376.6, 552.5, 728.4)
    assertThat(r.objectiveAt(800, 0) - r.objectiveAt(0, 0)).isCloseTo(175.9f, within(0.2f));
  }

  @Test
  void naturalPresetImagesAreClassifiedAsTheirClass() {
    Mlp mlp = VisFixtures.seedModel();
    int[] classes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    AmResult r =
        new ActivationMaximizer(mlp, Kernels.get(), 2)
            .run(1, classes, AmConfig.naturalPreset(), null);
    for (int c = 0; c < 10; c++) {
      assertThat(r.predicted()[c]).as("class %d", c).isEqualTo(c);
      assertThat(r.probability()[c]).as("class %d", c).isGreaterThanOrEqualTo(0.99f);
    }
  }
}
