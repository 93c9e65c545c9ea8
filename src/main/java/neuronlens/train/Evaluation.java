package neuronlens.train;

import neuronlens.data.Dataset;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import neuronlens.nn.Softmax;
import neuronlens.tensor.Kernels;

/**
 * A model's results on a labelled split: mean loss (Keras' clipped cross-entropy), correct count,
 * each image's predicted class and the confusion matrix (row = true class, column = predicted).
 */
public record Evaluation(
    int correct, int total, double loss, int[] predictions, int[][] confusion) {

  /** {@code correct / total}. */
  public double accuracy() {
    return total == 0 ? 0 : (double) correct / total;
  }

  /** Evaluates {@code mlp} on all of {@code data}, in batches of 500. */
  public static Evaluation of(Mlp mlp, Dataset data) {
    return of(mlp, data, new Forward(mlp, 500));
  }

  /** Evaluates with a caller-owned forward buffer (reused across epochs). */
  public static Evaluation of(Mlp mlp, Dataset data, Forward fwd) {
    Kernels k = Kernels.get();
    int classes = mlp.classes();
    int[] predictions = new int[data.count()];
    int[][] confusion = new int[classes][classes];
    double loss = 0;
    int correct = 0;
    for (int first = 0; first < data.count(); first += fwd.capacity()) {
      int rows = Math.min(fwd.capacity(), data.count() - first);
      fwd.loadBytes(data.images(), null, first, rows);
      fwd.run(k);
      float[] p = fwd.probabilities();
      for (int r = 0; r < rows; r++) {
        int label = data.labels()[first + r];
        int pred = Softmax.argmax(p, r * classes, classes);
        predictions[first + r] = pred;
        if (label >= 0 && label < classes) {
          confusion[label][pred]++;
          loss += Softmax.crossEntropy(p, r * classes, label);
        }
        if (pred == label) {
          correct++;
        }
      }
    }
    return new Evaluation(
        correct, data.count(), data.count() == 0 ? 0 : loss / data.count(), predictions, confusion);
  }
}
