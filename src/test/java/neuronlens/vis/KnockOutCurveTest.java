package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import neuronlens.data.Dataset;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.Evaluation;
import org.junit.jupiter.api.Test;

/**
 * Cumulative knock-outs against their definition: the model with the first k units' outgoing
 * weights set to 0, evaluated by the training's own evaluation.
 */
class KnockOutCurveTest {
  @Test
  void seedModelCurvesMatchEvaluatingTheModelWithoutTheUnits() {
    Mlp mlp = VisFixtures.seedModel();
    Dataset test = VisFixtures.mnistTest();
    DatasetExamples ex = DatasetExamples.of(mlp, 0, test, Kernels.get());
    Ablation a = Ablation.of(mlp, 0, ex, test, 2);
    KnockOutCurve c = KnockOutCurve.of(mlp, 0, ex, test, a, 42, 2);
    assertThat(c.live()).isEqualTo(128 - 32);
    for (int o = 0; o < KnockOutCurve.ORDERS.size(); o++) {
      assertThat(c.correct()[o]).hasSize(c.live() + 1);
      assertThat(c.correct()[o][0]).isEqualTo(a.correct()).isEqualTo(9790);
      // every order is the live units, each once
      int[] sorted = c.orders()[o].clone();
      Arrays.sort(sorted);
      assertThat(sorted).containsExactly(sortedLive(a));
      for (int k : new int[] {3, 40}) {
        int[] out = Arrays.copyOf(c.orders()[o], k);
        assertThat(c.correct()[o][k])
            .as("%s, %d out", KnockOutCurve.ORDERS.get(o), k)
            .isEqualTo(Evaluation.of(mlp.withoutUnits(0, out), test).correct());
      }
      // with every unit out, every image gets the output layer's bias: one class for all
      float[] b = mlp.layers().get(1).bias();
      int only = 0;
      for (int k = 1; k < b.length; k++) {
        only = b[k] > b[only] ? k : only;
      }
      assertThat(c.correct()[o][c.live()]).isEqualTo(test.classCounts()[only]);
    }
    // one unit out of the costliest order is the single knock-out that costs most
    assertThat(c.correct()[0][1]).isEqualTo(a.unitCorrect()[a.byLossChange()[0]]);
    // the costly ones matter more than the cheap ones, with 20 of each out
    assertThat(c.accuracy(0, 20)).isLessThan(c.accuracy(1, 20));
    assertThat(c.spare(1, 0.01)).isGreaterThan(c.spare(0, 0.01));
  }

  @Test
  void theRandomOrderComesFromTheSeedAndTheThreadsChangeNothing() {
    Mlp mlp = VisFixtures.seedModel();
    Dataset ds = VisFixtures.mnistTest().head(2000);
    DatasetExamples ex = DatasetExamples.of(mlp, 0, ds, Kernels.get());
    Ablation a = Ablation.of(mlp, 0, ex, ds, 1);
    KnockOutCurve one = KnockOutCurve.of(mlp, 0, ex, ds, a, 7, 1);
    KnockOutCurve three = KnockOutCurve.of(mlp, 0, ex, ds, a, 7, 3);
    KnockOutCurve other = KnockOutCurve.of(mlp, 0, ex, ds, a, 8, 1);
    assertThat(three.orders()).isDeepEqualTo(one.orders());
    assertThat(three.correct()).isDeepEqualTo(one.correct());
    assertThat(other.orders()[3]).isNotEqualTo(one.orders()[3]);
    assertThat(other.orders()[0]).isEqualTo(one.orders()[0]);
  }

  @Test
  void aDeeperLayerIsKnockedOutThroughTheLayersAfterIt() {
    Mlp mlp = Mlp.glorot(new int[] {40, 20}, 10, 5);
    Dataset ds = VisFixtures.mnistTest().head(1000);
    DatasetExamples ex = DatasetExamples.of(mlp, 0, ds, Kernels.get());
    KnockOutCurve c = KnockOutCurve.of(mlp, 0, ex, ds, Ablation.of(mlp, 0, ex, ds, 1), 1, 2);
    for (int k : new int[] {0, 5, 17}) {
      assertThat(c.correct()[3][k])
          .isEqualTo(
              Evaluation.of(mlp.withoutUnits(0, Arrays.copyOf(c.orders()[3], k)), ds).correct());
    }
  }

  /** A layer whose units all stay silent: nothing to knock out, and the files still come. */
  @Test
  void aLayerWithNoLiveUnitGivesEmptyOrdersAndStillItsFiles(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    Mlp mlp = Mlp.glorot(new int[] {8}, 10, 3);
    java.util.Arrays.fill(mlp.layers().get(0).bias(), -1e6f); // every ReLU stays shut
    Dataset ds = VisFixtures.mnistTest().head(300);
    DatasetExamples ex = DatasetExamples.of(mlp, 0, ds, Kernels.get());
    Ablation a = Ablation.of(mlp, 0, ex, ds, 2);
    KnockOutCurve c = KnockOutCurve.of(mlp, 0, ex, ds, a, 1, 2);
    assertThat(a.live()).isZero();
    assertThat(a.selectivityCorrelation()).isNaN();
    assertThat(c.live()).isZero();
    assertThat(c.correct()[0]).containsExactly(a.correct());
    assertThat(c.spare(0, 0.01)).isZero();
    assertThat(new NeuronFiles(dir, true).ablation(a, c)).hasSize(5);
  }

  private static int[] sortedLive(Ablation a) {
    int[] live = new int[a.units()];
    int n = 0;
    for (int j = 0; j < a.units(); j++) {
      if (!a.dead(j)) {
        live[n++] = j;
      }
    }
    return Arrays.copyOf(live, n);
  }
}
