package neuronlens.nn;

import neuronlens.tensor.ScalarKernels;

/** Numerically stable softmax and the sparse categorical cross-entropy that goes with it. */
public final class Softmax {
  /** Keras' backend epsilon: probabilities are clipped to [ε, 1 - ε] before the log. */
  public static final float EPSILON = 1e-7f;

  private Softmax() {}

  /**
   * {@code out[o + i] = exp(z[zo + i] - max) / sum}, for {@code i < n}: {@link
   * ScalarKernels#softmaxRow}, whose exponential gives what {@code (float) Math.exp} gives.
   */
  public static void apply(float[] z, int zo, float[] out, int o, int n) {
    ScalarKernels.softmaxRow(z, zo, out, o, n);
  }

  /**
   * Sparse categorical cross-entropy of one row of probabilities, as Keras computes it from a
   * softmax output: {@code -log(clip(p[label], ε, 1 - ε))}.
   */
  public static float crossEntropy(float[] p, int o, int label) {
    float q = Math.min(Math.max(p[o + label], EPSILON), 1f - EPSILON);
    return (float) -Math.log(q);
  }

  /** Index of the largest of {@code n} values at {@code o}; the first one on ties. */
  public static int argmax(float[] v, int o, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (v[o + i] > v[o + best]) {
        best = i;
      }
    }
    return best;
  }
}
