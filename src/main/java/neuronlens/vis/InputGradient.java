package neuronlens.vis;

import java.util.Arrays;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.nn.Softmax;
import neuronlens.tensor.Kernels;

/**
 * One unit's objective per input row and its gradient with respect to the rescaled input, for a
 * batch where row {@code r} targets unit {@code units[r]} of layer {@code L}. Layers below {@code
 * L} run in full; layer {@code L} only evaluates each row's own column (gathered once into a
 * contiguous (rows, inputs) matrix), so a first-layer batch costs 784 multiply-adds per row, not
 * 784·128. The softmax probability needs the whole output layer and computes it. Buffers are
 * allocated once; {@link #compute} allocates nothing.
 */
public final class InputGradient {
  private final Mlp mlp;
  private final int layer;
  private final int rows;
  private final int[] units;
  private final Objective objective;
  private final float[] targetW; // (rows, inputs of layer L): row r = column units[r] of the kernel
  private final float[] targetB; // (rows)
  private final float[][] z; // per layer l < L: (rows, units_l)
  private final float[][] a; // per layer l < L: (rows, units_l)
  private final float[][] da; // per layer l < L: (rows, units_l), gradient, then through the ReLU
  private final float[][] kernelT; // per layer l < L: (units_l, inputs_l), kernel transposed
  private final float[] zeros; // (max inputs): a zero bias for the transposed products
  private final float[] zOut; // (rows, units_L) for PROBABILITY only
  private final float[] dzOut; // (rows, units_L) for PROBABILITY only
  private final boolean[] active; // (rows): at the last compute, gradient = the unit's weights
  private final float[] dots; // (rows): each row's input times its unit's weights

  /**
   * @param layer index of the target Dense layer
   * @param units the target unit of each row
   * @param objective must suit the layer (output objectives only for the last layer)
   */
  public InputGradient(Mlp mlp, int layer, int[] units, Objective objective) {
    int nl = mlp.layers().size();
    if (layer < 0 || layer >= nl) {
      throw new IllegalArgumentException("layer: expected 0.." + (nl - 1) + ", found " + layer);
    }
    boolean output = layer == nl - 1;
    if (objective.forOutput() != output) {
      throw new IllegalArgumentException(
          "objective "
              + objective.id()
              + " does not apply to "
              + (output ? "the output" : "a hidden")
              + " layer");
    }
    Dense target = mlp.layers().get(layer);
    for (int u : units) {
      if (u < 0 || u >= target.units()) {
        throw new IllegalArgumentException(
            "unit: expected 0.."
                + (target.units() - 1)
                + " in layer "
                + target.name()
                + ", found "
                + u);
      }
    }
    this.mlp = mlp;
    this.layer = layer;
    this.rows = units.length;
    this.units = units.clone();
    this.objective = objective;
    int in = target.inputs();
    targetW = new float[rows * in];
    targetB = new float[rows];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < in; i++) {
        targetW[r * in + i] = target.kernel()[i * target.units() + units[r]];
      }
      targetB[r] = target.bias()[units[r]];
    }
    z = new float[layer][];
    a = new float[layer][];
    da = new float[layer][];
    kernelT = new float[layer][];
    int widest = in;
    for (int l = 0; l < layer; l++) {
      Dense d = mlp.layers().get(l);
      int n = rows * d.units();
      z[l] = new float[n];
      a[l] = new float[n];
      da[l] = new float[n];
      kernelT[l] = transpose(d.kernel(), d.inputs(), d.units());
      widest = Math.max(widest, d.inputs());
    }
    zeros = new float[widest];
    boolean full = objective == Objective.PROBABILITY;
    zOut = full ? new float[rows * target.units()] : null;
    dzOut = full ? new float[rows * target.units()] : null;
    active = new boolean[rows];
    dots = new float[rows];
  }

  /**
   * Whether each row's gradient is either its unit's weights or zero: a unit of the first layer,
   * whose input is the image itself (pre-activation: always its weights; post-activation: its
   * weights while the unit is on, zero while its ReLU is off). Then {@link #weights} and {@link
   * #active} give the gradient without {@code compute} writing it.
   */
  boolean gradientIsWeights() {
    return layer == 0 && objective != Objective.PROBABILITY;
  }

  /** The target units' weights (rows, inputs of the target layer), row r for unit r; read only. */
  float[] weights() {
    return targetW;
  }

  /**
   * After {@link #compute} of a layer whose {@link #gradientIsWeights}: whether row {@code r}'s
   * gradient was its weights (true) or zero.
   */
  boolean active(int r) {
    return active[r];
  }

  /** Number of rows (target units). */
  public int rows() {
    return rows;
  }

  /** The objective in use. */
  public Objective objective() {
    return objective;
  }

  /**
   * Computes {@code objective[r]} for each row of {@code x} (rows, 784), rescaled pixels, and, if
   * {@code grad} is not null, {@code grad (rows, 784) = d objective[r] / d x[r]}.
   */
  public void compute(Kernels k, float[] x, float[] value, float[] grad) {
    for (int l = 0; l < layer; l++) {
      Dense d = mlp.layers().get(l);
      d.forward(k, rows, l == 0 ? x : a[l - 1], z[l], a[l]);
    }
    Dense t = mlp.layers().get(layer);
    float[] below = layer == 0 ? x : a[layer - 1];
    int in = t.inputs();
    // dTarget: gradient of the objective with respect to the target layer's input, (rows, in)
    float[] dIn = grad == null ? null : layer == 0 ? grad : da[layer - 1];
    if (objective == Objective.PROBABILITY) {
      probability(k, t, below, value, dIn);
    } else {
      k.dotRows(rows, in, below, targetW, dots);
      objectives(dots, value, dIn, in);
    }
    if (grad == null) {
      return;
    }
    for (int l = layer - 1; l >= 0; l--) {
      Dense d = mlp.layers().get(l);
      Dense.reluBackward(k, rows * d.units(), z[l], da[l]);
      // dx = dz · kernelᵀ as a product with the transposed kernel: long rows, no reductions; the
      // units the ReLU silences differ from row to row, and five rows loading each weight once
      // cost less than each row skipping its zeros
      k.matmulBiasDense(
          rows, d.units(), d.inputs(), da[l], kernelT[l], zeros, l == 0 ? grad : da[l - 1]);
    }
  }

  /**
   * For a layer whose {@link #gradientIsWeights}: what {@link #compute} without a gradient gives
   * from each row's input times its unit's weights, {@code sums[r]}, summed as {@link
   * Kernels#dotRows} sums them: each row's objective into {@code value}, and which rows count
   * ({@link #active}).
   */
  void fromSums(float[] sums, float[] value) {
    objectives(sums, value, null, 0);
  }

  /**
   * Each row's objective from its sum before the bias, whether it counts, and (if {@code dIn} is
   * not null) its gradient with respect to its (rows, in) input: its weights while it counts.
   */
  private void objectives(float[] sums, float[] value, float[] dIn, int in) {
    for (int r = 0; r < rows; r++) {
      float zr = sums[r] + targetB[r];
      boolean dead = objective == Objective.POST_ACTIVATION && zr <= 0f;
      active[r] = !dead;
      value[r] = objective == Objective.POST_ACTIVATION ? Math.max(zr, 0f) : zr;
      if (dIn != null) {
        if (dead) {
          Arrays.fill(dIn, r * in, (r + 1) * in, 0f);
        } else {
          System.arraycopy(targetW, r * in, dIn, r * in, in);
        }
      }
    }
  }

  /** {@code w (k, n)} transposed to (n, k). */
  private static float[] transpose(float[] w, int k, int n) {
    float[] t = new float[k * n];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < n; j++) {
        t[j * k + i] = w[i * n + j];
      }
    }
    return t;
  }

  private void probability(Kernels k, Dense t, float[] below, float[] value, float[] dIn) {
    int n = t.units();
    k.matmulBias(rows, t.inputs(), n, below, t.kernel(), t.bias(), zOut);
    for (int r = 0; r < rows; r++) {
      Softmax.apply(zOut, r * n, dzOut, r * n, n);
      float pc = dzOut[r * n + units[r]];
      value[r] = pc;
      // d p_c / d z_j = p_c (δ_cj - p_j)
      for (int j = 0; j < n; j++) {
        float pj = dzOut[r * n + j];
        dzOut[r * n + j] = pc * ((j == units[r] ? 1f : 0f) - pj);
      }
    }
    if (dIn != null) {
      k.matmulTransB(rows, t.inputs(), n, dzOut, t.kernel(), dIn);
    }
  }
}
