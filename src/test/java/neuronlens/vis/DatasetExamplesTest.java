package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;

import neuronlens.tensor.Kernels;
import org.junit.jupiter.api.Test;

/** The seed's model on the MNIST test set: 32 of its 128 hidden units are never active. */
class DatasetExamplesTest {
  @Test
  void seedModelHas32DeadUnitsOnTheTestSet() {
    DatasetExamples e =
        DatasetExamples.of(VisFixtures.seedModel(), 0, VisFixtures.mnistTest(), Kernels.get());
    assertThat(e.count()).isEqualTo(10_000);
    assertThat(e.deadUnits()).hasSize(32).contains(10, 19, 127);
    for (int j = 0; j < e.units(); j++) {
      int[] top = e.top()[j];
      assertThat(top).hasSize(DatasetExamples.TOP);
      for (int t = 1; t < top.length; t++) {
        assertThat(e.activations()[top[t] * e.units() + j])
            .isLessThanOrEqualTo(e.activations()[top[t - 1] * e.units() + j]);
      }
    }
  }
}
