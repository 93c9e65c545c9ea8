package neuronlens.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import neuronlens.data.Dataset;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.vis.Ablation;
import neuronlens.vis.DatasetExamples;

/**
 * The read-only answers: {@code GET /api/model}, {@code GET /api/layers/{layer}} (the gallery of
 * one layer) and {@code GET /api/neurons/{layer}/{unit}} (one neuron's page). Images are 784
 * numbers, row-major: weights as they are, AM images and examples as raw 0..255 pixels.
 */
final class NeuronViews {
  private final ServeModel model;

  NeuronViews(ServeModel model) {
    this.model = model;
  }

  Map<String, Object> summary() {
    Mlp mlp = model.mlp();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", mlp.describe());
    m.put("source", model.source());
    m.put("sizes", mlp.sizes());
    m.put("parameters", mlp.parameterCount());
    m.put("classes", mlp.classes());
    List<String> names = new ArrayList<>();
    for (int c = 0; c < mlp.classes(); c++) {
      names.add(model.classes().name(c));
    }
    m.put("class_names", names);
    m.put("class_noun", model.classes().noun());
    m.put("examples", model.test() != null);
    List<Map<String, Object>> layers = new ArrayList<>();
    for (int l = 0; l < mlp.layers().size(); l++) {
      Dense d = mlp.layers().get(l);
      ServeModel.LayerView v = model.layers().get(l);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("index", l);
      e.put("name", d.name());
      e.put("inputs", d.inputs());
      e.put("units", d.units());
      e.put("activation", d.activation().kerasName());
      e.put("weights", v.weights().kind());
      e.put("dead", v.examples() == null ? null : v.examples().deadUnits());
      e.put("mean_correlation", v.comparison().mean());
      layers.add(e);
    }
    m.put("layers", layers);
    return m;
  }

  /** Every unit's weight and AM image of layer {@code l}, with correlations and dead flags. */
  Map<String, Object> layer(int l) {
    ServeModel.LayerView v = model.layers().get(l);
    int units = v.weights().units();
    List<float[]> weights = new ArrayList<>();
    List<float[]> am = new ArrayList<>();
    for (int j = 0; j < units; j++) {
      weights.add(rounded(v.weights().image(j), 1e4f)); // ~3 significant digits: for display
      am.add(rounded(v.am().image(j), 10f));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layer", v.weights().layer());
    m.put("index", l);
    m.put("units", units);
    m.put("weights_kind", v.weights().kind());
    m.put("weight_scale", maxAbs(v.weights().images()));
    m.put("weights", weights);
    m.put("am", am);
    m.put("correlation", v.comparison().correlation());
    m.put("dead", v.examples() == null ? null : v.examples().dead());
    m.put("top_class", v.examples() == null ? null : topClasses(v.examples()));
    m.put("knock_out_loss", v.ablation() == null ? null : lossChanges(v.ablation()));
    m.put("knock_out_accuracy", v.ablation() == null ? null : accuracyChanges(v.ablation()));
    return m;
  }

  /** Per unit, the test loss it adds when knocked out. */
  private static double[] lossChanges(Ablation a) {
    double[] d = new double[a.units()];
    for (int j = 0; j < d.length; j++) {
      d[j] = a.lossChange(j);
    }
    return d;
  }

  /** Per unit, the test accuracy change when it is knocked out (a fraction). */
  private static double[] accuracyChanges(Ablation a) {
    double[] d = new double[a.units()];
    for (int j = 0; j < d.length; j++) {
      d[j] = a.accuracyChange(j);
    }
    return d;
  }

  /**
   * Per unit, the class on whose test images its mean activation is highest (-1 for a dead unit):
   * what the gallery groups the units by.
   */
  private int[] topClasses(DatasetExamples e) {
    int[] top = new int[e.units()];
    for (int j = 0; j < top.length; j++) {
      top[j] =
          e.dead()[j]
              ? -1
              : DatasetExamples.topClass(e.meanByClass(model.test(), j, model.mlp().classes()));
    }
    return top;
  }

  /** One unit: images, correlation, bias, outgoing weights, top test examples, dead flag. */
  Map<String, Object> neuron(int l, int j) {
    ServeModel.LayerView v = model.layers().get(l);
    Dense d = model.mlp().layers().get(l);
    float[] w = v.weights().image(j);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layer", d.name());
    m.put("index", l);
    m.put("unit", j);
    m.put("units", d.units());
    m.put("weights_kind", v.weights().kind());
    m.put("weights", w);
    m.put("weight_scale", maxAbs(w));
    m.put("bias", d.bias()[j]);
    m.put("am", v.am().image(j));
    m.put("am_objective", v.am().objectiveAt(v.am().config().steps(), j));
    m.put("am_predicted", v.am().predicted()[j]);
    m.put("correlation", v.comparison().correlation()[j]);
    if (l + 1 < model.mlp().layers().size()) {
      Dense next = model.mlp().layers().get(l + 1);
      float[] out = new float[next.units()];
      System.arraycopy(next.kernel(), j * next.units(), out, 0, next.units());
      m.put("outgoing", out);
    }
    DatasetExamples e = v.examples();
    m.put("dead", e == null ? null : e.dead()[j]);
    m.put("top", e == null ? List.of() : top(e, j, model.test()));
    m.put("class_means", e == null ? null : e.meanByClass(model.test(), j, model.mlp().classes()));
    m.put("knock_out", v.ablation() == null ? null : knockOut(v.ablation(), j));
    return m;
  }

  /**
   * What knocking unit {@code j} out does on the test set: {@code images}, {@code accuracy_change},
   * {@code loss_change}, {@code changed} (predictions), {@code most_hurt_class} (null when no class
   * loses an image), {@code most_hurt_change} and {@code selectivity} (null for a dead unit).
   */
  private static Map<String, Object> knockOut(Ablation a, int j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("images", a.count());
    m.put("accuracy_change", a.accuracyChange(j));
    m.put("loss_change", a.lossChange(j));
    m.put("changed", a.unitChanged()[j]);
    int worst = a.mostHurtClass(j);
    m.put("most_hurt_class", worst < 0 ? null : worst);
    m.put("most_hurt_change", worst < 0 ? 0.0 : a.classAccuracyChange(j, worst));
    m.put("selectivity", a.dead(j) ? null : a.selectivity()[j]);
    return m;
  }

  /** Test image {@code i} (an index {@link ServeModel#testIndex} checked): its label and pixels. */
  Map<String, Object> testImage(int i) {
    Dataset test = model.test();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", i);
    m.put("count", test.count());
    m.put("label", test.label(i));
    m.put("pixels", pixels(test, i));
    return m;
  }

  private static int[] pixels(Dataset test, int i) {
    int[] px = new int[Mlp.INPUTS];
    for (int q = 0; q < Mlp.INPUTS; q++) {
      px[q] = test.pixel(i, q);
    }
    return px;
  }

  private static List<Map<String, Object>> top(DatasetExamples e, int j, Dataset test) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i : e.top()[j]) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("index", i);
      x.put("label", test.label(i));
      x.put("activation", e.activations()[i * e.units() + j]);
      x.put("pixels", pixels(test, i));
      out.add(x);
    }
    return out;
  }

  /** {@code v} rounded to multiples of 1 / {@code per}, so the gallery's JSON stays small. */
  private static float[] rounded(float[] v, float per) {
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.round(v[i] * per) / per;
    }
    return v;
  }

  private static float maxAbs(float[] v) {
    float m = 0;
    for (float f : v) {
      m = Math.max(m, Math.abs(f));
    }
    return m;
  }
}
