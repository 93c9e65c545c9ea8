package neuronlens.vis;

/** Maps a position {@code t} in [0, 1] on a colour scale to an RGB colour. */
public enum Colormap {
  /** Blue (low) – white (middle) – red (high); with a symmetric scale, white is 0. The default. */
  DIVERGING("diverging"),
  /** Black (low) to white (high): lighter is more positive, as the seed's pictures. */
  GRAY("gray");

  // ends of the diverging map (ColorBrewer RdBu), and its white centre
  private static final int[] BLUE = {33, 102, 172};
  private static final int[] RED = {178, 24, 43};

  private final String id;

  Colormap(String id) {
    this.id = id;
  }

  /** The name used on the command line. */
  public String id() {
    return id;
  }

  /** The colormap with this {@link #id()}, or null. */
  public static Colormap byId(String id) {
    for (Colormap c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    return null;
  }

  /** The packed RGB colour at {@code t} (clamped to [0, 1]; NaN maps to the middle). */
  public int rgb(double t) {
    double u = Double.isNaN(t) ? 0.5 : Math.min(Math.max(t, 0), 1);
    if (this == GRAY) {
      int g = (int) Math.round(u * 255);
      return g << 16 | g << 8 | g;
    }
    int[] end = u < 0.5 ? BLUE : RED;
    double f = Math.abs(u - 0.5) * 2; // 0 at the centre, 1 at either end
    int r = (int) Math.round(255 + (end[0] - 255) * f);
    int g = (int) Math.round(255 + (end[1] - 255) * f);
    int b = (int) Math.round(255 + (end[2] - 255) * f);
    return r << 16 | g << 8 | b;
  }

  /** The position of {@code v} on the scale {@code [lo, hi]}. */
  public static double position(double v, double lo, double hi) {
    return hi == lo ? 0.5 : (v - lo) / (hi - lo);
  }
}
