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
    Mlp mlp = Mlp.glorot(new int[] {24}, 10, 3);
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
  }
}
