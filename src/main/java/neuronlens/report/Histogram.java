package neuronlens.report;

/**
 * Counts of values in equal bins over {@code [lo, hi]}.
 *
 * @param lo lower end of the first bin
 * @param hi upper end of the last bin
 * @param counts one count per bin
 */
public record Histogram(double lo, double hi, int[] counts) {

  /** The values of {@code v} that are above 0, in {@code bins} bins from 0 to their maximum. */
  public static Histogram ofPositive(float[] v, int bins) {
    double hi = 0;
    for (float f : v) {
      hi = Math.max(hi, f);
    }
    int[] counts = new int[bins];
    if (hi > 0) {
      for (float f : v) {
        if (f > 0) {
          counts[Math.min(bins - 1, (int) (f / hi * bins))]++;
        }
      }
    }
    return new Histogram(0, hi > 0 ? hi : 1, counts);
  }

  /** The largest count. */
  public int max() {
    int m = 0;
    for (int c : counts) {
      m = Math.max(m, c);
    }
    return m;
  }

  /** The sum of the counts. */
  public int total() {
    int s = 0;
    for (int c : counts) {
      s += c;
    }
    return s;
  }
}
