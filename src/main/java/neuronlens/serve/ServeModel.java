package neuronlens.serve;

import java.util.ArrayList;
import java.util.List;
import neuronlens.data.ClassNames;
import neuronlens.data.Dataset;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.vis.Ablation;
import neuronlens.vis.ActivationMaximizer;
import neuronlens.vis.AmConfig;
import neuronlens.vis.AmResult;
import neuronlens.vis.Comparison;
import neuronlens.vis.DatasetExamples;
import neuronlens.vis.Gallery;
import neuronlens.vis.WeightImages;

/**
 * What the server shows, computed once at start-up and read-only afterwards (so any number of
 * request threads may share it): per layer the weight images, the activation-maximization images of
 * the {@code natural} preset and their correlation with the weights, and for hidden layers the top
 * test examples, dead units and knock-outs when a test set is given.
 *
 * @param mlp the model
 * @param kernels the kernels every computation uses
 * @param threads threads for activation maximization
 * @param source where the model came from, for the summary
 * @param test the test split, or null when none could be loaded
 * @param layers one entry per Dense layer
 * @param classes what the output classes are called
 */
public record ServeModel(
    Mlp mlp,
    Kernels kernels,
    int threads,
    String source,
    Dataset test,
    List<LayerView> layers,
    ClassNames classes) {

  /**
   * The views of one layer.
   *
   * @param weights the weight images (effective weights beyond the first layer)
   * @param am the natural preset's AM images, one row per unit
   * @param comparison weights against AM per unit
   * @param examples top test examples and dead units (hidden layers with a test set), else null
   * @param ablation each unit knocked out on the test set (hidden layers with one), else null
   */
  public record LayerView(
      WeightImages weights,
      AmResult am,
      Comparison comparison,
      DatasetExamples examples,
      Ablation ablation) {}

  /** Computes every view of {@code mlp}; {@code test} may be null (then no examples). */
  public static ServeModel build(
      Mlp mlp, Dataset test, ClassNames classes, Kernels k, int threads, String source) {
    ActivationMaximizer max = new ActivationMaximizer(mlp, k, threads);
    float[] mean = test == null ? null : DatasetExamples.mean(test);
    List<LayerView> views = new ArrayList<>();
    for (int l = 0; l < mlp.layers().size(); l++) {
      int[] units = Gallery.all(mlp.layers().get(l).units());
      WeightImages w = WeightImages.of(mlp, l, k);
      AmResult am = max.run(l, units, AmConfig.naturalPreset(), mean);
      Comparison c = Comparison.of(units, w.select(units), am.images());
      boolean hidden = l < mlp.layers().size() - 1;
      DatasetExamples e = hidden && test != null ? DatasetExamples.of(mlp, l, test, k) : null;
      Ablation a = e == null ? null : Ablation.of(mlp, l, e, test, threads);
      views.add(new LayerView(w, am, c, e, a));
    }
    return new ServeModel(mlp, k, threads, source, test, List.copyOf(views), classes);
  }

  /** Index of a layer given by Keras name ({@code dense}) or number ({@code 0}); 400 if none. */
  int layerIndex(String s) {
    for (int l = 0; l < mlp.layers().size(); l++) {
      if (mlp.layers().get(l).name().equals(s) || Integer.toString(l).equals(s)) {
        return l;
      }
    }
    throw ApiException.badRequest(
        "layer: expected 0.."
            + (mlp.layers().size() - 1)
            + " or a name dense, dense_1, ...; found "
            + Text.clip(s));
  }

  /**
   * Checks that test image {@code index} exists: 404 without a test set, 400 for an index out of
   * range.
   */
  int testIndex(long index) {
    if (test == null) {
      throw new ApiException(
          404,
          "no test set: serve found none to load (fetch it with `neuronlens data fetch`, or give"
              + " --data DIR)");
    }
    if (index < 0 || index >= test.count()) {
      throw ApiException.badRequest(
          "index: expected 0.." + (test.count() - 1) + " (test images), found " + index);
    }
    return (int) index;
  }

  /** Checks that {@code unit} exists in layer {@code l}; 400 if not. */
  int unit(int l, long unit) {
    int n = mlp.layers().get(l).units();
    if (unit < 0 || unit >= n) {
      throw ApiException.badRequest(
          "neuron: expected 0.."
              + (n - 1)
              + " for layer "
              + mlp.layers().get(l).name()
              + ", found "
              + unit);
    }
    return (int) unit;
  }
}
