package neuronlens.nn;

import neuronlens.tensor.Kernels;

/**
 * A fully connected layer, {@code z = x · kernel + bias}, followed by its activation. The kernel is
 * kept in Keras layout (inputs, units), so column {@code j} holds unit {@code j}'s incoming weights
 * and row {@code i} is contiguous across units.
 */
public final class Dense {
  private final String name;
  private final int inputs;
  private final int units;
  private final Activation activation;
  private final float[] kernel; // (inputs, units): Keras layout
  private final float[] bias; // (units)

  /** Wraps the given arrays (not copied); shapes are checked. */
  public Dense(
      String name, int inputs, int units, Activation activation, float[] kernel, float[] bias) {
    if (inputs <= 0 || units <= 0) {
      throw new IllegalArgumentException(
          "Dense " + name + ": sizes must be positive, found (" + inputs + ", " + units + ")");
    }
    if (kernel.length != inputs * units || bias.length != units) {
      throw new IllegalArgumentException(
          "Dense "
              + name
              + ": expected kernel ("
              + inputs
              + ", "
              + units
              + ") and bias ("
              + units
              + "), found "
              + kernel.length
              + " and "
              + bias.length
              + " values");
    }
    this.name = name;
    this.inputs = inputs;
    this.units = units;
    this.activation = activation;
    this.kernel = kernel;
    this.bias = bias;
  }

  /** Keras layer name: {@code dense}, {@code dense_1}, ... */
  public String name() {
    return name;
  }

  public int inputs() {
    return inputs;
  }

  public int units() {
    return units;
  }

  public Activation activation() {
    return activation;
  }

  /** The live kernel, shape (inputs, units), row-major. */
  public float[] kernel() {
    return kernel;
  }

  /** The live bias, shape (units). */
  public float[] bias() {
    return bias;
  }

  /** Number of trainable values: {@code inputs * units + units}. */
  public int parameterCount() {
    return inputs * units + units;
  }

  /** A deep copy. */
  public Dense copy() {
    return new Dense(name, inputs, units, activation, kernel.clone(), bias.clone());
  }

  /**
   * Forward for a batch: {@code z (rows, units) = x (rows, inputs) · kernel + bias}, then {@code a
   * = activation(z)}. {@code z} and {@code a} may not alias.
   */
  public void forward(Kernels k, int rows, float[] x, float[] z, float[] a) {
    k.matmulBias(rows, inputs, units, x, kernel, bias, z);
    activate(k, rows, z, a);
  }

  /** {@code a = activation(z)} for {@code rows} rows. */
  public void activate(Kernels k, int rows, float[] z, float[] a) {
    if (activation == Activation.RELU) {
      k.relu(rows * units, z, 0, a, 0);
    } else {
      for (int r = 0; r < rows; r++) {
        Softmax.apply(z, r * units, a, r * units, units);
      }
    }
  }

  /**
   * Backward for a batch, given {@code dz = dLoss/dz} (rows, units): writes the kernel and bias
   * gradients and, when {@code dx} is not null, {@code dx (rows, inputs) = dz · kernelᵀ}.
   */
  public void backward(
      Kernels k, int rows, float[] x, float[] dz, float[] dKernel, float[] dBias, float[] dx) {
    k.gradKernelBias(rows, inputs, units, x, dz, dKernel, dBias);
    if (dx != null) {
      k.matmulTransB(rows, inputs, units, dz, kernel, dx);
    }
  }

  /**
   * Turns {@code da = dLoss/da} into {@code dz = dLoss/dz} in place for a ReLU layer, using the
   * pre-activation {@code z}: the gradient passes where {@code z > 0}.
   */
  public static void reluBackward(Kernels k, int n, float[] z, float[] grad) {
    k.reluMask(n, z, grad);
  }
}
