package neuronlens.train;

import static neuronlens.tensor.AllClose.assertAllClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import neuronlens.nn.Activation;
import neuronlens.nn.Backward;
import neuronlens.nn.Dense;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import neuronlens.nn.Softmax;
import neuronlens.tensor.Kernels;
import neuronlens.tensor.ScalarKernels;
import neuronlens.tensor.VectorKernels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loss, gradients and one Adam step (from a fresh and from a non-zero state) against golden values
 * from PyTorch autograd in float64: {@code src/test/resources/reference/adam_step.json}, written by
 * {@code src/test/python/reference_step.py} (its header says how to regenerate). The inputs are
 * rebuilt here from the same integer formulas, and checked against sums in the fixture first.
 *
 * <p>Tolerances (we compute in float32, the fixture is float64 rounded to float32): the loss and
 * gradients carry rounding of 784-term sums, observed ~1e-8 absolute. {@code (1 - β)} is rounded as
 * Keras rounds it (0.001f for β2 = 0.999), so m and v differ from the float64 reference only by
 * float32 rounding. A parameter moves by at most about {@code alpha · 3.2} in a step, so its
 * tolerance is a small fraction of that.
 */
class ReferenceStepTest {
  static final double LOSS_TOL = 1e-6;
  static final double GRAD_RTOL = 1e-4;
  static final double GRAD_ATOL = 1e-7;
  static final double M_RTOL = 1e-5;
  static final double M_ATOL = 1e-8;
  static final double V_RTOL = 1e-6;
  static final double V_ATOL = 1e-12;
  static final double P_RTOL = 1e-5;
  static final double P_ATOL = 1e-6;

  /** Keras (and we) compute β^t and 1 - β^t in float32; the reference does it in float64. */
  static final double ALPHA_RTOL = 1e-4;

  static JsonNode fixture;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        ReferenceStepTest.class.getResourceAsStream("/reference/adam_step.json")) {
      assertThat(in).as("fixture on the test class path").isNotNull();
      fixture = new ObjectMapper().readTree(in);
    }
  }

  static int rows() {
    return fixture.get("rows").asInt();
  }

  static byte[] images() {
    byte[] b = new byte[rows() * Mlp.INPUTS];
    for (int i = 0; i < rows(); i++) {
      for (int j = 0; j < Mlp.INPUTS; j++) {
        int row = j / 28;
        int col = j % 28;
        int v = (7 * i + 13 * j) % 256;
        boolean inside = row >= 4 && row < 24 && col >= 4 && col < 24;
        b[i * Mlp.INPUTS + j] = (byte) (inside && v >= 96 ? v : 0);
      }
    }
    return b;
  }

  static byte[] labels() {
    byte[] l = new byte[rows()];
    for (int i = 0; i < l.length; i++) {
      l[i] = (byte) ((3 * i) % 10);
    }
    return l;
  }

  static Mlp model() {
    int hidden = fixture.get("sizes").get(1).asInt();
    int classes = fixture.get("sizes").get(2).asInt();
    float[] w1 = kernel(Mlp.INPUTS * hidden, 0x1p14f);
    float[] b1 = new float[hidden];
    for (int j = 0; j < hidden; j++) {
      b1[j] = ((37 * j) % 11 - 5) / 0x1p8f;
    }
    float[] w2 = kernel(hidden * classes, 0x1p11f);
    float[] b2 = new float[classes];
    for (int j = 0; j < classes; j++) {
      b2[j] = ((13 * j) % 7 - 3) / 0x1p9f;
    }
    return new Mlp(
        List.of(
            new Dense(Mlp.layerName(0), Mlp.INPUTS, hidden, Activation.RELU, w1, b1),
            new Dense(Mlp.layerName(1), hidden, classes, Activation.SOFTMAX, w2, b2)));
  }

  static float[] kernel(int n, float denominator) {
    float[] w = new float[n];
    for (int e = 0; e < n; e++) {
      w[e] = ((7919 * e) % 2001 - 1000) / denominator;
    }
    return w;
  }

  static float[] floats(JsonNode array) {
    float[] f = new float[array.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) array.get(i).doubleValue();
    }
    return f;
  }

  static Kernels kernels(String which) {
    return which.equals("scalar") ? new ScalarKernels() : new VectorKernels();
  }

  /** Runs forward and backward on the fixture's batch; returns the mean clipped loss. */
  static double forwardBackward(Kernels k, Mlp mlp, Backward[] out) {
    Forward fwd = new Forward(mlp, rows());
    fwd.loadBytes(images(), null, 0, rows());
    fwd.run(k);
    double loss = 0;
    for (int r = 0; r < rows(); r++) {
      loss += Softmax.crossEntropy(fwd.probabilities(), r * mlp.classes(), labels()[r]);
    }
    out[0] = new Backward(fwd);
    out[0].run(k, labels(), null, 0);
    return loss / rows();
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector"})
  void inputsAreRebuiltExactly(String which) {
    long pixelSum = 0;
    for (byte b : images()) {
      pixelSum += b & 0xff;
    }
    assertThat(pixelSum).isEqualTo(fixture.get("pixel_sum").asLong());
    List<float[]> vars = model().variables();
    assertThat(vars).hasSize(fixture.get("variable_sums").size());
    for (int i = 0; i < vars.size(); i++) {
      double sum = 0; // multiples of 2^-14 below 2^10: exact in double in any order
      for (float f : vars.get(i)) {
        sum += f;
      }
      assertThat(sum)
          .as("sum of variable %d", i)
          .isEqualTo(fixture.get("variable_sums").get(i).doubleValue());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector"})
  void lossAndGradientsMatchAutograd(String which) {
    Kernels k = kernels(which);
    Mlp mlp = model();
    Backward[] bwd = new Backward[1];
    double loss = forwardBackward(k, mlp, bwd);
    assertThat(loss).isCloseTo(fixture.get("loss").doubleValue(), within(LOSS_TOL));
    JsonNode grads = fixture.get("grads");
    assertThat(bwd[0].grads().length).as("number of variables").isEqualTo(grads.size());
    for (int v = 0; v < grads.size(); v++) {
      assertAllClose(
          which + " gradient " + v, floats(grads.get(v)), bwd[0].grads()[v], GRAD_RTOL, GRAD_ATOL);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector"})
  void adamStepsMatchTheReference(String which) {
    Kernels k = kernels(which);
    Adam adam =
        new Adam(
            new ExponentialDecay(
                fixture.get("initial_learning_rate").doubleValue(),
                fixture.get("decay_steps").asLong(),
                fixture.get("decay_rate").doubleValue()),
            fixture.get("beta_1").doubleValue(),
            fixture.get("beta_2").doubleValue(),
            fixture.get("epsilon").doubleValue());
    for (JsonNode step : fixture.get("steps")) {
      long iterations = step.get("iterations").asLong();
      Mlp mlp = model();
      Backward[] bwd = new Backward[1];
      forwardBackward(k, mlp, bwd);
      List<float[]> vars = mlp.variables();
      AdamState state = iterations == 0 ? AdamState.zeros(vars) : nonZeroState(vars, iterations);
      String what = which + " step from iterations " + iterations;
      assertThat((double) adam.alpha(iterations))
          .as(what + ": alpha")
          .isCloseTo(
              step.get("alpha").doubleValue(),
              within(ALPHA_RTOL * step.get("alpha").doubleValue()));

      adam.step(k, vars, bwd[0].grads(), state);

      assertThat(state.iterations()).isEqualTo(iterations + 1);
      for (int v = 0; v < vars.size(); v++) {
        assertAllClose(
            what + ": m " + v, floats(step.get("m").get(v)), state.m()[v], M_RTOL, M_ATOL);
        assertAllClose(
            what + ": v " + v, floats(step.get("v").get(v)), state.v()[v], V_RTOL, V_ATOL);
        assertAllClose(
            what + ": variable " + v,
            floats(step.get("params").get(v)),
            vars.get(v),
            P_RTOL,
            P_ATOL);
      }
    }
  }

  /**
   * The script's second starting state: {@code m = (e % 17 - 8) / 2¹²}, {@code v = (e % 13 + 1) /
   * 2²⁰}.
   */
  static AdamState nonZeroState(List<float[]> vars, long iterations) {
    float[][] m = new float[vars.size()][];
    float[][] v = new float[vars.size()][];
    for (int i = 0; i < m.length; i++) {
      int n = vars.get(i).length;
      m[i] = new float[n];
      v[i] = new float[n];
      for (int e = 0; e < n; e++) {
        m[i][e] = (e % 17 - 8) / 0x1p12f;
        v[i][e] = (e % 13 + 1) / 0x1p20f;
      }
    }
    return new AdamState(iterations, m, v);
  }
}
