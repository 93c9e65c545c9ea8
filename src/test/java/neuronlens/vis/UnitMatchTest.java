package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import neuronlens.data.Dataset;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.Evaluation;
import org.junit.jupiter.api.Test;

/**
 * Matching units across models: a model against itself with its hidden units shuffled (the same
 * function) gets its shuffle back with correlations of 1; correlations are Pearson's.
 */
class UnitMatchTest {
  @Test
  void aShuffledCopyIsMatchedBackUnitForUnit() {
    Mlp mlp = VisFixtures.seedModel();
    Dataset test = VisFixtures.mnistTest().head(3000);
    int[] perm = new int[128]; // unit q of the copy is unit perm[q] of the original
    for (int q = 0; q < 128; q++) {
      perm[q] = (q * 37 + 11) % 128;
    }
    Mlp copy = ShuffledUnits.of(mlp, perm);
    // the same function: the same predictions
    assertThat(Evaluation.of(copy, test).predictions())
        .containsExactly(Evaluation.of(mlp, test).predictions());
    DatasetExamples a = DatasetExamples.of(mlp, 0, test, Kernels.get());
    DatasetExamples b = DatasetExamples.of(copy, 0, test, Kernels.get());
    UnitMatch m = UnitMatch.of(a, b);
    for (int q = 0; q < 128; q++) {
      int p = perm[q];
      if (a.dead()[p]) {
        assertThat(m.match()[p]).isEqualTo(-1);
      } else {
        assertThat(m.match()[p]).as("unit %d", p).isEqualTo(q);
        assertThat(m.matched(p)).isCloseTo(1.0, within(1e-9));
        assertThat(m.best(p)).isEqualTo(q);
      }
    }
    assertThat(m.meanMatched()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void correlationsArePearsonsOfTheActivationsAndTheMatchIsOneToOne() {
    Mlp seed = VisFixtures.seedModel();
    Mlp other = Mlp.glorot(new int[] {64}, 10, 5); // untrained, fewer units
    Dataset test = VisFixtures.mnistTest().head(2000);
    DatasetExamples a = DatasetExamples.of(seed, 0, test, Kernels.get());
    DatasetExamples b = DatasetExamples.of(other, 0, test, Kernels.get());
    UnitMatch m = UnitMatch.of(a, b);
    for (int p : new int[] {0, 2, 85}) {
      for (int q : new int[] {0, 7, 63}) {
        double want =
            a.dead()[p] || b.dead()[q]
                ? 0
                : ImageOps.pearson(test.count(), a.column(p), 0, b.column(q), 0);
        assertThat(m.r(p, q)).as("%d, %d", p, q).isCloseTo(want, within(1e-5));
      }
    }
    Set<Integer> used = new HashSet<>();
    int matched = 0;
    for (int p = 0; p < 128; p++) {
      if (m.match()[p] >= 0) {
        assertThat(used.add(m.match()[p])).isTrue();
        assertThat(b.dead()[m.match()[p]]).isFalse();
        matched++;
      }
    }
    int liveB = 0;
    for (boolean d : b.dead()) {
      liveB += d ? 0 : 1;
    }
    assertThat(matched).isEqualTo(Math.min(liveB, 128 - a.deadUnits().length));
    // the best partner is at least as alike as the one-to-one match
    for (int p : m.byMatch()) {
      assertThat(m.r(p, m.best(p))).isGreaterThanOrEqualTo(m.matched(p));
    }
  }
}
