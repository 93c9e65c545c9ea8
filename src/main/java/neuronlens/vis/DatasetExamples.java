package neuronlens.vis;

import java.util.Arrays;
import neuronlens.data.Dataset;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;

/**
 * How a hidden layer's units respond to a dataset: every unit's post-ReLU activation on every
 * image, the {@link #TOP} images that activate each unit most, and the units never active on any
 * image ("dead").
 *
 * @param layer Keras name of the layer
 * @param units number of units
 * @param count number of images
 * @param activations (count, units) post-activation of each image
 * @param top (units, TOP) image indices, most active first
 * @param dead per unit, whether it is 0 on every image
 */
public record DatasetExamples(
    String layer, int units, int count, float[] activations, int[][] top, boolean[] dead) {
  /** Images kept per unit. */
  public static final int TOP = 9;

  private static final int BATCH = 500;

  /** Runs {@code mlp} over {@code ds} and collects layer {@code index}'s activations. */
  public static DatasetExamples of(Mlp mlp, int index, Dataset ds, Kernels k) {
    int units = mlp.layers().get(index).units();
    float[] act = new float[ds.count() * units];
    Forward f = new Forward(mlp, BATCH);
    for (int first = 0; first < ds.count(); first += BATCH) {
      int rows = Math.min(BATCH, ds.count() - first);
      f.loadBytes(ds.images(), null, first, rows);
      f.run(k);
      System.arraycopy(f.a(index), 0, act, first * units, rows * units);
    }
    int[][] top = new int[units][];
    boolean[] dead = new boolean[units];
    for (int j = 0; j < units; j++) {
      top[j] = topK(act, units, j, ds.count(), TOP);
      dead[j] = act[top[j][0] * units + j] <= 0f;
    }
    return new DatasetExamples(mlp.layers().get(index).name(), units, ds.count(), act, top, dead);
  }

  private static int[] topK(float[] act, int units, int j, int count, int k) {
    int[] best = new int[Math.min(k, count)];
    int n = 0;
    for (int i = 0; i < count; i++) {
      float v = act[i * units + j];
      if (n < best.length) {
        n++;
      } else if (v <= act[best[n - 1] * units + j]) {
        continue;
      }
      int p = n - 1;
      while (p > 0 && act[best[p - 1] * units + j] < v) {
        best[p] = best[p - 1];
        p--;
      }
      best[p] = i;
    }
    return best;
  }

  /** Unit {@code j}'s activation on every image. */
  public float[] column(int j) {
    float[] c = new float[count];
    for (int i = 0; i < count; i++) {
      c[i] = activations[i * units + j];
    }
    return c;
  }

  /**
   * Unit {@code j}'s mean activation over the images of each class of {@code ds} (the dataset it
   * was computed on), {@code classes} values; 0 for a class without images. Which classes a unit
   * answers to, in numbers: a unit that detects a stroke of the 0s and 6s has its largest means
   * there.
   */
  public double[] meanByClass(Dataset ds, int j, int classes) {
    if (ds.count() != count) {
      throw new IllegalArgumentException(
          "dataset: expected the "
              + count
              + " images these activations are of, found "
              + ds.count());
    }
    double[] sum = new double[classes];
    int[] n = new int[classes];
    for (int i = 0; i < count; i++) {
      int c = ds.label(i);
      if (c >= 0 && c < classes) {
        sum[c] += activations[i * units + j];
        n[c]++;
      }
    }
    for (int c = 0; c < classes; c++) {
      sum[c] = n[c] == 0 ? 0 : sum[c] / n[c];
    }
    return sum;
  }

  /**
   * The class a unit answers to most: the highest of {@link #meanByClass}'s means, the first on
   * ties.
   */
  public static int topClass(double[] means) {
    int best = 0;
    for (int c = 1; c < means.length; c++) {
      if (means[c] > means[best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * Class selectivity (Morcos et al., 2018) from a unit's {@link #meanByClass} means: {@code (μmax
   * - μrest) / (μmax + μrest)}, with μmax the highest class mean and μrest the mean of the others;
   * 0 for a unit that answers to every class alike, 1 for one that answers to a single class only.
   * NaN for a unit silent on every class (a dead unit).
   */
  public static double selectivity(double[] means) {
    double max = means[topClass(means)];
    if (!(max > 0)) {
      return Double.NaN;
    }
    double rest = 0;
    for (double m : means) {
      rest += m;
    }
    rest = means.length > 1 ? (rest - max) / (means.length - 1) : 0;
    return (max - rest) / (max + rest);
  }

  /** Indices of the dead units, ascending. */
  public int[] deadUnits() {
    int n = 0;
    for (boolean d : dead) {
      n += d ? 1 : 0;
    }
    int[] out = new int[n];
    for (int j = 0, o = 0; j < units; j++) {
      if (dead[j]) {
        out[o++] = j;
      }
    }
    return out;
  }

  /**
   * The first image of each class {@code 0 .. classes - 1} in {@code ds}, in class order; classes
   * with no image are left out.
   */
  public static int[] firstOfEachClass(Dataset ds, int classes) {
    int[] first = new int[classes];
    Arrays.fill(first, -1);
    for (int i = ds.count() - 1; i >= 0; i--) {
      int label = ds.label(i);
      if (label >= 0 && label < classes) {
        first[label] = i;
      }
    }
    return Arrays.stream(first).filter(i -> i >= 0).toArray();
  }

  /** The raw pixels (784, 0–255) of image {@code i} of {@code ds}. */
  public static float[] pixels(Dataset ds, int i) {
    float[] p = new float[Mlp.INPUTS];
    for (int q = 0; q < Mlp.INPUTS; q++) {
      p[q] = ds.pixel(i, q);
    }
    return p;
  }

  /** The mean image of {@code ds}, raw pixels. */
  public static float[] mean(Dataset ds) {
    double[] s = new double[Mlp.INPUTS];
    for (int i = 0; i < ds.count(); i++) {
      for (int q = 0; q < Mlp.INPUTS; q++) {
        s[q] += ds.pixel(i, q);
      }
    }
    float[] m = new float[Mlp.INPUTS];
    for (int q = 0; q < Mlp.INPUTS; q++) {
      m[q] = (float) (s[q] / Math.max(1, ds.count()));
    }
    return m;
  }
}
