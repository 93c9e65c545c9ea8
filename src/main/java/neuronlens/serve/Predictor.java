package neuronlens.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import neuronlens.nn.Dense;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import neuronlens.nn.Softmax;
import neuronlens.tensor.Kernels;
import neuronlens.vis.IntegratedGradients;

/**
 * {@code POST /api/predict}: one drawn image through the model. Answers the predicted class, the
 * ten probabilities, the first hidden layer's activations and, for the last hidden layer, each
 * unit's contribution to the winning class's logit (activation × outgoing weight); on request, the
 * integrated gradients of the winning class's logit ({@link IntegratedGradients}, exact).
 * Thread-safe: each call has its own small {@link Forward}.
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

  /** {@link #attribution}'s answer for "the class the model predicts". */
  static final int PREDICTED = Integer.MAX_VALUE;

  /** Runs the model on 784 raw pixels (0..255). */
  Map<String, Object> predict(float[] raw) {
    return predict(raw, -1);
  }

  /**
   * Runs the model on 784 raw pixels (0..255), with the integrated gradients of class {@code
   * explain}'s logit ({@link #PREDICTED}: the predicted class; negative: none).
   */
  Map<String, Object> predict(float[] raw, int explain) {
    Forward f = new Forward(mlp, 1);
    float[] in = f.input();
    for (int i = 0; i < Mlp.INPUTS; i++) {
      in[i] = raw[i] * Mlp.RESCALE;
    }
    f.setRows(1);
    f.run(kernels);
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
    return m;
  }

  private static float[] copy(float[] v, int n) {
    float[] c = new float[n];
    System.arraycopy(v, 0, c, 0, n);
    return c;
  }
}
