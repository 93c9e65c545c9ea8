package neuronlens.vis;

import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.nn.Softmax;

/**
 * The layers after a hidden layer, in double, for knock-outs: the next layer's pre-activation from
 * the hidden layer's outputs, and from it (ReLU, the layers after, the logits) the prediction and
 * the loss. One per thread: it keeps its buffers.
 */
final class Tail {
  private final Mlp mlp;
  private final int hidden;
  private final double[][] z; // z[l]: pre-activation of layer l > hidden + 1
  private final int[] at = new int[1]; // where in the logits' buffer they start

  /** The layers after hidden layer {@code hidden} of {@code mlp}. */
  Tail(Mlp mlp, int hidden) {
    this.mlp = mlp;
    this.hidden = hidden;
    z = new double[mlp.layers().size()][];
    for (int l = hidden + 2; l < mlp.layers().size(); l++) {
      z[l] = new double[mlp.layers().get(l).units()];
    }
  }

  /** The next layer: its kernel (the hidden layer's units, its units) and bias. */
  Dense next() {
    return mlp.layers().get(hidden + 1);
  }

  /**
   * Writes into {@code out} from {@code o} the next layer's pre-activation for the hidden outputs
   * {@code act} from {@code ao} ({@code units} of them): its bias plus each non-zero output times
   * its row of the kernel, in unit order.
   */
  void preActivation(float[] act, int ao, int units, double[] out, int o) {
    Dense d = next();
    int n = d.units();
    for (int u = 0; u < n; u++) {
      out[o + u] = d.bias()[u];
    }
    for (int j = 0; j < units; j++) {
      double a = act[ao + j];
      if (a != 0) {
        for (int u = 0; u < n; u++) {
          out[o + u] += a * d.kernel()[j * n + u];
        }
      }
    }
  }

  /** The logits from the next layer's pre-activation {@code first} at {@code o} (a buffer). */
  private double[] logits(double[] first, int o, int[] offset) {
    double[] in = first;
    int io = o;
    int width = next().units();
    for (int l = hidden + 2; l < mlp.layers().size(); l++) {
      Dense d = mlp.layers().get(l);
      double[] out = z[l];
      int n = d.units();
      for (int u = 0; u < n; u++) {
        out[u] = d.bias()[u];
      }
      for (int k = 0; k < width; k++) {
        double a = Math.max(0, in[io + k]);
        if (a != 0) {
          for (int u = 0; u < n; u++) {
            out[u] += a * d.kernel()[k * n + u];
          }
        }
      }
      in = out;
      io = 0;
      width = n;
    }
    offset[0] = io;
    return in;
  }

  /** The class predicted from the next layer's pre-activation at {@code o} of {@code first}. */
  int predict(double[] first, int o) {
    double[] v = logits(first, o, at);
    return argmax(v, at[0]);
  }

  private int argmax(double[] v, int o) {
    int best = 0;
    for (int c = 1; c < mlp.classes(); c++) {
      if (v[o + c] > v[o + best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * The loss (Keras' clipped cross-entropy) for label {@code y} from the next layer's
   * pre-activation at {@code o} of {@code first}, 0 when {@code y} is not a class; the prediction
   * into {@code predicted[0]}.
   */
  double loss(double[] first, int o, int y, int[] predicted) {
    double[] v = logits(first, o, at);
    int lo = at[0];
    int best = argmax(v, lo);
    predicted[0] = best;
    int classes = mlp.classes();
    if (y < 0 || y >= classes) {
      return 0;
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(v[lo + c] - v[lo + best]);
    }
    double p = Math.exp(v[lo + y] - v[lo + best]) / sum;
    return -Math.log(Math.min(Math.max(p, Softmax.EPSILON), (double) (1f - Softmax.EPSILON)));
  }
}
