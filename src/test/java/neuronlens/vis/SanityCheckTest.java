package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import neuronlens.data.Dataset;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import org.junit.jupiter.api.Test;

/** Spearman's correlation, the randomized networks, and the model-randomization check itself. */
class SanityCheckTest {

  /** Ranks by their definition: 1 + the values below, plus half the other values equal. */
  private static double[] naiveRanks(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      int below = 0;
      int equal = 0;
      for (double w : v) {
        below += w < v[i] ? 1 : 0;
        equal += w == v[i] ? 1 : 0;
      }
      r[i] = below + (equal + 1) / 2.0;
    }
    return r;
  }

  private static double pearson(double[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i] / a.length;
      mb += b[i] / a.length;
    }
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (a[i] - ma) * (b[i] - mb);
      aa += (a[i] - ma) * (a[i] - ma);
      bb += (b[i] - mb) * (b[i] - mb);
    }
    return ab / Math.sqrt(aa * bb);
  }

  @Test
  void spearmanIsPearsonOfTheRanksWithTiesAveraged() {
    // by hand: ranks of {1, 2, 2, 3} are {1, 2.5, 2.5, 4}, of {1, 3, 2, 4} themselves
    assertThat(SanityCheck.ranks(new double[] {1, 2, 2, 3})).containsExactly(1f, 2.5f, 2.5f, 4f);
    assertThat(SanityCheck.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}))
        .isCloseTo(4.5 / Math.sqrt(4.5 * 5), within(1e-7));
    SplittableRandom rng = new SplittableRandom(3);
    for (int trial = 0; trial < 300; trial++) {
      int n = rng.nextInt(2, 200);
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = rng.nextInt(rng.nextBoolean() ? 5 : 1000); // many ties, or few
        b[i] = rng.nextBoolean() ? a[i] + rng.nextInt(30) : rng.nextGaussian();
      }
      double expected = pearson(naiveRanks(a), naiveRanks(b));
      double got = SanityCheck.spearman(a, b);
      if (Double.isNaN(expected)) { // a side with a single value
        assertThat(got).isZero();
      } else {
        assertThat(got).as("trial %d", trial).isCloseTo(expected, within(1e-6));
      }
      assertThat(SanityCheck.spearman(b, a)).isCloseTo(got, within(1e-12));
      // ranks only: a strictly increasing transform of either side changes nothing
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        c[i] = Math.exp(a[i] / 100) * 3 - 7;
      }
      assertThat(SanityCheck.spearman(c, b)).isCloseTo(got, within(1e-9));
    }
    double[] up = {1, 2, 3, 4, 5};
    assertThat(SanityCheck.spearman(up, up)).isCloseTo(1, within(1e-12));
    assertThat(SanityCheck.spearman(up, new double[] {9, 7, 5, 3, 1})).isCloseTo(-1, within(1e-12));
  }

  @Test
  void randomizingKeepsTheLayersBeforeAndDrawsTheRestAsTrainingStarts() {
    Mlp mlp = Mlp.glorot(new int[] {20, 12}, 10, 1);
    Mlp before = mlp.copy();
    Mlp fresh = Mlp.glorot(new int[] {20, 12}, 10, 77);
    for (int from = 0; from <= 2; from++) {
      Mlp r = SanityCheck.randomized(mlp, from, 77);
      for (int l = 0; l < 3; l++) {
        Mlp want = l < from ? mlp : fresh;
        assertThat(r.layers().get(l).kernel()).isEqualTo(want.layers().get(l).kernel());
        assertThat(r.layers().get(l).bias()).isEqualTo(want.layers().get(l).bias());
      }
    }
    for (int l = 0; l < 3; l++) {
      assertThat(mlp.layers().get(l).kernel()).isEqualTo(before.layers().get(l).kernel());
    }
  }

  /** Compared with itself, every map agrees with itself perfectly. */
  @Test
  void aNetworkComparedWithItselfGivesOne() {
    Mlp mlp = VisFixtures.seedModel();
    float[] raw = DatasetExamples.pixels(VisFixtures.mnistTest(), 0);
    SanityCheck s = SanityCheck.against(mlp, mlp, mlp.copy(), raw, 7, 42, Kernels.get());
    for (int m = 0; m < 3; m++) {
      assertThat(s.lastLayer()[m]).isCloseTo(1, within(1e-9));
      assertThat(s.allLayers()[m]).isCloseTo(1, within(1e-9));
    }
    int lit = 0;
    for (float v : raw) {
      lit += v > 0 ? 1 : 0;
    }
    assertThat(s.pixels()).isEqualTo(lit);
  }

  /**
   * The seed's model against random weights, on the first test image of each class: the gradient
   * and SmoothGrad maps lose their order (what Adebayo et al. found for them on small networks),
   * integrated gradients keep part of it (the image's brightness); threads change nothing.
   */
  @Test
  void onTheSeedsModelGradientsDependOnTheWeightsAndIntegratedGradientsPartlyOnTheImage() {
    Mlp mlp = VisFixtures.seedModel();
    Dataset test = VisFixtures.mnistTest();
    List<float[]> images = new ArrayList<>();
    int[] classes = new int[10];
    for (int c = 0; c < 10; c++) {
      for (int i = 0; i < test.count(); i++) {
        if (test.label(i) == c) {
          images.add(DatasetExamples.pixels(test, i));
          classes[c] = c;
          break;
        }
      }
    }
    SanityCheck[] two = SanityCheck.of(mlp, images, classes, 42, Kernels.get(), 2);
    double[] mean = new double[3];
    for (int i = 0; i < 10; i++) {
      SanityCheck one = SanityCheck.of(mlp, images.get(i), classes[i], 42, Kernels.get());
      assertThat(two[i].lastLayer()).isEqualTo(one.lastLayer());
      assertThat(two[i].allLayers()).isEqualTo(one.allLayers());
      for (int m = 0; m < 3; m++) {
        mean[m] += one.allLayers()[m] / 10;
      }
    }
    assertThat(Math.abs(mean[0])).isLessThan(0.2);
    assertThat(Math.abs(mean[1])).isLessThan(0.2);
    assertThat(mean[2]).isBetween(0.2, 0.8);
  }
}
