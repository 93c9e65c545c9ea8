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
  // row r's non-zero pixels are [nzStart[r], nzStart[r + 1]) of nzIndex (pixel 0–783) and nzLevel
  // (its value 0–255, unsigned): the form the training engine's first-layer kernel reads, so that
  // this pass runs the code training has already had compiled
  private final int[] nzStart; // (capacity + 1)
  private final int[] nzEnd; // (capacity): nzStart shifted by one, the kernel's row ends
  private final short[] nzIndex; // (capacity * 784)
  private final byte[] nzLevel; // (capacity * 784)
  private boolean sparse;
  private final float[][] z; // per layer (capacity, units)
  private final float[][] a; // per layer (capacity, units)
  private int rows;

  public Forward(Mlp mlp, int capacity) {
    this.mlp = mlp;
    this.capacity = capacity;
    this.input = new float[capacity * Mlp.INPUTS];
    this.nzStart = new int[capacity + 1];
    this.nzEnd = new int[capacity];
    this.nzIndex = new short[capacity * Mlp.INPUTS];
    this.nzLevel = new byte[capacity * Mlp.INPUTS];
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

  /** Whether the input was loaded from bytes and is also held as a sparse list of non-zeros. */
  public boolean sparse() {
    return sparse;
  }

  /** Row starts into {@link #nzIndex()} and {@link #nzLevel()}, (rows + 1). */
  public int[] nzStart() {
    return nzStart;
  }

  /** Pixel indices (0–783) of the non-zero inputs, row after row. */
  public short[] nzIndex() {
    return nzIndex;
  }

  /**
   * Pixel values (1–255, unsigned) of the non-zero inputs; the input is {@code Mlp.rescaled()} of
   * them.
   */
  public byte[] nzLevel() {
    return nzLevel;
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
    int e = 0;
    for (int r = 0; r < rows; r++) {
      int img = order == null ? first + r : order[first + r];
      int src = img * Mlp.INPUTS;
      int dst = r * Mlp.INPUTS;
      nzStart[r] = e;
      for (int i = 0; i < Mlp.INPUTS; i++) {
        byte b = images[src + i];
        input[dst + i] = (b & 0xff) * Mlp.RESCALE;
        if (b != 0) {
          nzIndex[e] = (short) i;
          nzLevel[e++] = b;
        }
      }
    }
    listed(rows, e);
  }

  /** Closes the lists of {@code rows} rows, {@code e} non-zeros in all. */
  private void listed(int rows, int e) {
    nzStart[rows] = e;
    System.arraycopy(nzStart, 1, nzEnd, 0, rows);
    this.rows = rows;
    this.sparse = true;
  }

  /**
   * Lists images {@code first .. first + rows)} from their non-zero pixels alone, as they are kept
   * in {@code starts} (image i's are {@code [starts[i], starts[i + 1])}), {@code indices} (pixel
   * 0–783) and {@code pixels} (unsigned values): the same non-zeros and values as {@link
   * #loadBytes}, without reading the zeros. For a forward pass only: {@link #input()} is left as it
   * was.
   */
  public void loadNonZeros(int[] starts, short[] indices, byte[] pixels, int first, int rows) {
    if (rows > capacity) {
      throw new IllegalArgumentException("batch of " + rows + " exceeds capacity " + capacity);
    }
    int e = 0;
    for (int r = 0; r < rows; r++) {
      nzStart[r] = e;
      int from = starts[first + r];
      int count = starts[first + r + 1] - from;
      System.arraycopy(indices, from, nzIndex, e, count);
      System.arraycopy(pixels, from, nzLevel, e, count);
      e += count;
    }
    listed(rows, e);
  }

  /** Sets the row count after filling {@link #input()} directly. */
  public void setRows(int rows) {
    if (rows > capacity) {
      throw new IllegalArgumentException("batch of " + rows + " exceeds capacity " + capacity);
    }
    this.rows = rows;
    this.sparse = false;
  }

  /** Runs every layer on the current input rows. */
  public void run(Kernels k) {
    for (int l = 0; l < z.length; l++) {
      Dense d = mlp.layers().get(l);
      if (l == 0 && sparse) {
        k.sparseForwardRange(
            0,
            rows,
            nzStart,
            nzEnd,
            nzIndex,
            nzLevel,
            Mlp.rescaled(),
            d.units(),
            d.kernel(),
            0,
            d.bias(),
            0,
            0,
            z[0],
            0);
        d.activate(k, rows, z[0], a[0]);
      } else {
        d.forward(k, rows, l == 0 ? input : a[l - 1], z[l], a[l]);
      }
    }
  }
}
