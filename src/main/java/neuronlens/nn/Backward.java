package neuronlens.nn;

import neuronlens.tensor.Kernels;

/**
 * Gradients of the mean sparse categorical cross-entropy over a batch with respect to every
 * variable of an {@link Mlp}, in Keras' variable order, from the buffers of a {@link Forward} pass.
 * Buffers are allocated once.
 */
public final class Backward {
  private final Forward fwd;
  private final float[][] grads; // Keras order: kernel, bias per layer
  private final float[][] dz; // per layer (capacity, units)
  // a sparse input's non-zeros as the reference gradient kernel takes them: pixel index and value
  private final int[] nzIndex;
  private final float[] nzValue;

  public Backward(Forward fwd) {
    this.fwd = fwd;
    int n = fwd.mlp().layers().size();
    grads = new float[2 * n][];
    dz = new float[n][];
    for (int l = 0; l < n; l++) {
      Dense d = fwd.mlp().layers().get(l);
      grads[2 * l] = new float[d.inputs() * d.units()];
      grads[2 * l + 1] = new float[d.units()];
      dz[l] = new float[fwd.capacity() * d.units()];
    }
    nzIndex = new int[fwd.capacity() * Mlp.INPUTS];
    nzValue = new float[fwd.capacity() * Mlp.INPUTS];
  }

  /** Gradient arrays in Keras' variable order (kernel, bias of each layer). */
  public float[][] grads() {
    return grads;
  }

  /**
   * Computes the gradients for the rows of the last forward pass with these labels (label of row
   * {@code r} is {@code labels[order == null ? first + r : order[first + r]]}).
   */
  public void run(Kernels k, byte[] labels, int[] order, int first) {
    int rows = fwd.rows();
    int nl = dz.length;
    int classes = fwd.mlp().classes();
    float[] p = fwd.probabilities();
    float[] d = dz[nl - 1];
    float scale = 1f / rows;
    for (int r = 0; r < rows; r++) {
      int label = labels[order == null ? first + r : order[first + r]];
      for (int c = 0; c < classes; c++) {
        float t = c == label ? 1f : 0f;
        d[r * classes + c] = (p[r * classes + c] - t) * scale;
      }
    }
    for (int l = nl - 1; l >= 0; l--) {
      Dense layer = fwd.mlp().layers().get(l);
      float[] x = l == 0 ? fwd.input() : fwd.a(l - 1);
      float[] dx = l == 0 ? null : dz[l - 1];
      if (l == 0 && fwd.sparse()) {
        float[] table = Mlp.rescaled();
        for (int e = 0, end = fwd.nzStart()[rows]; e < end; e++) {
          nzIndex[e] = fwd.nzIndex()[e];
          nzValue[e] = table[fwd.nzLevel()[e] & 0xff];
        }
        k.sparseGradKernelBias(
            rows,
            fwd.nzStart(),
            nzIndex,
            nzValue,
            layer.inputs(),
            layer.units(),
            dz[0],
            grads[0],
            grads[1]);
      } else {
        layer.backward(k, rows, x, dz[l], grads[2 * l], grads[2 * l + 1], dx);
      }
      if (dx != null) {
        Dense.reluBackward(k, rows * layer.inputs(), fwd.z(l - 1), dx);
      }
    }
  }
}
