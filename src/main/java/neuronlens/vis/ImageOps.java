package neuronlens.vis;

/**
 * Operations on batches of 28×28 images stored as (rows, 784) row-major floats for activation
 * maximization (the Gaussian kernel, jitter, clipping, total variation) and statistics; the total
 * variation's gradient and the blur are kernels ({@code Kernels.addTvGradient}, {@code
 * Kernels.blur}).
 */
public final class ImageOps {
  /** Side of an MNIST image. */
  public static final int SIDE = 28;

  /** Pixels of an MNIST image. */
  public static final int PIXELS = SIDE * SIDE;

  private ImageOps() {}

  /**
   * Total variation of one image at offset {@code o}: the sum over neighbouring pixel pairs (right
   * and down) of the squared difference, as {@code Kernels.addTvGradient} differentiates it.
   */
  public static double tv(float[] x, int o) {
    double s = 0;
    for (int y = 0; y < SIDE; y++) {
      for (int c = 0; c < SIDE; c++) {
        int i = o + y * SIDE + c;
        if (c + 1 < SIDE) {
          s += (double) (x[i] - x[i + 1]) * (x[i] - x[i + 1]);
        }
        if (y + 1 < SIDE) {
          s += (double) (x[i] - x[i + SIDE]) * (x[i] - x[i + SIDE]);
        }
      }
    }
    return s;
  }

  /** A normalized 1-D Gaussian kernel of radius {@code ceil(3σ)}. */
  public static float[] gaussian(double sigma) {
    int radius = (int) Math.ceil(3 * sigma);
    float[] k = new float[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      double v = Math.exp(-i * i / (2 * sigma * sigma));
      k[i + radius] = (float) v;
      sum += v;
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= (float) sum;
    }
    return k;
  }

  /**
   * Copies image {@code r} of {@code src} into {@code dst}, rolled (with wrap-around) by {@code dy}
   * rows and {@code dx} columns; rolling back by {@code -dy, -dx} undoes it.
   */
  public static void roll(float[] src, float[] dst, int r, int dy, int dx) {
    int o = r * PIXELS;
    int shift = Math.floorMod(dx, SIDE);
    for (int y = 0; y < SIDE; y++) {
      int from = o + y * SIDE;
      int to = o + Math.floorMod(y + dy, SIDE) * SIDE;
      System.arraycopy(src, from, dst, to + shift, SIDE - shift);
      System.arraycopy(src, from + SIDE - shift, dst, to, shift);
    }
  }

  /** Clips every value to [lo, hi]. */
  public static void clip(float[] x, int n, float lo, float hi) {
    for (int i = 0; i < n; i++) {
      x[i] = Math.min(Math.max(x[i], lo), hi);
    }
  }

  /**
   * Pearson correlation of {@code n} values of {@code a} at {@code ao} and {@code b} at {@code bo},
   * in double; 0 when either is constant.
   */
  public static double pearson(int n, float[] a, int ao, float[] b, int bo) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[ao + i];
      mb += b[bo + i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      double da = a[ao + i] - ma;
      double db = b[bo + i] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
  }
}
