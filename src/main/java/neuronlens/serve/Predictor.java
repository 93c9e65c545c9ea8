package neuronlens.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import neuronlens.nn.Dense;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import neuronlens.nn.Softmax;
import neuronlens.tensor.Kernels;
import neuronlens.vis.Counterfactual;
import neuronlens.vis.IntegratedGradients;

/**
 * {@code POST /api/predict}: one drawn image through the model. Answers the predicted class, the
 * ten probabilities, the first hidden layer's activations and, for the last hidden layer, each
 * unit's contribution to the winning class's logit (activation × outgoing weight); on request, the
 * integrated gradients of the winning class's logit ({@link IntegratedGradients}, exact). Units of
 * the first hidden layer may be knocked out ({@code "knock_out": [units]}): everything is then
 * answered for the model without them ({@link Mlp#withoutUnits}), and {@code intact} holds the
 * whole model's prediction and probabilities beside it. Thread-safe: each call has its own small
 * {@link Forward} (and its own copy of a model with knock-outs).
 */
final class Predictor {
  private final Mlp mlp;
  private final Kernels kernels;

  Predictor(Mlp mlp, Kernels kernels) {
    this.mlp = mlp;
    this.kernels = kernels;
  }

  /** Validates {@code {"pixels": [784 values in 0..255]}}; 400 with what is wrong otherwise. */
  static float[] pixels(JsonNode body) {
    JsonNode p = body.get("pixels");
    if (p == null || !p.isArray()) {
      throw ApiException.badRequest(
          "pixels: expected an array of " + Mlp.INPUTS + " numbers 0..255 (28x28, row-major)");
    }
    if (p.size() != Mlp.INPUTS) {
      throw ApiException.badRequest(
          "pixels: expected " + Mlp.INPUTS + " values, found " + p.size());
    }
    float[] out = new float[Mlp.INPUTS];
    for (int i = 0; i < Mlp.INPUTS; i++) {
      JsonNode v = p.get(i);
      double d = v.isNumber() ? v.doubleValue() : Double.NaN;
      if (!(d >= 0 && d <= 255)) {
        throw ApiException.badRequest(
            "pixels[" + i + "]: expected a finite number 0..255, found " + Text.clip(v.toString()));
      }
      out[i] = (float) d;
    }
    return out;
  }

  /**
   * The class whose integrated gradients {@code body} asks for: none (-1) unless {@code
   * "attribution": true}; then {@code "class"} if given, else the predicted class ({@link
   * #PREDICTED}). 400 for an attribution that is not a boolean, a class out of range, or a class
   * without the attribution.
   */
  int attribution(JsonNode body) {
    JsonNode a = body.get("attribution");
    JsonNode c = body.get("class");
    if (a != null && !a.isBoolean()) {
      throw ApiException.badRequest(
          "attribution: expected true or false, found " + Text.clip(a.toString()));
    }
    boolean wanted = a != null && a.booleanValue();
    if (c == null) {
      return wanted ? PREDICTED : -1;
    }
    if (!wanted) {
      throw ApiException.badRequest("class: expected only with \"attribution\": true");
    }
    if (!c.isIntegralNumber() || c.asLong() < 0 || c.asLong() >= mlp.classes()) {
      throw ApiException.badRequest(
          "class: expected 0.." + (mlp.classes() - 1) + ", found " + Text.clip(c.toString()));
    }
    return c.asInt();
  }

  /**
   * The units of the first hidden layer that {@code body} knocks out ({@code "knock_out"}: an array
   * of distinct unit numbers), ascending; none when absent. 400 for anything else.
   */
  int[] knockOut(JsonNode body) {
    JsonNode k = body.get("knock_out");
    if (k == null || k.isNull()) {
      return new int[0];
    }
    if (mlp.layers().size() < 2) {
      throw ApiException.badRequest("knock_out: this model has no hidden layer");
    }
    int units = mlp.layers().get(0).units();
    if (!k.isArray() || k.size() > units) {
      throw ApiException.badRequest(
          "knock_out: expected an array of at most "
              + units
              + " unit numbers 0.."
              + (units - 1)
              + ", found "
              + Text.clip(k.toString()));
    }
    int[] out = new int[k.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = k.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw ApiException.badRequest(
            "knock_out[" + i + "]: expected a unit number, found " + Text.clip(v.toString()));
      }
      out[i] = v.asInt();
    }
    try {
      mlp.checkUnits(0, out);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("knock_out: " + e.getMessage());
    }
    java.util.Arrays.sort(out);
    return out;
  }

  /**
   * The class {@code body} asks the way to ({@code "towards": k}), or -1 for none; 400 for a class
   * out of range.
   */
  int towards(JsonNode body) {
    JsonNode t = body.get("towards");
    if (t == null || t.isNull()) {
      return -1;
    }
    if (!t.isIntegralNumber() || t.asLong() < 0 || t.asLong() >= mlp.classes()) {
      throw ApiException.badRequest(
          "towards: expected a class 0.."
              + (mlp.classes() - 1)
              + ", found "
              + Text.clip(t.toString()));
    }
    return t.asInt();
  }

  /** {@link #attribution}'s answer for "the class the model predicts". */
  static final int PREDICTED = Integer.MAX_VALUE;

  /** Runs the model on 784 raw pixels (0..255). */
  Map<String, Object> predict(float[] raw) {
    return predict(raw, -1, new int[0], -1);
  }

  /** {@link #predict(float[], int, int[], int)} without a class to go towards. */
  Map<String, Object> predict(float[] raw, int explain, int[] knockOut) {
    return predict(raw, explain, knockOut, -1);
  }

  /**
   * Runs the model without the first hidden layer's units {@code knockOut} on 784 raw pixels
   * (0..255), with the integrated gradients of class {@code explain}'s logit ({@link #PREDICTED}:
   * the predicted class; negative: none) and, for a class {@code towards} (negative: none), the way
   * to it: the gradient, with respect to the pixels, of its logit less the logit of the strongest
   * other class ({@code towards}: {@code class}, {@code against}, {@code margin}, {@code
   * gradient}).
   */
  Map<String, Object> predict(float[] raw, int explain, int[] knockOut, int towards) {
    Mlp mlp = knockOut.length == 0 ? this.mlp : this.mlp.withoutUnits(0, knockOut);
    Forward f = forward(mlp, raw);
    int last = mlp.layers().size() - 1;
    int classes = mlp.classes();
    float[] p = f.probabilities();
    int k = Softmax.argmax(p, 0, classes);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("prediction", k);
    m.put("probabilities", copy(p, classes));
    if (last > 0) {
      m.put("hidden", copy(f.a(0), mlp.layers().get(0).units()));
      Dense out = mlp.layers().get(last);
      float[] a = f.a(last - 1);
      float[] contrib = new float[out.inputs()];
      for (int j = 0; j < contrib.length; j++) {
        contrib[j] = a[j] * out.kernel()[j * classes + k]; // kernel (units_in, classes)
      }
      m.put("contributions", contrib);
      m.put("contributions_layer", mlp.layers().get(last - 1).name());
    }
    m.put("logits", copy(f.z(last), classes));
    if (explain >= 0) {
      int c = explain == PREDICTED ? k : explain;
      IntegratedGradients.Result ig = IntegratedGradients.of(mlp, raw, c);
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("class", c);
      a.put("values", ig.attributions());
      a.putAll(ig.summary());
      m.put("attribution", a);
    }
    if (towards >= 0) {
      m.put("towards", towards(mlp, raw, towards));
    }
    if (knockOut.length > 0) {
      m.put("knocked_out", knockOut);
      Forward whole = forward(this.mlp, raw);
      Map<String, Object> intact = new LinkedHashMap<>();
      intact.put("prediction", Softmax.argmax(whole.probabilities(), 0, classes));
      intact.put("probabilities", copy(whole.probabilities(), classes));
      m.put("intact", intact);
    }
    return m;
  }

  /** The way from {@code raw} to class {@code c}: {@link Counterfactual#way}. */
  private Map<String, Object> towards(Mlp mlp, float[] raw, int c) {
    Counterfactual.Way w = Counterfactual.way(mlp, raw, c, kernels);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("class", c);
    t.put("against", w.against());
    t.put("margin", w.margin());
    t.put("gradient", w.gradient());
    return t;
  }

  private Forward forward(Mlp mlp, float[] raw) {
    Forward f = new Forward(mlp, 1);
    float[] in = f.input();
    for (int i = 0; i < Mlp.INPUTS; i++) {
      in[i] = raw[i] * Mlp.RESCALE;
    }
    f.setRows(1);
    f.run(kernels);
    return f;
  }

  private static float[] copy(float[] v, int n) {
    float[] c = new float[n];
    System.arraycopy(v, 0, c, 0, n);
    return c;
  }
}
