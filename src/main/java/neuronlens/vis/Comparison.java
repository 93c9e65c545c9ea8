package neuronlens.vis;

import neuronlens.nn.Mlp;

/**
 * Weights against activation maximization for each unit: the Pearson correlation of the two images
 * and an agreement map, the product of their z-scores per pixel (positive where both are above or
 * both below their means; its mean over the pixels is the correlation).
 *
 * @param units the compared units
 * @param correlation per unit, Pearson r of weights and AM image
 * @param agreement (units, 784) the agreement maps
 */
public record Comparison(int[] units, double[] correlation, float[] agreement) {

  /** Compares row {@code i} of {@code weights} with row {@code i} of {@code am}, for each unit. */
  public static Comparison of(int[] units, float[] weights, float[] am) {
    int n = units.length;
    double[] r = new double[n];
    float[] agree = new float[n * Mlp.INPUTS];
    for (int i = 0; i < n; i++) {
      int o = i * Mlp.INPUTS;
      r[i] = ImageOps.pearson(Mlp.INPUTS, weights, o, am, o);
      float[] zw = zscore(weights, o);
      float[] za = zscore(am, o);
      for (int q = 0; q < Mlp.INPUTS; q++) {
        agree[o + q] = zw[q] * za[q];
      }
    }
    return new Comparison(units.clone(), r, agree);
  }

  private static float[] zscore(float[] v, int o) {
    double m = 0;
    for (int q = 0; q < Mlp.INPUTS; q++) {
      m += v[o + q];
    }
    m /= Mlp.INPUTS;
    double s = 0;
    for (int q = 0; q < Mlp.INPUTS; q++) {
      s += (v[o + q] - m) * (v[o + q] - m);
    }
    s = Math.sqrt(s / Mlp.INPUTS);
    float[] z = new float[Mlp.INPUTS];
    for (int q = 0; q < Mlp.INPUTS; q++) {
      z[q] = s == 0 ? 0f : (float) ((v[o + q] - m) / s);
    }
    return z;
  }

  /** Mean correlation over the units. */
  public double mean() {
    double s = 0;
    for (double v : correlation) {
      s += v;
    }
    return correlation.length == 0 ? Double.NaN : s / correlation.length;
  }

  /** The CSV text: {@code neuron,pearson_r}, one line per unit. */
  public String csv() {
    StringBuilder sb = new StringBuilder("neuron,pearson_r\n");
    for (int i = 0; i < units.length; i++) {
      sb.append(units[i])
          .append(',')
          .append(String.format(java.util.Locale.ROOT, "%.6f", correlation[i]))
          .append('\n');
    }
    return sb.toString();
  }
}
