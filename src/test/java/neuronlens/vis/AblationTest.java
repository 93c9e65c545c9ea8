package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import neuronlens.data.Dataset;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.Evaluation;
import org.junit.jupiter.api.Test;

/**
 * Single-unit ablation against its definition: the network with the unit's outgoing weights set to
 * 0, evaluated by the training's own (float) evaluation, image for image.
 */
class AblationTest {
  @Test
  void seedModelKnockOutsMatchEvaluatingTheModelWithoutTheUnit() {
    Mlp mlp = VisFixtures.seedModel();
    Dataset test = VisFixtures.mnistTest();
    DatasetExamples ex = DatasetExamples.of(mlp, 0, test, Kernels.get());
    Ablation a = Ablation.of(mlp, 0, ex, test, 2);
    Evaluation full = Evaluation.of(mlp, test);
    assertThat(a.correct()).isEqualTo(full.correct()).isEqualTo(9790);
    assertThat(a.loss()).isCloseTo(full.loss(), within(1e-6));
    assertThat(a.classCount()).containsExactly(test.classCounts());

    int[] order = a.byLossChange();
    List<Integer> units = new ArrayList<>(List.of(order[0], order[1], order[2], order[60]));
    units.add(ex.deadUnits()[0]);
    for (int j : units) {
      Evaluation without = Evaluation.of(withoutUnit(mlp, 0, j), test);
      assertThat(a.unitCorrect()[j]).as("unit %d", j).isEqualTo(without.correct());
      for (int c = 0; c < 10; c++) {
        assertThat(a.unitClassCorrect()[j][c]).isEqualTo(without.confusion()[c][c]);
      }
      assertThat(a.unitLoss()[j]).as("unit %d", j).isCloseTo(without.loss(), within(1e-6));
      int changed = 0;
      for (int i = 0; i < test.count(); i++) {
        changed += without.predictions()[i] != full.predictions()[i] ? 1 : 0;
      }
      assertThat(a.unitChanged()[j]).isEqualTo(changed);
    }
    // the most important unit costs accuracy; a dead unit changes nothing at all
    assertThat(a.accuracyChange(order[0])).isNegative();
    assertThat(a.lossChange(order[0])).isGreaterThan(a.lossChange(order[60]));
    for (int j : ex.deadUnits()) {
      assertThat(a.unitLoss()[j]).isEqualTo(a.loss());
      assertThat(a.unitChanged()[j]).isZero();
      assertThat(a.mostHurtClass(j)).isEqualTo(-1);
    }
  }

  @Test
  void aDeeperLayerIsKnockedOutThroughTheLayersAfterIt() {
    Mlp mlp = Mlp.glorot(new int[] {48, 24}, 10, 7);
    Dataset ds = VisFixtures.mnistTest().head(1500);
    DatasetExamples ex = DatasetExamples.of(mlp, 0, ds, Kernels.get());
    Ablation a = Ablation.of(mlp, 0, ex, ds, 3);
    assertThat(a.correct()).isEqualTo(Evaluation.of(mlp, ds).correct());
    for (int j : new int[] {0, 17, 47}) {
      Evaluation without = Evaluation.of(withoutUnit(mlp, 0, j), ds);
      assertThat(a.unitCorrect()[j]).as("unit %d", j).isEqualTo(without.correct());
      assertThat(a.unitLoss()[j]).isCloseTo(without.loss(), within(1e-6));
    }
    DatasetExamples second = DatasetExamples.of(mlp, 1, ds, Kernels.get());
    Ablation b = Ablation.of(mlp, 1, second, ds, 1);
    assertThat(b.correct()).isEqualTo(a.correct());
    Evaluation without = Evaluation.of(withoutUnit(mlp, 1, 5), ds);
    assertThat(b.unitCorrect()[5]).isEqualTo(without.correct());
  }

  @Test
  void resultsDoNotDependOnTheThreads() {
    Mlp mlp = VisFixtures.seedModel();
    Dataset ds = VisFixtures.mnistTest().head(3001);
    DatasetExamples ex = DatasetExamples.of(mlp, 0, ds, Kernels.get());
    Ablation one = Ablation.of(mlp, 0, ex, ds, 1);
    Ablation three = Ablation.of(mlp, 0, ex, ds, 3);
    assertThat(three.unitLoss()).containsExactly(one.unitLoss());
    assertThat(three.unitCorrect()).containsExactly(one.unitCorrect());
    assertThat(three.unitChanged()).containsExactly(one.unitChanged());
    assertThat(three.loss()).isEqualTo(one.loss());
  }

  @Test
  void selectivityFollowsItsDefinition() {
    assertThat(DatasetExamples.selectivity(new double[] {0, 2, 0, 0})).isEqualTo(1);
    assertThat(DatasetExamples.selectivity(new double[] {1, 1, 1, 1})).isEqualTo(0);
    // μmax 3, μrest (1 + 1 + 1) / 3 = 1: (3 - 1) / (3 + 1)
    assertThat(DatasetExamples.selectivity(new double[] {1, 3, 1, 1})).isEqualTo(0.5);
    assertThat(DatasetExamples.selectivity(new double[] {0, 0, 0})).isNaN();
  }

  /** {@code mlp} with unit {@code j} of layer {@code l} cut off: its outgoing weights set to 0. */
  private static Mlp withoutUnit(Mlp mlp, int l, int j) {
    return mlp.withoutUnits(l, j);
  }
}
