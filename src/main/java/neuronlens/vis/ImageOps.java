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
   * over neighbouring pixel pairs (right and down) of the squared difference. Each pixel's four
   * terms are summed in a register, in the order of a pass over the pairs (the pair above, the one
   * to the left, then its own right and down pairs), and stored once: updating both pixels of each
   * pair in memory made every store wait for the one before.
   */
  public static void addTvGradient(int rows, float[] x, float weight, float[] g) {
    float w2 = 2f * weight;
    for (int r = 0; r < rows; r++) {
      int o = r * PIXELS;
      for (int y = 0; y < SIDE; y++) {
        boolean up = y > 0;
        boolean down = y + 1 < SIDE;
        int row = o + y * SIDE;
        for (int c = 0; c < SIDE; c++) {
          int i = row + c;
          float xi = x[i];
          float gi = g[i];
          if (up) {
            gi -= w2 * (x[i - SIDE] - xi);
          }
          if (c > 0) {
            gi -= w2 * (x[i - 1] - xi);
          }
          if (c + 1 < SIDE) {
            gi += w2 * (xi - x[i + 1]);
          }
          if (down) {
            gi += w2 * (xi - x[i + SIDE]);
          }
          g[i] = gi;
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
   * floats. Each output pixel sums its taps in kernel order, starting from 0.
   */
  public static void blur(int rows, float[] x, float[] kernel, float[] tmp) {
    int radius = kernel.length / 2;
    for (int r = 0; r < rows; r++) {
      int o = r * PIXELS;
      // along rows: the taps of a pixel are its row's neighbours (clamped at the ends)
      java.util.Arrays.fill(tmp, 0f);
      for (int t = -radius; t <= radius; t++) {
        float k = kernel[t + radius];
        for (int y = 0; y < SIDE; y++) {
          int src = o + y * SIDE;
          int dst = y * SIDE;
          int lo = Math.max(0, -t); // first column whose tap c + t is inside the row
          int hi = Math.min(SIDE, SIDE - t); // past the last
          for (int c = 0; c < lo; c++) {
            tmp[dst + c] += k * x[src];
          }
          for (int c = lo; c < hi; c++) {
            tmp[dst + c] += k * x[src + c + t];
          }
          for (int c = hi; c < SIDE; c++) {
            tmp[dst + c] += k * x[src + SIDE - 1];
          }
        }
      }
      System.arraycopy(tmp, 0, x, o, PIXELS);
      // along columns: the taps are whole rows, clamped at the top and bottom
      java.util.Arrays.fill(tmp, 0f);
      for (int t = -radius; t <= radius; t++) {
        float k = kernel[t + radius];
        for (int y = 0; y < SIDE; y++) {
          int src = o + clamp(y + t) * SIDE;
          int dst = y * SIDE;
          for (int c = 0; c < SIDE; c++) {
            tmp[dst + c] += k * x[src + c];
          }
        }
      }
      System.arraycopy(tmp, 0, x, o, PIXELS);
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
