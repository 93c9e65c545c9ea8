package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;

import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import org.junit.jupiter.api.Test;

/**
 * Rows whose image no step would change (a unit silenced by its ReLU at the start) are held out of
 * the optimization; the results must be exactly those of optimizing every row.
 */
class StillRowsTest {
  private static final int HIDDEN = 128;

  @Test
  void seedPresetHoldsSilentUnitsWithTheSameResults() {
    AmConfig c = withFrames(AmConfig.seedPreset().withSteps(300));
    assertSameAsOptimizingEveryRow(c, 2);
  }

  @Test
  void ascentInTheBoxFromGrayHoldsSilentUnitsWithTheSameResults() {
    assertSameAsOptimizingEveryRow(grayAscent(), 1);
  }

  /** Plain ascent in raw pixels, clipped, from the same gray image for every unit. */
  private static AmConfig grayAscent() {
    return new AmConfig(
        Objective.POST_ACTIVATION,
        Optimizer.ASCENT,
        200,
        0.01,
        StartImage.GRAY,
        PixelSpace.RAW,
        true,
        0,
        0,
        0,
        0,
        0,
        3L,
        50);
  }

  @Test
  void aRunOfOnlySilentUnitsGivesTheSameResults() {
    Mlp mlp = VisFixtures.seedModel();
    AmConfig c = grayAscent(); // every row starts alike, so a unit silent in one row is in any
    AmResult all =
        new ActivationMaximizer(mlp, Kernels.get(), 2, false).run(0, Gallery.all(HIDDEN), c, null);
    int[] silent =
        java.util.stream.IntStream.range(0, HIDDEN)
            .filter(r -> all.objectiveAt(c.steps(), r) == 0f)
            .limit(3)
            .toArray();
    assertThat(silent).hasSize(3);
    AmResult held = new ActivationMaximizer(mlp, Kernels.get(), 2).run(0, silent, c, null);
    AmResult each = new ActivationMaximizer(mlp, Kernels.get(), 2, false).run(0, silent, c, null);
    assertSameBits("images", held.images(), each.images());
    assertSameBits("trace", held.trace(), each.trace());
    for (int i = 0; i < silent.length; i++) {
      assertThat(held.curve(i)).as("unit %d", silent[i]).containsOnly(0f);
    }
  }

  private static AmConfig withFrames(AmConfig c) {
    return new AmConfig(
        c.objective(),
        c.optimizer(),
        c.steps(),
        c.learningRate(),
        c.start(),
        c.space(),
        c.clip(),
        c.l2(),
        c.tv(),
        c.blurEvery(),
        c.blurSigma(),
        c.jitter(),
        c.seed(),
        100);
  }

  private static void assertSameAsOptimizingEveryRow(AmConfig c, int threads) {
    Mlp mlp = VisFixtures.seedModel();
    int[] units = Gallery.all(HIDDEN);
    AmResult held = new ActivationMaximizer(mlp, Kernels.get(), threads).run(0, units, c, null);
    AmResult all =
        new ActivationMaximizer(mlp, Kernels.get(), threads, false).run(0, units, c, null);
    int silent = 0;
    for (int r = 0; r < HIDDEN; r++) {
      if (all.objectiveAt(c.steps(), r) == 0f) {
        silent++;
      }
    }
    // the case must occur, and not for every unit
    assertThat(silent).isBetween(10, HIDDEN - 10);
    assertSameBits("images", held.images(), all.images());
    assertSameBits("trace", held.trace(), all.trace());
    assertThat(held.predicted()).isEqualTo(all.predicted());
    assertThat(held.frames()).hasSameSizeAs(all.frames()).isNotEmpty();
    for (int f = 0; f < all.frames().size(); f++) {
      assertSameBits("frame " + f, held.frames().get(f), all.frames().get(f));
    }
  }

  /** Equal bit for bit; a failure names the first index that differs, not the whole array. */
  private static void assertSameBits(String what, float[] actual, float[] expected) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      int a = Float.floatToRawIntBits(actual[i]);
      int e = Float.floatToRawIntBits(expected[i]);
      if (a != e) {
        assertThat(actual[i])
            .as("%s[%d] (bits %08x, expected %08x)", what, i, a, e)
            .isEqualTo(expected[i]);
      }
    }
  }
}
