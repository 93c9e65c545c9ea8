package neuronlens.report;

import java.util.List;

/**
 * The model on the test split.
 *
 * @param correct images classified correctly
 * @param total images
 * @param loss mean cross-entropy
 * @param confusion row = true class, column = predicted class
 * @param pairs the most frequent confusions, most frequent first
 * @param mistakes misclassified examples, the most confident first
 */
public record TestSummary(
    int correct,
    int total,
    double loss,
    int[][] confusion,
    List<ConfusedPair> pairs,
    List<Mistake> mistakes) {

  /** {@code correct / total}. */
  public double accuracy() {
    return total == 0 ? 0 : (double) correct / total;
  }

  /** Images of class {@code c}. */
  public int rowTotal(int c) {
    int s = 0;
    for (int v : confusion[c]) {
      s += v;
    }
    return s;
  }
}
