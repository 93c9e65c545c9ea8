package neuronlens.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import neuronlens.data.Dataset;
import neuronlens.data.SparseImages;
import neuronlens.nn.Dense;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvaluationTest {

  /**
   * Split among threads and read from the lists of non-zero pixels, an evaluation gives what one
   * pass over the bytes gives: every prediction, the confusion matrix and the loss to the last bit.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void threadsAndNonZeroListsGiveTheSameEvaluation(int threads) {
    Dataset data = TrainerTest.synthetic(1234, 5, true); // 1,234: the last batch is partial
    Mlp mlp = Mlp.glorot(new int[] {48}, 10, 3); // three 16-unit blocks: an engine of 3 threads
    Evaluation one = Evaluation.of(mlp, data, new Forward(mlp, 500));
    Forward[] fwd = new Forward[threads];
    for (int t = 0; t < threads; t++) {
      fwd[t] = new Forward(mlp, 100);
    }
    Evaluation split = Evaluation.of(mlp, data, SparseImages.of(data), fwd);
    assertThat(split.predictions()).isEqualTo(one.predictions());
    assertThat(split.confusion()).isDeepEqualTo(one.confusion());
    assertThat(split.correct()).isEqualTo(one.correct());
    assertThat(Double.doubleToRawLongBits(split.loss()))
        .as("loss %s against %s", split.loss(), one.loss())
        .isEqualTo(Double.doubleToRawLongBits(one.loss()));
    assertThat(one.correct()).isBetween(1, data.count() - 1); // a model that gets some right
    assertThat(split.peaks()).isDeepEqualTo(one.peaks());

    // the same parts run on a training engine's threads, as the trainer runs them between epochs
    Adam optimizer = new Adam(new ExponentialDecay(0.01, 100, 0.1), 0.9, 0.999, 1e-7);
    try (StepEngine engine =
        new StepEngine(
            new neuronlens.tensor.ScalarKernels(),
            mlp,
            AdamState.zeros(mlp.variables()),
            10,
            threads,
            optimizer)) {
      Evaluation onEngine = Evaluation.of(mlp, data, SparseImages.of(data), fwd, engine::inParts);
      assertThat(onEngine.predictions()).isEqualTo(one.predictions());
      assertThat(onEngine.confusion()).isDeepEqualTo(one.confusion());
      assertThat(Double.doubleToRawLongBits(onEngine.loss()))
          .isEqualTo(Double.doubleToRawLongBits(one.loss()));
      assertThat(onEngine.peaks()).isDeepEqualTo(one.peaks());
    }
  }

  /**
   * Each hidden unit's peak is its largest output over the images, as a forward pass in double
   * computes it image by image, and the dead units are those whose every output is 0: here two
   * units of each hidden layer silenced by a bias far below anything their inputs can add.
   */
  @Test
  void peaksAreEachUnitsLargestOutputAndTheDeadOnesNeverFire() {
    Dataset data = TrainerTest.synthetic(700, 9, true);
    Mlp mlp = Mlp.glorot(new int[] {40, 24}, 10, 5);
    int[][] silenced = {{3, 31}, {0, 17}};
    for (int l = 0; l < silenced.length; l++) {
      for (int u : silenced[l]) {
        mlp.layers().get(l).bias()[u] = -1e4f;
      }
    }
    Evaluation ev = Evaluation.of(mlp, data);
    double[][] peaks = new double[2][];
    peaks[0] = new double[40];
    peaks[1] = new double[24];
    for (int i = 0; i < data.count(); i++) {
      double[] x = new double[Mlp.INPUTS];
      for (int p = 0; p < x.length; p++) {
        x[p] = (data.images()[i * Mlp.INPUTS + p] & 0xff) / 255.0;
      }
      for (int l = 0; l < 2; l++) {
        Dense d = mlp.layers().get(l);
        double[] y = new double[d.units()];
        for (int u = 0; u < y.length; u++) {
          double z = d.bias()[u];
          for (int k = 0; k < x.length; k++) {
            z += x[k] * d.kernel()[k * d.units() + u];
          }
          y[u] = Math.max(0, z);
          peaks[l][u] = Math.max(peaks[l][u], y[u]);
        }
        x = y;
      }
    }
    int[] dead = new int[2];
    for (int l = 0; l < 2; l++) {
      for (int u = 0; u < peaks[l].length; u++) {
        assertThat((double) ev.peaks()[l][u])
            .as("layer %d unit %d", l, u)
            .isCloseTo(peaks[l][u], within(1e-4 * (1 + peaks[l][u])));
        // no unit so close to 0 that float and double could disagree on whether it fires
        assertThat(peaks[l][u] == 0 || peaks[l][u] > 1e-3).as("layer %d unit %d", l, u).isTrue();
        dead[l] += peaks[l][u] == 0 ? 1 : 0;
      }
      for (int u : silenced[l]) {
        assertThat(ev.peaks()[l][u]).isZero();
      }
    }
    assertThat(ev.deadUnits()).containsExactly(dead[0], dead[1]);
    assertThat(dead[0]).isBetween(2, 39); // the silenced ones, and some alive
    assertThat(dead[1]).isBetween(2, 23);
  }
}
