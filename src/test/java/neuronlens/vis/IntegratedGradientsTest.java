package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import neuronlens.nn.Activation;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import org.junit.jupiter.api.Test;

/**
 * Exact integrated gradients: a network small enough to integrate by hand, the completeness axiom
 * (attributions add up to the logit's change) on networks of one and two hidden layers, and a fine
 * Riemann sum of the float kernels' gradients, the way libraries approximate it.
 */
class IntegratedGradientsTest {
  @Test
  void aNetworkIntegratedByHand() {
    // hidden unit 0 = relu(x0 - 0.5), always off on the first half of the path to x0 = 1 and on
    // after; hidden unit 1 = relu(x1 + 0.25), always on; class 0's logit = 2·h0 + 3·h1.
    // d logit / d x0 = 2 where α·x0 > 0.5, else 0: IG_0 = x0 · 2 · (1 - 0.5 / x0) = 2·x0 - 1;
    // d logit / d x1 = 3 all along: IG_1 = 3·x1; no other pixel counts
    float[] k0 = new float[784 * 2];
    k0[0 * 2 + 0] = 1;
    k0[1 * 2 + 1] = 1;
    k0[300 * 2 + 0] = 5; // a pixel that stays black: no attribution whatever its weight
    float[] b0 = {-0.5f, 0.25f};
    float[] k1 = {2, -1, 3, 4}; // (2 inputs, 2 classes)
    Mlp mlp =
        new Mlp(
            List.of(
                new Dense("dense", 784, 2, Activation.RELU, k0, b0),
                new Dense("dense_1", 2, 2, Activation.SOFTMAX, k1, new float[] {0.125f, 0})));
    float[] raw = new float[784];
    raw[0] = 255;
    raw[1] = 102;
    double x0 = 255 * Mlp.RESCALE;
    double x1 = 102 * Mlp.RESCALE;
    IntegratedGradients.Result r = IntegratedGradients.of(mlp, raw, 0);
    assertThat((double) r.attributions()[0]).isCloseTo(2 * x0 - 1, within(1e-6));
    assertThat((double) r.attributions()[1]).isCloseTo(3 * x1, within(1e-6));
    for (int i = 2; i < 784; i++) {
      assertThat(r.attributions()[i]).as("pixel %d", i).isZero();
    }
    assertThat(r.pieces()).isEqualTo(2);
    assertThat(r.logit()).isCloseTo(2 * (x0 - 0.5) + 3 * (x1 + 0.25) + 0.125, within(1e-6));
    assertThat(r.baselineLogit()).isCloseTo(3 * 0.25 + 0.125, within(1e-9));
  }

  @Test
  void attributionsAddUpToTheLogitsChangeWithOneHiddenLayer() {
    Mlp mlp = Mlp.glorot(new int[] {128}, 10, 3);
    randomizeBiases(mlp, new SplittableRandom(3));
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 20; trial++) {
      float[] raw = digitLike(rng);
      int cls = rng.nextInt(10);
      IntegratedGradients.Result r = IntegratedGradients.of(mlp, raw, cls);
      assertCompleteAndMatchesTheModel(mlp, raw, cls, r);
    }
  }

  @Test
  void attributionsAddUpToTheLogitsChangeWithTwoHiddenLayers() {
    // the second layer's units switch at points of the path that depend on the first's: the walk
    // finds those too, or the sum would be off by the pieces it integrated with a wrong gradient
    Mlp mlp = Mlp.glorot(new int[] {64, 32}, 10, 5);
    randomizeBiases(mlp, new SplittableRandom(5));
    SplittableRandom rng = new SplittableRandom(12);
    int secondLayerSwitches = 0;
    for (int trial = 0; trial < 20; trial++) {
      float[] raw = digitLike(rng);
      int cls = rng.nextInt(10);
      IntegratedGradients.Result r = IntegratedGradients.of(mlp, raw, cls);
      assertCompleteAndMatchesTheModel(mlp, raw, cls, r);
      secondLayerSwitches += r.pieces() - 1 - firstLayerSwitches(mlp, raw);
    }
    assertThat(secondLayerSwitches).as("pieces beyond the first layer's switches").isPositive();
  }

  @Test
  void aFineRiemannSumOfTheKernelsGradientsComesClose() {
    // the libraries' way: the float kernels' gradient at the midpoints of 4,096 equal steps,
    // averaged. Each switch of a unit costs the midpoint rule at most a step's share of the jump
    // in the gradient there, so the two agree to a fraction of a per cent of the largest
    // attribution
    Mlp mlp = Mlp.glorot(new int[] {128}, 10, 8);
    randomizeBiases(mlp, new SplittableRandom(8));
    float[] raw = digitLike(new SplittableRandom(13));
    int cls = 4;
    int steps = 4096;
    int[] units = new int[steps];
    java.util.Arrays.fill(units, cls);
    InputGradient ig = new InputGradient(mlp, mlp.layers().size() - 1, units, Objective.LOGIT);
    float[] x = new float[steps * 784];
    for (int s = 0; s < steps; s++) {
      float alpha = (float) ((s + 0.5) / steps);
      for (int i = 0; i < 784; i++) {
        x[s * 784 + i] = alpha * (raw[i] * Mlp.RESCALE);
      }
    }
    float[] grad = new float[x.length];
    ig.compute(Kernels.get(), x, new float[steps], grad);
    IntegratedGradients.Result exact = IntegratedGradients.of(mlp, raw, cls);
    assertThat(exact.pieces()).as("switches along the path").isGreaterThan(5);
    double largest = 0;
    for (float a : exact.attributions()) {
      largest = Math.max(largest, Math.abs(a));
    }
    for (int i = 0; i < 784; i++) {
      double mean = 0;
      for (int s = 0; s < steps; s++) {
        mean += grad[s * 784 + i];
      }
      double riemann = raw[i] * Mlp.RESCALE * mean / steps;
      assertThat((double) exact.attributions()[i])
          .as("pixel %d", i)
          .isCloseTo(riemann, within(2e-3 * largest));
    }
  }

  @Test
  void aClassOutOfRangeIsRefused() {
    Mlp mlp = Mlp.glorot(new int[] {8}, 10, 1);
    assertThatThrownBy(() -> IntegratedGradients.of(mlp, new float[784], 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 0..9");
  }

  /** Completeness, and the logits equal to the float model's own within float rounding. */
  private static void assertCompleteAndMatchesTheModel(
      Mlp mlp, float[] raw, int cls, IntegratedGradients.Result r) {
    double change = r.logit() - r.baselineLogit();
    assertThat(r.sum())
        .as("sum of attributions against logit(x) - logit(black) = %s", change)
        .isCloseTo(change, within(1e-4 * (1 + Math.abs(change))));
    float[] x = new float[784];
    for (int i = 0; i < 784; i++) {
      x[i] = raw[i] * Mlp.RESCALE;
    }
    float[] logit = new float[1];
    new InputGradient(mlp, mlp.layers().size() - 1, new int[] {cls}, Objective.LOGIT)
        .compute(Kernels.get(), x, logit, null);
    assertThat(r.logit()).isCloseTo(logit[0], within(1e-4 * (1 + Math.abs(logit[0]))));
  }

  /** First-layer units whose sums cross 0 strictly inside the path (0, 1). */
  private static int firstLayerSwitches(Mlp mlp, float[] raw) {
    Dense d = mlp.layers().get(0);
    int n = 0;
    for (int j = 0; j < d.units(); j++) {
      double s = 0;
      for (int i = 0; i < 784; i++) {
        s += raw[i] * Mlp.RESCALE * d.kernel()[i * d.units() + j];
      }
      double t = -d.bias()[j] / s;
      if (s != 0 && t > 0 && t < 1) {
        n++;
      }
    }
    return n;
  }

  /** Glorot leaves biases at 0; trained ones are not, and put switches inside the path. */
  private static void randomizeBiases(Mlp mlp, SplittableRandom rng) {
    for (Dense d : mlp.layers()) {
      for (int j = 0; j < d.units(); j++) {
        d.bias()[j] = (float) (rng.nextDouble() - 0.5);
      }
    }
  }

  /** A blob of lit pixels around the centre, like a digit's strokes. */
  private static float[] digitLike(SplittableRandom rng) {
    float[] raw = new float[784];
    for (int n = 0; n < 150; n++) {
      int r = 6 + rng.nextInt(16);
      int c = 6 + rng.nextInt(16);
      raw[r * 28 + c] = 1 + rng.nextInt(255);
    }
    return raw;
  }
}
