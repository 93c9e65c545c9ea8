package neuronlens.vis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import neuronlens.data.Dataset;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;

/**
 * Every visualization for every unit, in one call (what {@code neuronlens run} writes): {@code
 * weights/}, {@code maximize/} (the natural preset), {@code compare/} (first layer),
 * {@code examples/} (hidden layers) and {@code saliency/} (the first test image of each class)
 * under {@code out}. Returns a small summary for JSON.
 */
public final class Gallery {
  private Gallery() {}

  /** Writes everything under {@code out}. */
  public static Map<String, Object> writeAll(Path out, Mlp mlp, Dataset test, Kernels k,
      int threads, boolean raw) {
    Map<String, Object> summary = new LinkedHashMap<>();
    ActivationMaximizer am = new ActivationMaximizer(mlp, k, threads);
    AmConfig natural = AmConfig.naturalPreset();
    for (int l = 0; l < mlp.layers().size(); l++) {
      String name = mlp.layers().get(l).name();
      int[] units = all(mlp.layers().get(l).units());
      WeightImages w = WeightImages.of(mlp, l, k);
      new NeuronFiles(out.resolve("weights"), raw).weights(w, units, Colormap.DIVERGING);
      AmResult r = am.run(l, units, natural, DatasetExamples.mean(test));
      new NeuronFiles(out.resolve("maximize"), raw).maximize(r, false);
      if (l == 0) {
        Comparison c = Comparison.of(units, w.select(units), r.images());
        new NeuronFiles(out.resolve("compare"), raw).compare(w, r, c);
        summary.put("mean_correlation", c.mean());
      }
      if (l < mlp.layers().size() - 1) {
        DatasetExamples e = DatasetExamples.of(mlp, l, test, k);
        new NeuronFiles(out.resolve("examples"), raw).examples(e, test, units);
        summary.put(name + "_dead", e.deadUnits());
      }
    }
    NeuronFiles sal = new NeuronFiles(out.resolve("saliency"), raw);
    for (int cls = 0; cls < mlp.classes(); cls++) {
      for (int i = 0; i < test.count(); i++) {
        if (test.label(i) == cls) {
          saliency(sal, mlp, test, i, cls, AmConfig.DEFAULT_SEED, k);
          break;
        }
      }
    }
    summary.put("out", out.toString());
    return summary;
  }

  /**
   * Writes {@code image_<i>_class_<c>_saliency.png} for test image {@code i} and class {@code c}
   * (logit gradient and SmoothGrad), and returns the probability the model gives {@code c}.
   */
  public static float saliency(NeuronFiles files, Mlp mlp, Dataset ds, int i, int cls, long seed,
      Kernels k) {
    float[] raw = DatasetExamples.pixels(ds, i);
    float[] g = Saliency.gradient(mlp, raw, cls, Objective.LOGIT, k);
    float[] s = Saliency.smoothGrad(mlp, raw, cls, Objective.LOGIT, Saliency.SAMPLES,
        Saliency.SIGMA, seed, k);
    float[] p = new float[1];
    new InputGradient(mlp, mlp.layers().size() - 1, new int[] {cls}, Objective.PROBABILITY)
        .compute(k, scaled(raw), p, null);
    String name = "image_" + i + "_class_" + cls + "_saliency";
    files.png(name, OverlayRenderer.figure(raw, g, s, String.format(java.util.Locale.ROOT,
        "test image %d (label %d): saliency of class %d (p = %.3f)", i, ds.label(i), cls, p[0])));
    files.npy(name + "_gradient", g);
    files.npy(name + "_smoothgrad", s);
    return p[0];
  }

  private static float[] scaled(float[] raw) {
    float[] x = new float[raw.length];
    for (int i = 0; i < raw.length; i++) {
      x[i] = raw[i] * Mlp.RESCALE;
    }
    return x;
  }

  /** {@code 0, 1, ..., n - 1}. */
  public static int[] all(int n) {
    int[] u = new int[n];
    for (int i = 0; i < n; i++) {
      u[i] = i;
    }
    return u;
  }
}
