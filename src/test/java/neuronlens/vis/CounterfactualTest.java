package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;

import neuronlens.data.Dataset;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.Evaluation;
import org.junit.jupiter.api.Test;

/** Walks towards another class: the model reads the end as that class, and few pixels moved. */
class CounterfactualTest {
  @Test
  void theSeedModelReadsEachFirstTestImageAsItsRunnerUpAfterAFewPixels() {
    Mlp mlp = VisFixtures.seedModel();
    Dataset test = VisFixtures.mnistTest();
    for (int i : DatasetExamples.firstOfEachClass(test, 10)) {
      float[] raw = DatasetExamples.pixels(test, i);
      // towards the class the model puts closest to the true one
      int target = Counterfactual.way(mlp, raw, test.label(i), Kernels.get()).against();
      Counterfactual w = Counterfactual.walk(mlp, raw, target, Kernels.get());
      assertThat(w.reached()).as("image %d to %d", i, target).isTrue();
      // the model (float forward, as evaluate runs it) reads the end as the target
      Dataset one = single(w.image(), target);
      assertThat(Evaluation.of(mlp, one).predictions()[0]).isEqualTo(target);
      int changed = 0;
      for (int q = 0; q < 784; q++) {
        assertThat(w.image()[q]).isBetween(0f, 255f);
        changed += w.image()[q] != raw[q] ? 1 : 0;
      }
      assertThat(w.changed())
          .isEqualTo(changed)
          .isLessThanOrEqualTo(Counterfactual.PIXELS * w.steps());
      assertThat(w.steps()).isLessThanOrEqualTo(Counterfactual.STEPS);
      // no step where the model reads the image as the target already (test image 8, a 5, as a 6)
      int before = Evaluation.of(mlp, single(raw, target)).predictions()[0];
      assertThat(w.steps() == 0).isEqualTo(before == target);
      // the same walk again: the same steps
      assertThat(Counterfactual.walk(mlp, raw, target, Kernels.get()).image())
          .containsExactly(w.image());
    }
    // a walk to the class the model already reads takes no step
    float[] seven = DatasetExamples.pixels(test, 0);
    Counterfactual none = Counterfactual.walk(mlp, seven, 7, Kernels.get());
    assertThat(none.steps()).isZero();
    assertThat(none.changed()).isZero();
  }

  /** One image (its raw pixels, whole numbers 0–255) as a dataset labelled {@code label}. */
  private static Dataset single(float[] raw, int label) {
    byte[] px = new byte[784];
    for (int q = 0; q < 784; q++) {
      px[q] = (byte) Math.round(raw[q]);
    }
    return new Dataset(px, new byte[] {(byte) label}, 1, 28, 28);
  }
}
