package neuronlens.vis;

/**
 * A colormap over a value range: what a picture's colorbar shows.
 *
 * @param colormap the colours
 * @param lo the value at the low end
 * @param hi the value at the high end
 */
public record ColorScale(Colormap colormap, double lo, double hi) {
  /** A scale symmetric about 0 that covers every value of {@code v}: ±max|v| (±1 if all zero). */
  public static ColorScale symmetric(Colormap cm, float[] v) {
    double m = 0;
    for (float f : v) {
      m = Math.max(m, Math.abs(f));
    }
    return new ColorScale(cm, m == 0 ? -1 : -m, m == 0 ? 1 : m);
  }

  /** A scale from the smallest to the largest value of {@code v}. */
  public static ColorScale range(Colormap cm, float[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float f : v) {
      lo = Math.min(lo, f);
      hi = Math.max(hi, f);
    }
    return lo == hi ? new ColorScale(cm, lo - 1, hi + 1) : new ColorScale(cm, lo, hi);
  }

  /** Packed RGB of value {@code v}. */
  public int rgb(double v) {
    return colormap.rgb(Colormap.position(v, lo, hi));
  }
}
