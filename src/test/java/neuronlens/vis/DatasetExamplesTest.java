package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import neuronlens.data.Dataset;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.Evaluation;
import org.junit.jupiter.api.Test;

/** The seed's model on the MNIST test set: 32 of its 128 hidden units are never active. */
class DatasetExamplesTest {
  @Test
  void seedModelHas32DeadUnitsOnTheTestSet() {
    DatasetExamples e =
        DatasetExamples.of(VisFixtures.seedModel(), 0, VisFixtures.mnistTest(), Kernels.get());
    assertThat(e.count()).isEqualTo(10_000);
    assertThat(e.deadUnits()).hasSize(32).contains(10, 19, 127);
    // the evaluation's peaks, another pass over the same images, find the same units silent
    float[] peaks = Evaluation.of(VisFixtures.seedModel(), VisFixtures.mnistTest()).peaks()[0];
    Set<Integer> dead = new HashSet<>();
    for (int j : e.deadUnits()) {
      dead.add(j);
    }
    for (int j = 0; j < e.units(); j++) {
      assertThat(peaks[j] == 0f).as("unit %d", j).isEqualTo(dead.contains(j));
    }
    for (int j = 0; j < e.units(); j++) {
      int[] top = e.top()[j];
      assertThat(top).hasSize(DatasetExamples.TOP);
      for (int t = 1; t < top.length; t++) {
        assertThat(e.activations()[top[t] * e.units() + j])
            .isLessThanOrEqualTo(e.activations()[top[t - 1] * e.units() + j]);
      }
    }
  }

  @Test
  void meanActivationByClassMatchesASumInDouble() {
    // each unit's activation recomputed here from the kernel, in double, image by image
    Mlp mlp = VisFixtures.seedModel();
    Dataset test = VisFixtures.mnistTest();
    DatasetExamples e = DatasetExamples.of(mlp, 0, test, Kernels.get());
    Dense d = mlp.layers().get(0);
    for (int j : new int[] {2, 6, 10, 127}) {
      double[] sum = new double[10];
      int[] n = new int[10];
      for (int i = 0; i < test.count(); i++) {
        double z = d.bias()[j];
        for (int q = 0; q < 784; q++) {
          z += (test.pixel(i, q) * Mlp.RESCALE) * (double) d.kernel()[q * d.units() + j];
        }
        sum[test.label(i)] += Math.max(0, z);
        n[test.label(i)]++;
      }
      double[] means = e.meanByClass(test, j, 10);
      for (int c = 0; c < 10; c++) {
        assertThat(means[c]).as("unit %d, class %d", j, c).isCloseTo(sum[c] / n[c], within(1e-4));
      }
    }
    // unit 10 is dead: nothing on any class
    assertThat(e.meanByClass(test, 10, 10)).containsOnly(0.0);
  }
}
