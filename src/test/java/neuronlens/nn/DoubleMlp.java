package neuronlens.nn;

import java.util.List;

/**
 * An independent double-precision forward pass of the same network, written as plain loops from the
 * definition (rescale by 1/255, Dense + ReLU, Dense + softmax, mean cross-entropy), for
 * finite-difference gradient checks. Parameters are held as {@code double[]} in Keras' variable
 * order (kernel (in, out), bias (out) per layer) so that each can be perturbed.
 */
final class DoubleMlp {
  final int[] sizes;
  final double[][] params;

  DoubleMlp(Mlp mlp) {
    sizes = mlp.sizes();
    List<float[]> vars = mlp.variables();
    params = new double[vars.size()][];
    for (int i = 0; i < params.length; i++) {
      float[] f = vars.get(i);
      params[i] = new double[f.length];
      for (int j = 0; j < f.length; j++) {
        params[i][j] = f[j];
      }
    }
  }

  /**
   * Mean over {@code rows} images of {@code -log softmax(z)[label]}, without Keras' probability
   * clipping (its gradient, the one {@link Backward} computes, is that of the unclipped loss).
   */
  double loss(byte[] images, byte[] labels, int rows) {
    double total = 0;
    for (int r = 0; r < rows; r++) {
      double[] x = new double[Mlp.INPUTS];
      for (int i = 0; i < x.length; i++) {
        x[i] = (images[r * Mlp.INPUTS + i] & 0xff) / 255.0;
      }
      int layers = sizes.length - 1;
      for (int l = 0; l < layers; l++) {
        int in = sizes[l];
        int out = sizes[l + 1];
        double[] w = params[2 * l];
        double[] b = params[2 * l + 1];
        double[] z = new double[out];
        for (int j = 0; j < out; j++) {
          double s = b[j];
          for (int i = 0; i < in; i++) {
            s += x[i] * w[i * out + j];
          }
          z[j] = l < layers - 1 ? Math.max(s, 0) : s;
        }
        x = z;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double zj : x) {
        max = Math.max(max, zj);
      }
      double sum = 0;
      for (double zj : x) {
        sum += Math.exp(zj - max);
      }
      total += -(x[labels[r]] - max - Math.log(sum));
    }
    return total / rows;
  }
}
