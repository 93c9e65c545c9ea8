package neuronlens.vis;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;

/**
 * The model-randomization test of Adebayo et al. (2018, "Sanity checks for saliency maps"): a map
 * that explains the model should change when the model's weights are replaced by random ones. For
 * one image and class, each method's map (the gradient, SmoothGrad, integrated gradients) is
 * compared with the same method's map for the same network re-initialized as training starts it
 * (Glorot uniform kernels, zero biases, from a seed): first its last layer only, then every layer.
 * The comparison is Spearman's rank correlation of the maps' absolute values over the image's lit
 * pixels: near 0, the map comes from what the network learned; near 1, an untrained network would
 * have given the same picture.
 *
 * <p>Over the lit pixels only: integrated gradients are exactly 0 wherever the image is black (the
 * path from a black image does not move those pixels), for any network, which alone would make
 * their correlation over all 784 pixels close to 1. Over the lit pixels they still keep part of the
 * image: each pixel's share is its brightness times an average gradient, and the brightness is the
 * same for any network.
 *
 * @param pixels the image's lit pixels, over which the maps are compared
 * @param lastLayer per method ({@link #METHODS}), the correlation with the last layer randomized
 * @param allLayers per method, the correlation with every layer randomized
 */
public record SanityCheck(int pixels, double[] lastLayer, double[] allLayers) {
  /** The methods compared, in the order of {@link #lastLayer} and {@link #allLayers}. */
  public static final List<String> METHODS =
      List.of("gradient", "smoothgrad", "integrated_gradients");

  /** The methods' names in prose, in the same order. */
  public static final List<String> NAMES =
      List.of("gradient", "SmoothGrad", "integrated gradients");

  /**
   * The check for test image {@code raw} (784 values, 0–255) and class {@code cls}: the random
   * weights and SmoothGrad's noise come from {@code seed}.
   */
  public static SanityCheck of(Mlp mlp, float[] raw, int cls, long seed, Kernels k) {
    int layers = mlp.layers().size();
    return against(
        mlp, randomized(mlp, layers - 1, seed), randomized(mlp, 0, seed), raw, cls, seed, k);
  }

  /**
   * {@link #of} for several images (their pixels, 0–255, and the class to explain in each) on up to
   * {@code threads} threads: the same results as one after another.
   */
  public static SanityCheck[] of(
      Mlp mlp, List<float[]> images, int[] classes, long seed, Kernels k, int threads) {
    int layers = mlp.layers().size();
    Mlp last = randomized(mlp, layers - 1, seed);
    Mlp all = randomized(mlp, 0, seed);
    SanityCheck[] out = new SanityCheck[images.size()];
    List<Runnable> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      int at = i;
      tasks.add(() -> out[at] = against(mlp, last, all, images.get(at), classes[at], seed, k));
    }
    Parallel.run(tasks, threads);
    return out;
  }

  /**
   * The check with the two randomized networks given ({@code last}: last layer randomized, {@code
   * all}: every layer); {@link #of} draws them.
   */
  static SanityCheck against(
      Mlp mlp, Mlp last, Mlp all, float[] raw, int cls, long seed, Kernels k) {
    float[][] maps = maps(mlp, raw, cls, seed, k);
    float[][] lastMaps = maps(last, raw, cls, seed, k);
    float[][] allMaps = maps(all, raw, cls, seed, k);
    int[] lit = lit(raw);
    double[] l = new double[METHODS.size()];
    double[] a = new double[METHODS.size()];
    for (int m = 0; m < l.length; m++) {
      l[m] = spearman(abs(maps[m], lit), abs(lastMaps[m], lit));
      a[m] = spearman(abs(maps[m], lit), abs(allMaps[m], lit));
    }
    return new SanityCheck(lit.length, l, a);
  }

  /**
   * {@code mlp} with the layers from {@code from} on re-initialized as {@link Mlp#glorot} draws a
   * network of its sizes from {@code seed}; the layers before keep their weights.
   */
  public static Mlp randomized(Mlp mlp, int from, long seed) {
    int[] sizes = mlp.sizes();
    Mlp fresh = Mlp.glorot(Arrays.copyOfRange(sizes, 1, sizes.length - 1), mlp.classes(), seed);
    Mlp out = mlp.copy();
    for (int l = from; l < out.layers().size(); l++) {
      Dense to = out.layers().get(l);
      Dense d = fresh.layers().get(l);
      System.arraycopy(d.kernel(), 0, to.kernel(), 0, d.kernel().length);
      System.arraycopy(d.bias(), 0, to.bias(), 0, d.bias().length);
    }
    return out;
  }

  /** The three maps of {@link #METHODS} for class {@code cls}'s logit. */
  private static float[][] maps(Mlp mlp, float[] raw, int cls, long seed, Kernels k) {
    return new float[][] {
      Saliency.gradient(mlp, raw, cls, Objective.LOGIT, k),
      Saliency.smoothGrad(
          mlp, raw, cls, Objective.LOGIT, Saliency.SAMPLES, Saliency.SIGMA, seed, k),
      IntegratedGradients.of(mlp, raw, cls).attributions()
    };
  }

  private static int[] lit(float[] raw) {
    return java.util.stream.IntStream.range(0, raw.length).filter(i -> raw[i] > 0).toArray();
  }

  private static double[] abs(float[] map, int[] at) {
    double[] v = new double[at.length];
    for (int i = 0; i < at.length; i++) {
      v[i] = Math.abs(map[at[i]]);
    }
    return v;
  }

  /**
   * Spearman's rank correlation: Pearson's of the values' ranks, tied values sharing the mean of
   * the ranks they span; 0 when either side is constant (or fewer than two values).
   */
  public static double spearman(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths " + a.length + " and " + b.length);
    }
    if (a.length < 2) {
      return 0;
    }
    float[] ra = ranks(a);
    float[] rb = ranks(b);
    return ImageOps.pearson(a.length, ra, 0, rb, 0);
  }

  /**
   * Ranks from 1, ties averaged (a float holds every rank and half rank of up to 2^23 values
   * exactly).
   */
  static float[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
    float[] rank = new float[v.length];
    for (int i = 0; i < v.length; ) {
      int j = i;
      while (j + 1 < v.length && Double.compare(v[order[j + 1]], v[order[i]]) == 0) {
        j++;
      }
      float mean = (i + j) / 2f + 1;
      for (int q = i; q <= j; q++) {
        rank[order[q]] = mean;
      }
      i = j + 1;
    }
    return rank;
  }

  /**
   * {@code pixels} and, per method, {@code last_layer} and {@code all_layers} (null where a
   * correlation is not a number).
   */
  public Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pixels", pixels);
    for (int i = 0; i < METHODS.size(); i++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("last_layer", finite(lastLayer[i]));
      c.put("all_layers", finite(allLayers[i]));
      m.put(METHODS.get(i), c);
    }
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
