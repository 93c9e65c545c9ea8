package neuronlens.vis;

import java.util.Arrays;
import java.util.Comparator;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import neuronlens.nn.Softmax;
import neuronlens.tensor.Kernels;

/**
 * How little it takes to make the model read an image as another class: a walk that, step by step,
 * raises the {@link #PIXELS} pixels where the gradient of the class's logit less the strongest
 * other class's logit is most positive (by {@link #BY}, up to 255) and lowers those where it is
 * most negative, until the model reads the class or {@link #STEPS} steps have passed — a targeted
 * adversarial walk in the spirit of the fast gradient sign method (Goodfellow et al., 2015), kept
 * sparse so that one sees which pixels it takes. The viewer's "Turn it into" takes the same steps
 * through the API.
 *
 * @param target the class walked to
 * @param reached whether the model reads the final image as {@code target}
 * @param steps steps taken
 * @param changed pixels that differ from the start
 * @param image the final image (784 raw pixels, 0–255)
 */
public record Counterfactual(int target, boolean reached, int steps, int changed, float[] image) {
  /** Pixels changed a step. */
  public static final int PIXELS = 8;

  /** How much each changes a step (raw pixel units). */
  public static final float BY = 64;

  /** Most steps a walk takes. */
  public static final int STEPS = 100;

  /**
   * The way from {@code raw} towards class {@code c}: the strongest other class (by logit), the
   * difference of the two logits and its gradient per raw pixel value.
   *
   * @param against the class with the largest logit other than {@code c}
   * @param margin {@code c}'s logit less {@code against}'s
   * @param gradient (784) the margin's gradient with respect to the raw pixels
   * @param predicted the class the model reads {@code raw} as
   */
  public record Way(int against, float margin, float[] gradient, int predicted) {}

  /** The way from {@code raw} (784, 0–255) towards class {@code c} in {@code mlp}. */
  public static Way way(Mlp mlp, float[] raw, int c, Kernels k) {
    Forward f = new Forward(mlp, 1);
    for (int i = 0; i < Mlp.INPUTS; i++) {
      f.input()[i] = raw[i] * Mlp.RESCALE;
    }
    f.setRows(1);
    f.run(k);
    float[] logits = f.z(mlp.layers().size() - 1);
    int against = -1;
    for (int j = 0; j < mlp.classes(); j++) {
      if (j != c && (against < 0 || logits[j] > logits[against])) {
        against = j;
      }
    }
    float[] g = Saliency.gradient(mlp, raw, c, Objective.LOGIT, k);
    float[] h = Saliency.gradient(mlp, raw, against, Objective.LOGIT, k);
    for (int i = 0; i < g.length; i++) {
      g[i] = (g[i] - h[i]) * Mlp.RESCALE;
    }
    int predicted = Softmax.argmax(f.probabilities(), 0, mlp.classes());
    return new Way(against, logits[c] - logits[against], g, predicted);
  }

  /** Walks {@code raw} (784, 0–255) towards class {@code target} of {@code mlp}. */
  public static Counterfactual walk(Mlp mlp, float[] raw, int target, Kernels k) {
    float[] x = raw.clone();
    int steps = 0;
    boolean reached = false;
    for (; steps <= STEPS; steps++) {
      Way w = way(mlp, x, target, k);
      reached = w.predicted() == target;
      if (reached || steps == STEPS) {
        break;
      }
      float[] g = w.gradient();
      Integer[] useful =
          java.util.stream.IntStream.range(0, x.length)
              .filter(i -> (g[i] > 0 && x[i] < 255) || (g[i] < 0 && x[i] > 0))
              .boxed()
              .toArray(Integer[]::new);
      // the largest |gradient| first, ties in pixel order (as the viewer's stable sort)
      Arrays.sort(useful, Comparator.comparingDouble(i -> -Math.abs(g[i])));
      if (useful.length == 0) {
        break;
      }
      for (int n = 0; n < Math.min(PIXELS, useful.length); n++) {
        int i = useful[n];
        x[i] = Math.min(255, Math.max(0, x[i] + (g[i] > 0 ? BY : -BY)));
      }
    }
    int changed = 0;
    for (int i = 0; i < x.length; i++) {
      changed += x[i] != raw[i] ? 1 : 0;
    }
    return new Counterfactual(target, reached, steps, changed, x);
  }
}
