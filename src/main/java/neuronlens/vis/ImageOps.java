package neuronlens.vis;

/**
 * In-place operations on batches of 28×28 images stored as (rows, 784) row-major floats: the
 * regularizers of activation maximization (total variation, Gaussian blur, jitter) and statistics.
 */
public final class ImageOps {
  /** Side of an MNIST image. */
  public static final int SIDE = 28;

  /** Pixels of an MNIST image. */
  public static final int PIXELS = SIDE * SIDE;

  private ImageOps() {}

  /**
   * Adds {@code weight · d TV / d x} to {@code g} for each image, where {@code TV(x)} is the sum
   * over neighbouring pixel pairs (right and down) of the squared difference.
   */
  public static void addTvGradient(int rows, float[] x, float weight, float[] g) {
    float w2 = 2f * weight;
    for (int r = 0; r < rows; r++) {
      int o = r * PIXELS;
      for (int y = 0; y < SIDE; y++) {
        for (int c = 0; c < SIDE; c++) {
          int i = o + y * SIDE + c;
          if (c + 1 < SIDE) {
            float d = w2 * (x[i] - x[i + 1]);
            g[i] += d;
            g[i + 1] -= d;
          }
          if (y + 1 < SIDE) {
            float d = w2 * (x[i] - x[i + SIDE]);
            g[i] += d;
            g[i + SIDE] -= d;
          }
        }
      }
    }
  }

  /** Total variation of one image at offset {@code o}, as in {@link #addTvGradient}. */
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
   * Blurs each image with the separable kernel, clamping at the borders; {@code tmp} must hold 784
   * floats.
   */
  public static void blur(int rows, float[] x, float[] kernel, float[] tmp) {
    int radius = kernel.length / 2;
    for (int r = 0; r < rows; r++) {
      int o = r * PIXELS;
      for (int pass = 0; pass < 2; pass++) {
        for (int y = 0; y < SIDE; y++) {
          for (int c = 0; c < SIDE; c++) {
            float s = 0f;
            for (int t = -radius; t <= radius; t++) {
              int yy = pass == 0 ? y : clamp(y + t);
              int cc = pass == 0 ? clamp(c + t) : c;
              s += kernel[t + radius] * x[o + yy * SIDE + cc];
            }
            tmp[y * SIDE + c] = s;
          }
        }
        System.arraycopy(tmp, 0, x, o, PIXELS);
      }
    }
  }

  private static int clamp(int i) {
    return i < 0 ? 0 : i >= SIDE ? SIDE - 1 : i;
  }

  /**
   * Copies image {@code r} of {@code src} into {@code dst}, rolled (with wrap-around) by {@code dy}
   * rows and {@code dx} columns; rolling back by {@code -dy, -dx} undoes it.
   */
  public static void roll(float[] src, float[] dst, int r, int dy, int dx) {
    int o = r * PIXELS;
    for (int y = 0; y < SIDE; y++) {
      int ty = Math.floorMod(y + dy, SIDE);
      for (int c = 0; c < SIDE; c++) {
        dst[o + ty * SIDE + Math.floorMod(c + dx, SIDE)] = src[o + y * SIDE + c];
      }
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
