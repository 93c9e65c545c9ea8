package neuronlens.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import neuronlens.data.ClassNames;
import neuronlens.data.Dataset;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.EpochStats;
import neuronlens.train.Evaluation;
import neuronlens.vis.AmConfig;
import neuronlens.vis.AmResult;
import neuronlens.vis.ColorScale;
import neuronlens.vis.Colormap;
import neuronlens.vis.Counterfactual;
import neuronlens.vis.DatasetExamples;
import neuronlens.vis.IntegratedGradients;
import neuronlens.vis.LayerAnalysis;
import neuronlens.vis.SanityCheck;

/**
 * Turns a model, its test results, its training history and the {@code vis} analyses of its layers
 * into a {@link Report}. Computes nothing expensive itself: the analyses come from {@link
 * neuronlens.vis.Gallery#analyze}, so {@code neuronlens run} computes them once for both the
 * gallery and the report.
 */
public final class ReportBuilder {
  /** Bins of each activation histogram. */
  static final int BINS = 30;

  private ReportBuilder() {}

  /**
   * The report of {@code mlp}.
   *
   * @param source where the model came from, shown as text
   * @param history training epochs; empty when unknown
   * @param layers the analyses of every layer, from {@code Gallery.analyze}
   * @param classes what the test set's classes are called
   * @param threads threads for the sanity check of the maps (the same numbers on any count)
   */
  public static Report build(
      String source,
      Mlp mlp,
      Dataset test,
      ClassNames classes,
      Evaluation eval,
      List<EpochStats> history,
      List<LayerAnalysis> layers,
      Kernels k,
      int threads) {
    if (layers.size() != mlp.layers().size()) {
      throw new IllegalArgumentException(
          "expected an analysis per layer (" + mlp.layers().size() + "), found " + layers.size());
    }
    Map<String, Picture> pictures = new TreeMap<>();
    Map<Integer, Picture> tests = new TreeMap<>();
    TestSummary summary = TestResults.of(mlp, test, eval, k, tests);
    LayerAnalysis hidden = layers.get(0);
    List<NeuronView> neurons =
        mlp.layers().size() > 1 ? neurons(hidden, test, pictures, tests) : List.of();
    LayerAnalysis last = layers.get(layers.size() - 1);
    List<OutputView> outputs = new ArrayList<>();
    AmResult am = last.am();
    for (int r = 0; r < am.rows(); r++) {
      String path = "am/" + last.layer() + "_" + am.units()[r];
      pictures.put(path, new Picture(path, am.image(r), amScale(am.config(), am.image(r))));
      outputs.add(
          new OutputView(
              am.units()[r],
              path,
              am.probability() == null ? Float.NaN : am.probability()[r],
              am.predicted()[r]));
    }
    List<AttributionView> why = attributions(mlp, test, eval, summary, pictures, tests);
    List<HiddenLayerView> deeper = new ArrayList<>();
    for (int l = 1; l < mlp.layers().size() - 1; l++) {
      deeper.add(
          new HiddenLayerView(
              layers.get(l).layer(),
              neurons(layers.get(l), test, pictures, tests),
              layers.get(l).ablation(),
              layers.get(l).curve()));
    }
    List<WalkView> walks = walks(mlp, test, eval, k, pictures, tests);
    List<Picture> all = new ArrayList<>(pictures.values());
    all.addAll(tests.values());
    double meanR = hidden.comparison() == null ? Double.NaN : hidden.comparison().mean();
    return new Report(
        "neuronlens report: " + mlp.describe(),
        source,
        summary(mlp),
        List.copyOf(history),
        summary,
        hidden.layer(),
        List.copyOf(neurons),
        List.copyOf(outputs),
        describe(hidden.am().config()),
        meanR,
        List.copyOf(all),
        classes,
        why,
        List.copyOf(deeper),
        sanity(mlp, test, eval, k, threads),
        walks,
        mlp.layers().size() > 1 ? hidden.ablation() : null,
        mlp.layers().size() > 1 ? hidden.curve() : null);
  }

  /**
   * The sanity check of the maps over the first test image of each class, for the class the model
   * chose (as the first cards of the section explain them), its random weights and SmoothGrad's
   * noise from the AM presets' seed.
   */
  private static SanityView sanity(Mlp mlp, Dataset test, Evaluation eval, Kernels k, int threads) {
    int[] first = DatasetExamples.firstOfEachClass(test, mlp.classes());
    List<float[]> images = new ArrayList<>();
    int[] chosen = new int[first.length];
    for (int j = 0; j < first.length; j++) {
      images.add(DatasetExamples.pixels(test, first[j]));
      chosen[j] = eval.predictions()[first[j]];
    }
    long seed = AmConfig.DEFAULT_SEED;
    SanityCheck[] checks = SanityCheck.of(mlp, images, chosen, seed, k, threads);
    int methods = SanityCheck.METHODS.size();
    double[] last = new double[methods];
    double[] all = new double[methods];
    for (SanityCheck s : checks) {
      for (int m = 0; m < methods; m++) {
        last[m] += s.lastLayer()[m] / checks.length;
        all[m] += s.allLayers()[m] / checks.length;
      }
    }
    return new SanityView(checks.length, seed, last, all);
  }

  /**
   * The first test image of each class walked to the model's second choice for it: what it takes,
   * in pixels, to change the model's answer.
   */
  private static List<WalkView> walks(
      Mlp mlp,
      Dataset test,
      Evaluation eval,
      Kernels k,
      Map<String, Picture> pictures,
      Map<Integer, Picture> tests) {
    List<WalkView> out = new ArrayList<>();
    for (int i : DatasetExamples.firstOfEachClass(test, mlp.classes())) {
      float[] raw = DatasetExamples.pixels(test, i);
      int predicted = eval.predictions()[i];
      int second = Counterfactual.way(mlp, raw, predicted, k).against();
      Counterfactual w = Counterfactual.walk(mlp, raw, second, k);
      testImage(test, i, tests);
      String walked = "walked/" + i;
      pictures.put(walked, new Picture(walked, w.image(), new ColorScale(Colormap.GRAY, 0, 255)));
      float[] diff = new float[raw.length];
      for (int q = 0; q < diff.length; q++) {
        diff[q] = w.image()[q] - raw[q];
      }
      String difference = "walked/" + i + "_difference";
      pictures.put(
          difference, new Picture(difference, diff, new ColorScale(Colormap.DIVERGING, -255, 255)));
      out.add(
          new WalkView(
              i,
              predicted,
              second,
              w.reached(),
              w.steps(),
              w.changed(),
              testImagePath(i),
              walked,
              difference));
    }
    return out;
  }

  /** Mistakes explained beside the first test image of each class. */
  static final int EXPLAINED_MISTAKES = 4;

  /**
   * The first test image of each class, explained for the class the model chose, then the {@link
   * #EXPLAINED_MISTAKES} most confident mistakes, explained for the class chosen, for the true one,
   * and for the difference of their logits (the first less the second: by linearity of the path
   * integral, the difference of their attributions).
   */
  private static List<AttributionView> attributions(
      Mlp mlp,
      Dataset test,
      Evaluation eval,
      TestSummary summary,
      Map<String, Picture> pictures,
      Map<Integer, Picture> tests) {
    List<AttributionView> out = new ArrayList<>();
    for (int i : DatasetExamples.firstOfEachClass(test, mlp.classes())) {
      out.add(explain(mlp, test, eval, i, eval.predictions()[i], pictures, tests));
    }
    List<Mistake> mistakes = summary.mistakes();
    for (int m = 0; m < Math.min(EXPLAINED_MISTAKES, mistakes.size()); m++) {
      Mistake x = mistakes.get(m);
      float[] pixels = DatasetExamples.pixels(test, x.index());
      IntegratedGradients.Result chosen = IntegratedGradients.of(mlp, pixels, x.predicted());
      IntegratedGradients.Result truth = IntegratedGradients.of(mlp, pixels, x.actual());
      out.add(view(test, eval, x.index(), x.predicted(), -1, chosen, null, pictures, tests));
      out.add(view(test, eval, x.index(), x.actual(), -1, truth, null, pictures, tests));
      out.add(
          view(test, eval, x.index(), x.predicted(), x.actual(), chosen, truth, pictures, tests));
    }
    return List.copyOf(out);
  }

  private static AttributionView explain(
      Mlp mlp,
      Dataset test,
      Evaluation eval,
      int i,
      int cls,
      Map<String, Picture> pictures,
      Map<Integer, Picture> tests) {
    IntegratedGradients.Result r =
        IntegratedGradients.of(mlp, DatasetExamples.pixels(test, i), cls);
    return view(test, eval, i, cls, -1, r, null, pictures, tests);
  }

  /**
   * The card of {@code r}, the attributions of class {@code cls} on test image {@code i}, less
   * {@code minus}'s (those of class {@code against}) when that is not null.
   */
  private static AttributionView view(
      Dataset test,
      Evaluation eval,
      int i,
      int cls,
      int against,
      IntegratedGradients.Result r,
      IntegratedGradients.Result minus,
      Map<String, Picture> pictures,
      Map<Integer, Picture> tests) {
    testImage(test, i, tests);
    float[] a = r.attributions().clone();
    double sum = r.sum();
    double logit = r.logit();
    double baseline = r.baselineLogit();
    String path = "why/" + i + "_" + cls;
    if (minus != null) {
      float[] b = minus.attributions();
      for (int p = 0; p < a.length; p++) {
        a[p] -= b[p];
      }
      sum -= minus.sum();
      logit -= minus.logit();
      baseline -= minus.baselineLogit();
      path += "_over_" + against;
    }
    pictures.put(path, new Picture(path, a, ColorScale.symmetric(Colormap.DIVERGING, a)));
    return new AttributionView(
        i,
        test.label(i),
        eval.predictions()[i],
        cls,
        against,
        testImagePath(i),
        path,
        sum,
        logit,
        baseline);
  }

  private static List<NeuronView> neurons(
      LayerAnalysis a, Dataset test, Map<String, Picture> pictures, Map<Integer, Picture> tests) {
    List<NeuronView> out = new ArrayList<>();
    DatasetExamples e = a.examples();
    for (int j = 0; j < a.units(); j++) {
      String stem = a.layer() + "_" + j;
      float[] w = a.weights().image(j);
      String wPath = "weights/" + stem;
      pictures.put(wPath, new Picture(wPath, w, ColorScale.symmetric(Colormap.DIVERGING, w)));
      int row = a.am().rowOf(j);
      String amPath = "am/" + stem;
      float[] x = a.am().image(row);
      pictures.put(amPath, new Picture(amPath, x, amScale(a.am().config(), x)));
      String agreePath = null;
      double r = Double.NaN;
      if (a.comparison() != null) {
        float[] agree = new float[Mlp.INPUTS];
        System.arraycopy(a.comparison().agreement(), row * Mlp.INPUTS, agree, 0, Mlp.INPUTS);
        agreePath = "agreement/" + stem;
        pictures.put(
            agreePath,
            new Picture(agreePath, agree, ColorScale.symmetric(Colormap.DIVERGING, agree)));
        r = a.comparison().correlation()[row];
      }
      List<TopExample> top = new ArrayList<>();
      float[] column = e.column(j);
      // its positive activations, counted by the histogram of them (a loop over the 10,000
      // values here made the compiler compile this whole loop over the units from it, 0.3 s of a
      // core)
      Histogram activations = Histogram.ofPositive(column, BINS);
      for (int i : e.top()[j]) {
        testImage(test, i, tests);
        top.add(new TopExample(i, test.label(i), column[i], testImagePath(i)));
      }
      out.add(
          new NeuronView(
              j,
              wPath,
              amPath,
              agreePath,
              r,
              e.dead()[j],
              activations.total(),
              List.copyOf(top),
              activations,
              e.meanByClass(test, j, Dataset.CLASSES),
              KnockOut.of(a.ablation(), j)));
    }
    return out;
  }

  /** The Keras-style summary: rescaling, flatten, then each Dense layer. */
  static List<LayerRow> summary(Mlp mlp) {
    List<LayerRow> rows = new ArrayList<>();
    rows.add(new LayerRow("rescaling", "Rescaling", "(None, 28, 28, 1)", 0, "× 1/255"));
    rows.add(new LayerRow("flatten", "Flatten", "(None, 784)", 0, "28×28 → 784"));
    for (Dense d : mlp.layers()) {
      rows.add(
          new LayerRow(
              d.name(),
              "Dense",
              "(None, " + d.units() + ")",
              d.parameterCount(),
              d.activation().kerasName()));
    }
    return rows;
  }

  /** The AM settings in words. */
  static String describe(AmConfig c) {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%d steps of %s (learning rate %s) from a %s start",
                c.steps(),
                c.optimizer().id(),
                trim(c.learningRate()),
                c.start().id()));
    if (c.clip()) {
      sb.append(", clipped to the valid pixel range every step");
    }
    if (c.l2() > 0 || c.tv() > 0) {
      sb.append(", L2 ").append(trim(c.l2())).append(", total variation ").append(trim(c.tv()));
    }
    if (c.blurEvery() > 0) {
      sb.append(", blur σ ")
          .append(trim(c.blurSigma()))
          .append(" every ")
          .append(c.blurEvery())
          .append(" steps");
    }
    if (c.jitter() > 0) {
      sb.append(", jitter ").append(c.jitter()).append(" px");
    }
    return sb.append(", seed ").append(c.seed()).toString();
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * Clipped AM images are valid pixels, drawn black at 0 and white at their brightest pixel (the
   * regularized images rarely reach 255 and would look black on MNIST's scale); unclipped ones span
   * their own range.
   */
  private static ColorScale amScale(AmConfig c, float[] x) {
    if (!c.clip()) {
      return ColorScale.range(Colormap.GRAY, x);
    }
    float max = 0;
    for (float v : x) {
      max = Math.max(max, v);
    }
    return new ColorScale(Colormap.GRAY, 0, max > 0 ? max : 255);
  }

  /** The picture name of test image {@code i}. */
  static String testImagePath(int i) {
    return "test/" + i;
  }

  /** Adds test image {@code i}'s picture once. */
  static void testImage(Dataset test, int i, Map<Integer, Picture> tests) {
    tests.computeIfAbsent(
        i,
        x ->
            new Picture(
                testImagePath(x),
                DatasetExamples.pixels(test, x),
                new ColorScale(Colormap.GRAY, 0, 255)));
  }
}
