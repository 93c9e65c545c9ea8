package neuronlens.vis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import neuronlens.data.ClassNames;
import neuronlens.data.Dataset;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;

/**
 * Every visualization for every unit, in one call (what {@code neuronlens run} writes): {@code
 * weights/}, {@code maximize/} (the natural preset), {@code compare/} (first layer), {@code
 * examples/} and {@code ablation/} (hidden layers) and {@code saliency/} (the first test image of
 * each class) under {@code out}. Returns a small summary for JSON. {@link #analyze} computes the
 * numbers and {@link #write} draws them, so a caller that needs the numbers too (the report)
 * computes them once.
 */
public final class Gallery {
  private Gallery() {}

  /**
   * The numbers of every layer: weight images, AM of every unit with {@code am}, the first layer's
   * comparison and the hidden layers' dataset examples and knock-outs.
   */
  public static List<LayerAnalysis> analyze(
      Mlp mlp, Dataset test, Kernels k, int threads, AmConfig am) {
    ActivationMaximizer maximizer = new ActivationMaximizer(mlp, k, threads);
    float[] mean = am.start() == StartImage.MEAN ? DatasetExamples.mean(test) : null;
    List<LayerAnalysis> layers = new ArrayList<>();
    for (int l = 0; l < mlp.layers().size(); l++) {
      int[] units = all(mlp.layers().get(l).units());
      WeightImages w = WeightImages.of(mlp, l, k);
      AmResult r = maximizer.run(l, units, am, mean);
      Comparison c = l == 0 ? Comparison.of(units, w.select(units), r.images()) : null;
      DatasetExamples e = l < mlp.layers().size() - 1 ? DatasetExamples.of(mlp, l, test, k) : null;
      Ablation knockOuts = e == null ? null : Ablation.of(mlp, l, e, test, threads);
      KnockOutCurve curve =
          e == null
              ? null
              : KnockOutCurve.of(mlp, l, e, test, knockOuts, AmConfig.DEFAULT_SEED, threads);
      layers.add(new LayerAnalysis(w, r, c, e, knockOuts, curve));
    }
    return layers;
  }

  /**
   * Writes the pictures of {@code layers} (from {@link #analyze}) and the saliency maps. The
   * folders are written at the same time (each on up to two threads of its own): a folder's last
   * figures, its grid and its plots, are single tasks, and a core that would wait for them draws
   * another folder's figures meanwhile, or encodes while the other waits for the disk.
   */
  public static Map<String, Object> write(
      Path out,
      Mlp mlp,
      Dataset test,
      ClassNames classes,
      Kernels k,
      boolean raw,
      List<LayerAnalysis> layers) {
    Map<String, Object> summary = new LinkedHashMap<>();
    List<Runnable> folders = new ArrayList<>();
    for (LayerAnalysis a : layers) {
      int[] units = all(a.units());
      folders.add(
          () ->
              new NeuronFiles(out.resolve("weights"), raw)
                  .weights(a.weights(), units, Colormap.DIVERGING));
      folders.add(() -> new NeuronFiles(out.resolve("maximize"), raw).maximize(a.am(), false));
      if (a.comparison() != null) {
        folders.add(
            () ->
                new NeuronFiles(out.resolve("compare"), raw)
                    .compare(a.weights(), a.am(), a.comparison()));
        summary.put("mean_correlation", a.comparison().mean());
      }
      if (a.examples() != null) {
        folders.add(
            () ->
                new NeuronFiles(out.resolve("examples"), raw).examples(a.examples(), test, units));
        summary.put(a.layer() + "_dead", a.examples().deadUnits());
      }
      if (a.ablation() != null) {
        summary.put(a.layer() + "_knock_outs", knockOuts(a.ablation(), a.curve()));
        folders.add(
            () -> new NeuronFiles(out.resolve("ablation"), raw).ablation(a.ablation(), a.curve()));
      }
    }
    NeuronFiles sal = new NeuronFiles(out.resolve("saliency"), raw);
    for (int image : DatasetExamples.firstOfEachClass(test, mlp.classes())) {
      int c = test.label(image);
      folders.add(() -> saliency(sal, mlp, test, classes, image, c, AmConfig.DEFAULT_SEED, k));
    }
    Parallel.run(folders, Math.min(2, Runtime.getRuntime().availableProcessors()));
    summary.put("out", out.toString());
    return summary;
  }

  /**
   * Writes {@code image_<i>_class_<c>_saliency.png} for test image {@code i} and class {@code c}
   * (logit gradient, SmoothGrad and integrated gradients; their arrays with {@code --raw}), and
   * returns the numbers behind it: the probability the model gives {@code c} and the integrated
   * gradients' logits and sum.
   */
  public static SaliencySummary saliency(
      NeuronFiles files,
      Mlp mlp,
      Dataset ds,
      ClassNames classes,
      int i,
      int cls,
      long seed,
      Kernels k) {
    float[] raw = DatasetExamples.pixels(ds, i);
    float[] g = Saliency.gradient(mlp, raw, cls, Objective.LOGIT, k);
    float[] s =
        Saliency.smoothGrad(
            mlp, raw, cls, Objective.LOGIT, Saliency.SAMPLES, Saliency.SIGMA, seed, k);
    IntegratedGradients.Result ig = IntegratedGradients.of(mlp, raw, cls);
    float[] p = new float[1];
    new InputGradient(mlp, mlp.layers().size() - 1, new int[] {cls}, Objective.PROBABILITY)
        .compute(k, scaled(raw), p, null);
    String name = "image_" + i + "_class_" + cls + "_saliency";
    files.png(
        name,
        OverlayRenderer.figure(
            raw,
            g,
            s,
            ig.attributions(),
            String.format(
                java.util.Locale.ROOT,
                "test image %d (label %s): saliency of %s (p = %.3f); integrated gradients"
                    + " add up to %.2f = logit %.2f − logit of black %.2f",
                i,
                classes.name(ds.label(i)),
                classes.numeric() ? "class " + cls : classes.name(cls),
                p[0],
                ig.sum(),
                ig.logit(),
                ig.baselineLogit())));
    files.npy(name + "_gradient", g);
    files.npy(name + "_smoothgrad", s);
    files.npy(name + "_integrated", ig.attributions());
    return new SaliencySummary(p[0], ig);
  }

  /** The numbers behind a saliency figure. */
  public record SaliencySummary(float probability, IntegratedGradients.Result integrated) {}

  private static float[] scaled(float[] raw) {
    float[] x = new float[raw.length];
    for (int i = 0; i < raw.length; i++) {
      x[i] = raw[i] * Mlp.RESCALE;
    }
    return x;
  }

  /**
   * The knock-outs in brief: the unit that costs most alone and its accuracy change, and how many
   * live units can go together (the cheapest first) for at most one point.
   */
  private static Map<String, Object> knockOuts(Ablation a, KnockOutCurve curve) {
    Map<String, Object> m = new LinkedHashMap<>();
    int top = a.byLossChange()[0];
    m.put("costliest_unit", top);
    m.put("costliest_accuracy_change", a.accuracyChange(top));
    m.put("live", a.live());
    m.put("spare_1pp", curve.spare(1, 0.01));
    return m;
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
