package neuronlens.nn;

import neuronlens.tensor.Kernels;

/**
 * Buffers for running an {@link Mlp} forward (and backward) on up to {@code capacity} rows at a
 * time, allocated once so that a training step allocates nothing. {@code z(l)} and {@code a(l)}
 * hold the pre- and post-activation of layer {@code l}, shape (rows, units).
 */
public final class Forward {
  private final Mlp mlp;
  private final int capacity;
  private final float[] input; // (capacity, 784): rescaled pixels
  private final float[][] z; // per layer (capacity, units)
  private final float[][] a; // per layer (capacity, units)
  private int rows;

  public Forward(Mlp mlp, int capacity) {
    this.mlp = mlp;
    this.capacity = capacity;
    this.input = new float[capacity * Mlp.INPUTS];
    int n = mlp.layers().size();
    this.z = new float[n][];
    this.a = new float[n][];
    for (int l = 0; l < n; l++) {
      int units = mlp.layers().get(l).units();
      z[l] = new float[capacity * units];
      a[l] = new float[capacity * units];
    }
  }

  public Mlp mlp() {
    return mlp;
  }

  public int capacity() {
    return capacity;
  }

  /** Rows of the last forward pass. */
  public int rows() {
    return rows;
  }

  /** The rescaled input buffer (capacity, 784); fill it, then call {@link #run}. */
  public float[] input() {
    return input;
  }

  /** Pre-activation of layer {@code l}, (rows, units). */
  public float[] z(int l) {
    return z[l];
  }

  /** Post-activation of layer {@code l}, (rows, units); the last layer's are probabilities. */
  public float[] a(int l) {
    return a[l];
  }

  /** The output probabilities (rows, classes). */
  public float[] probabilities() {
    return a[a.length - 1];
  }

  /**
   * Copies {@code rows} images of 784 bytes (unsigned pixels) starting at image {@code first} of
   * {@code order} (or at {@code first} itself when {@code order} is null) into the input, times
   * 1/255 as the Rescaling layer does.
   */
  public void loadBytes(byte[] images, int[] order, int first, int rows) {
    if (rows > capacity) {
      throw new IllegalArgumentException("batch of " + rows + " exceeds capacity " + capacity);
    }
    for (int r = 0; r < rows; r++) {
      int img = order == null ? first + r : order[first + r];
      int src = img * Mlp.INPUTS;
      int dst = r * Mlp.INPUTS;
      for (int i = 0; i < Mlp.INPUTS; i++) {
        input[dst + i] = (images[src + i] & 0xff) * Mlp.RESCALE;
      }
    }
    this.rows = rows;
  }

  /** Sets the row count after filling {@link #input()} directly. */
  public void setRows(int rows) {
    if (rows > capacity) {
      throw new IllegalArgumentException("batch of " + rows + " exceeds capacity " + capacity);
    }
    this.rows = rows;
  }

  /** Runs every layer on the current input rows. */
  public void run(Kernels k) {
    float[] x = input;
    for (int l = 0; l < z.length; l++) {
      mlp.layers().get(l).forward(k, rows, x, z[l], a[l]);
      x = a[l];
    }
  }
}
