package neuronlens.train;

import static org.assertj.core.api.Assertions.assertThat;

import neuronlens.data.Dataset;
import neuronlens.data.SparseImages;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
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
    }
  }
}
