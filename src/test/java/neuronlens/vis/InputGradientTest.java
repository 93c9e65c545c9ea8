package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import neuronlens.nn.Activation;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The gradient with respect to the input against central differences of a double forward. */
class InputGradientTest {
  private static final double H = 1e-4;
  private static final double TOLERANCE = 2e-3; // relative to the gradient's largest entry

  @ParameterizedTest
  @EnumSource(Objective.class)
  void matchesFiniteDifferences(Objective objective) {
    Mlp mlp = Mlp.glorot(new int[] {12, 9}, 5, 7L);
    // biases so that some ReLUs are on and some off
    SplittableRandom rng = new SplittableRandom(3);
    for (Dense d : mlp.layers()) {
      for (int j = 0; j < d.units(); j++) {
        d.bias()[j] = (float) (rng.nextDouble() * 0.4 - 0.1);
      }
    }
    int layer = objective.forOutput() ? 2 : objective == Objective.PRE_ACTIVATION ? 1 : 0;
    int units = mlp.layers().get(layer).units();
    int[] targets = {0, units - 1, 2};
    float[] x = new float[targets.length * Mlp.INPUTS];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble();
    }
    InputGradient ig = new InputGradient(mlp, layer, targets, objective);
    float[] value = new float[targets.length];
    float[] grad = new float[x.length];
    ig.compute(Kernels.get(), x, value, grad);
    for (int r = 0; r < targets.length; r++) {
      double[] xr = new double[Mlp.INPUTS];
      for (int i = 0; i < Mlp.INPUTS; i++) {
        xr[i] = x[r * Mlp.INPUTS + i];
      }
      assertThat((double) value[r])
          .isCloseTo(
              objective(mlp, layer, targets[r], objective, xr),
              org.assertj.core.data.Offset.offset(1e-4));
      double max = 1e-6;
      for (int i = 0; i < Mlp.INPUTS; i++) {
        max = Math.max(max, Math.abs(grad[r * Mlp.INPUTS + i]));
      }
      for (int i = 0; i < Mlp.INPUTS; i += 7) {
        double keep = xr[i];
        xr[i] = keep + H;
        double up = objective(mlp, layer, targets[r], objective, xr);
        xr[i] = keep - H;
        double down = objective(mlp, layer, targets[r], objective, xr);
        xr[i] = keep;
        double numeric = (up - down) / (2 * H);
        assertThat(Math.abs(grad[r * Mlp.INPUTS + i] - numeric) / max)
            .as("row %d pixel %d", r, i)
            .isLessThan(TOLERANCE);
      }
    }
  }

  /** The objective computed independently, in double. */
  static double objective(Mlp mlp, int layer, int unit, Objective o, double[] x) {
    double[] a = x;
    List<Dense> layers = mlp.layers();
    for (int l = 0; l <= layer; l++) {
      Dense d = layers.get(l);
      double[] z = new double[d.units()];
      for (int j = 0; j < d.units(); j++) {
        double s = d.bias()[j];
        for (int i = 0; i < d.inputs(); i++) {
          s += a[i] * d.kernel()[i * d.units() + j];
        }
        z[j] = s;
      }
      if (l == layer) {
        return switch (o) {
          case PRE_ACTIVATION, LOGIT -> z[unit];
          case POST_ACTIVATION -> Math.max(0, z[unit]);
          case PROBABILITY -> softmax(z)[unit];
        };
      }
      a = new double[d.units()];
      for (int j = 0; j < d.units(); j++) {
        a[j] = d.activation() == Activation.RELU ? Math.max(0, z[j]) : z[j];
      }
    }
    throw new AssertionError("unreachable");
  }

  private static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < z.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
