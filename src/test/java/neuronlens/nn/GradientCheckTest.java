package neuronlens.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import neuronlens.tensor.Kernels;
import neuronlens.tensor.ScalarKernels;
import neuronlens.tensor.VectorKernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Backward}'s float gradients against central finite differences of an independent
 * double-precision forward pass ({@link DoubleMlp}), with both kernel implementations.
 *
 * <p>Tolerances: the finite difference with step {@code H = 1e-6} in double has truncation error
 * {@code O(H²) ≈ 1e-12} and rounding error {@code ≈ 1e-16 / H = 1e-10}, so it is the truth to about
 * 1e-9. The float gradient carries the rounding of sums of up to 784 terms, each operation exact to
 * {@code U = 6e-8} relative to the terms (gradients here are ~1e-2): observed errors are ~1e-8.
 * {@code ABS_TOL = 1e-6} and {@code REL_TOL = 1e-4} leave a margin of ~100 over that, while a 1%
 * error in any one gradient (wrong scale, a missing ReLU mask, a wrong label) fails.
 */
class GradientCheckTest {
  static final double H = 1e-6;
  static final double ABS_TOL = 1e-6;
  static final double REL_TOL = 1e-4;

  /** Loss in float vs double: a softmax and a log on top of the same float sums. */
  static final double LOSS_TOL = 1e-5;

  static Stream<Arguments> cases() {
    int[] small = {5, 4};
    int[] seedModel = {16};
    return Stream.of(
        Arguments.of(new ScalarKernels(), small, 3, 4, Integer.MAX_VALUE),
        Arguments.of(new VectorKernels(), small, 3, 4, Integer.MAX_VALUE),
        Arguments.of(new ScalarKernels(), seedModel, 10, 8, 40),
        Arguments.of(new VectorKernels(), seedModel, 10, 8, 40));
  }

  /** A model with glorot kernels and non-zero biases, so that bias gradients are exercised. */
  static Mlp model(int[] hidden, int classes, long seed) {
    Mlp mlp = Mlp.glorot(hidden, classes, seed);
    SplittableRandom rng = new SplittableRandom(seed + 1);
    for (Dense d : mlp.layers()) {
      for (int j = 0; j < d.units(); j++) {
        d.bias()[j] = (float) rng.nextDouble(-0.1, 0.1);
      }
    }
    return mlp;
  }

  /** MNIST-like bytes: about half the pixels zero, the rest 1..255. */
  static byte[] images(int rows, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] b = new byte[rows * Mlp.INPUTS];
    for (int i = 0; i < b.length; i++) {
      b[i] = rng.nextBoolean() ? 0 : (byte) rng.nextInt(1, 256);
    }
    return b;
  }

  static byte[] labels(int rows, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] l = new byte[rows];
    for (int r = 0; r < rows; r++) {
      l[r] = (byte) rng.nextInt(classes);
    }
    return l;
  }

  /**
   * @param perVariable how many parameters of each variable to perturb: all of them when the
   *     variable is smaller, else that many picked with a fixed seed
   */
  @ParameterizedTest
  @MethodSource("cases")
  void backwardMatchesFiniteDifferences(
      Kernels k, int[] hidden, int classes, int rows, int perVariable) {
    Mlp mlp = model(hidden, classes, 11);
    byte[] images = images(rows, 12);
    byte[] labels = labels(rows, classes, 13);
    Forward fwd = new Forward(mlp, rows);
    fwd.loadBytes(images, null, 0, rows);
    fwd.run(k);
    Backward bwd = new Backward(fwd);
    bwd.run(k, labels, null, 0);

    DoubleMlp ref = new DoubleMlp(mlp);
    double floatLoss = 0;
    for (int r = 0; r < rows; r++) {
      floatLoss += Softmax.crossEntropy(fwd.probabilities(), r * classes, labels[r]);
    }
    assertThat(floatLoss / rows)
        .as("loss, float vs double")
        .isCloseTo(ref.loss(images, labels, rows), org.assertj.core.data.Offset.offset(LOSS_TOL));

    List<float[]> vars = mlp.variables();
    SplittableRandom pick = new SplittableRandom(14);
    int checked = 0;
    int nonZero = 0;
    for (int v = 0; v < vars.size(); v++) {
      double[] p = ref.params[v];
      float[] g = bwd.grads()[v];
      assertThat(g.length).as("shape of gradient %d", v).isEqualTo(vars.get(v).length);
      int count = Math.min(perVariable, p.length);
      for (int c = 0; c < count; c++) {
        int j = count == p.length ? c : pick.nextInt(p.length);
        double saved = p[j];
        p[j] = saved + H;
        double plus = ref.loss(images, labels, rows);
        p[j] = saved - H;
        double minus = ref.loss(images, labels, rows);
        p[j] = saved;
        double fd = (plus - minus) / (2 * H);
        double err = Math.abs(g[j] - fd);
        if (!(err <= ABS_TOL + REL_TOL * Math.abs(fd))) {
          fail(
              "%s %s: variable %d element %d: backward %s, finite difference %s, |diff| %s",
              k.name(), mlp.describe(), v, j, g[j], fd, err);
        }
        checked++;
        if (Math.abs(fd) > 1e-4) {
          nonZero++;
        }
      }
    }
    // Guard against a vacuous check (all-dead ReLUs would make every gradient zero).
    assertThat(nonZero)
        .as("gradients well away from zero, of %d checked", checked)
        .isGreaterThan(checked / 4);
  }
}
