package neuronlens.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import neuronlens.data.Dataset;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.Evaluation;

/** Builds the {@link TestSummary}: the most confused pairs and the most confident mistakes. */
final class TestResults {
  /** Confusions listed. */
  static final int PAIRS = 8;

  /** Misclassified images shown. */
  static final int MISTAKES = 24;

  private TestResults() {}

  /** Adds the mistakes' pictures to {@code pictures}, keyed by test index. */
  static TestSummary of(
      Mlp mlp, Dataset test, Evaluation e, Kernels k, Map<Integer, Picture> pictures) {
    List<ConfusedPair> pairs = new ArrayList<>();
    int[][] m = e.confusion();
    for (int a = 0; a < m.length; a++) {
      for (int p = 0; p < m.length; p++) {
        if (a != p && m[a][p] > 0) {
          pairs.add(new ConfusedPair(a, p, m[a][p]));
        }
      }
    }
    pairs.sort(
        Comparator.comparingInt(ConfusedPair::count)
            .reversed()
            .thenComparingInt(ConfusedPair::actual)
            .thenComparingInt(ConfusedPair::predicted));
    List<Mistake> mistakes = mistakes(mlp, test, e, k);
    List<Mistake> shown = new ArrayList<>(mistakes.subList(0, Math.min(MISTAKES, mistakes.size())));
    for (Mistake x : shown) {
      ReportBuilder.testImage(test, x.index(), pictures);
    }
    return new TestSummary(
        e.correct(),
        e.total(),
        e.loss(),
        m,
        List.copyOf(pairs.subList(0, Math.min(PAIRS, pairs.size()))),
        List.copyOf(shown));
  }

  /** Every misclassified image with the probability of the wrong class, most confident first. */
  private static List<Mistake> mistakes(Mlp mlp, Dataset test, Evaluation e, Kernels k) {
    int[] pred = e.predictions();
    int n = 0;
    for (int i = 0; i < test.count(); i++) {
      n += pred[i] != test.label(i) ? 1 : 0;
    }
    int[] wrong = new int[n];
    for (int i = 0, o = 0; i < test.count(); i++) {
      if (pred[i] != test.label(i)) {
        wrong[o++] = i;
      }
    }
    List<Mistake> out = new ArrayList<>();
    int classes = mlp.classes();
    Forward f = new Forward(mlp, 256);
    for (int first = 0; first < n; first += f.capacity()) {
      int rows = Math.min(f.capacity(), n - first);
      f.loadBytes(test.images(), wrong, first, rows);
      f.run(k);
      float[] p = f.probabilities();
      for (int r = 0; r < rows; r++) {
        int i = wrong[first + r];
        out.add(
            new Mistake(
                i,
                test.label(i),
                pred[i],
                p[r * classes + pred[i]],
                ReportBuilder.testImagePath(i)));
      }
    }
    out.sort(
        Comparator.comparingDouble((Mistake x) -> -x.probability())
            .thenComparingInt(Mistake::index));
    return out;
  }
}
