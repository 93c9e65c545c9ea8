package neuronlens.train;

import neuronlens.InParts;
import neuronlens.data.Dataset;
import neuronlens.data.SparseImages;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import neuronlens.nn.Softmax;
import neuronlens.tensor.Kernels;

/**
 * A model's results on a labelled split: mean loss (Keras' clipped cross-entropy), correct count,
 * each image's predicted class, the confusion matrix (row = true class, column = predicted), and
 * per hidden layer each unit's largest output over the split's images ({@code peaks[l][u]}; 0 for a
 * unit that never fires on them, a dead unit).
 */
public record Evaluation(
    int correct, int total, double loss, int[] predictions, int[][] confusion, float[][] peaks) {

  /** {@code correct / total}. */
  public double accuracy() {
    return total == 0 ? 0 : (double) correct / total;
  }

  /** Per hidden layer, the units whose output is 0 for every image of the split. */
  public int[] deadUnits() {
    int[] dead = new int[peaks.length];
    for (int l = 0; l < peaks.length; l++) {
      for (float p : peaks[l]) {
        if (!(p > 0f)) {
          dead[l]++;
        }
      }
    }
    return dead;
  }

  /** Evaluates {@code mlp} on all of {@code data}, in batches of 500. */
  public static Evaluation of(Mlp mlp, Dataset data) {
    return of(mlp, data, new Forward(mlp, 500));
  }

  /**
   * Evaluates {@code data}, whose non-zero pixels {@code sparse} lists, on {@code fwd.length}
   * threads (the calling one and {@code fwd.length - 1} others), each running its own forward
   * buffer over a contiguous part of the images: the results of {@link #of(Mlp, Dataset, Forward)}
   * exactly, since an image's pass does not depend on the others in its batch and the losses are
   * added in image order afterwards.
   */
  public static Evaluation of(Mlp mlp, Dataset data, SparseImages sparse, Forward[] fwd) {
    return of(mlp, data, sparse, fwd, InParts::run);
  }

  /**
   * {@link #of(Mlp, Dataset, SparseImages, Forward[])} with its parts run by {@code runner} (which
   * must run each part once, each on its own thread).
   */
  static Evaluation of(
      Mlp mlp, Dataset data, SparseImages sparse, Forward[] fwd, InParts.Runner runner) {
    if (sparse.count() != data.count()) {
      throw new IllegalArgumentException(
          "sparse images: expected " + data.count() + ", found " + sparse.count());
    }
    int count = data.count();
    int classes = mlp.classes();
    int[] predictions = new int[count];
    float[] losses = new float[count];
    int parts = fwd.length;
    float[][][] peaks = new float[parts][][];
    runner.run(
        parts,
        t -> {
          peaks[t] = zeroPeaks(mlp);
          part(
              mlp,
              data,
              sparse,
              fwd[t],
              partStart(count, parts, t),
              partStart(count, parts, t + 1),
              predictions,
              losses,
              peaks[t]);
        });
    for (int t = 1; t < parts; t++) {
      for (int l = 0; l < peaks[0].length; l++) {
        for (int u = 0; u < peaks[0][l].length; u++) {
          peaks[0][l][u] = Math.max(peaks[0][l][u], peaks[t][l][u]);
        }
      }
    }
    return tally(data, classes, predictions, losses, peaks[0]);
  }

  /**
   * The evaluation from each image's prediction and loss: the confusion matrix, the correct count
   * and the mean loss, the losses added in image order.
   */
  private static Evaluation tally(
      Dataset data, int classes, int[] predictions, float[] losses, float[][] peaks) {
    int count = data.count();
    int[][] confusion = new int[classes][classes];
    double loss = 0;
    int correct = 0;
    for (int i = 0; i < count; i++) {
      int label = data.labels()[i];
      if (label >= 0 && label < classes) {
        confusion[label][predictions[i]]++;
        loss += losses[i];
      }
      if (predictions[i] == label) {
        correct++;
      }
    }
    return new Evaluation(
        correct, count, count == 0 ? 0 : loss / count, predictions, confusion, peaks);
  }

  /** Predictions and losses of the {@code rows} images from {@code first}, from their outputs. */
  private static void score(
      float[] p,
      Dataset data,
      int classes,
      int first,
      int rows,
      int[] predictions,
      float[] losses) {
    for (int r = 0; r < rows; r++) {
      int label = data.labels()[first + r];
      predictions[first + r] = Softmax.argmax(p, r * classes, classes);
      if (label >= 0 && label < classes) {
        losses[first + r] = Softmax.crossEntropy(p, r * classes, label);
      }
    }
  }

  /** Per hidden layer, a peak of 0 for each unit (ReLU outputs are never below). */
  private static float[][] zeroPeaks(Mlp mlp) {
    float[][] peaks = new float[mlp.layers().size() - 1][];
    for (int l = 0; l < peaks.length; l++) {
      peaks[l] = new float[mlp.layers().get(l).units()];
    }
    return peaks;
  }

  /**
   * Raises {@code peaks} to each hidden unit's largest output in the last forward pass of {@code
   * fwd} (row by row, a loop the JIT compiler vectorizes: about 2 µs a batch of 500 for 128 units).
   */
  private static void raisePeaks(Forward fwd, int rows, float[][] peaks) {
    for (int l = 0; l < peaks.length; l++) {
      float[] a = fwd.a(l);
      float[] peak = peaks[l];
      int units = peak.length;
      for (int r = 0; r < rows; r++) {
        int o = r * units;
        for (int u = 0; u < units; u++) {
          peak[u] = Math.max(peak[u], a[o + u]);
        }
      }
    }
  }

  private static int partStart(int count, int parts, int part) {
    return (int) ((long) count * part / parts);
  }

  /** Predictions and losses of images {@code [from, to)}. */
  private static void part(
      Mlp mlp,
      Dataset data,
      SparseImages sparse,
      Forward fwd,
      int from,
      int to,
      int[] predictions,
      float[] losses,
      float[][] peaks) {
    Kernels k = Kernels.get();
    int classes = mlp.classes();
    for (int first = from; first < to; first += fwd.capacity()) {
      int rows = Math.min(fwd.capacity(), to - first);
      fwd.loadNonZeros(sparse.starts(), sparse.indices(), sparse.pixels(), first, rows);
      fwd.run(k);
      score(fwd.probabilities(), data, classes, first, rows, predictions, losses);
      raisePeaks(fwd, rows, peaks);
    }
  }

  /**
   * Evaluates with a caller-owned forward buffer on one thread, each batch read from its bytes (for
   * one-off evaluations, where listing the non-zeros first would cost as much as this pass).
   */
  public static Evaluation of(Mlp mlp, Dataset data, Forward fwd) {
    Kernels k = Kernels.get();
    int classes = mlp.classes();
    int[] predictions = new int[data.count()];
    float[] losses = new float[data.count()];
    float[][] peaks = zeroPeaks(mlp);
    for (int first = 0; first < data.count(); first += fwd.capacity()) {
      int rows = Math.min(fwd.capacity(), data.count() - first);
      fwd.loadBytes(data.images(), null, first, rows);
      fwd.run(k);
      score(fwd.probabilities(), data, classes, first, rows, predictions, losses);
      raisePeaks(fwd, rows, peaks);
    }
    return tally(data, classes, predictions, losses, peaks);
  }
}
