package neuronlens.report;

import java.util.Locale;

/**
 * A value axis: its ticks, ascending, from the axis' first value to its last, and the decimals
 * every tick label is written with.
 */
record Axis(double[] ticks, int decimals) {
  /** The lowest value on the axis. */
  double lo() {
    return ticks[0];
  }

  /** The highest value on the axis. */
  double hi() {
    return ticks[ticks.length - 1];
  }

  /** {@code v} with this axis' decimals ("0.25", never "-0.00"). */
  String label(double v) {
    String text = String.format(Locale.ROOT, "%." + decimals + "f", v);
    return text.matches("-0\\.?0*") ? text.substring(1) : text;
  }

  /**
   * An axis for data from {@code lo} to {@code hi}: a margin of 3 % of the range on each side, but
   * not below 0 for data that are not negative (a loss), nor above 1 for data within 0 and 1 (an
   * accuracy); then ticks 1, 2, 2.5 or 5 times a power of ten apart, the least such step with which
   * at most six steps cover the range, from the last multiple of the step at or below it to the
   * first at or above it (four to seven ticks). Data of a single value get a range of a tenth of it
   * (at least 0.01) on each side; no data, 0 to 1.
   */
  static Axis of(double lo, double hi) {
    if (!(Double.isFinite(lo) && Double.isFinite(hi) && hi >= lo)) {
      lo = 0;
      hi = 1;
    }
    boolean notNegative = lo >= 0;
    boolean fraction = notNegative && hi <= 1;
    if (hi == lo) {
      double half = Math.max(Math.abs(lo) * 0.1, 0.01);
      lo -= half;
      hi += half;
    }
    double margin = (hi - lo) * 0.03;
    double from = notNegative ? Math.max(0, lo - margin) : lo - margin;
    double to = fraction ? Math.min(1, hi + margin) : hi + margin;
    // the steps 1, 2, 2.5 and 5 times a power of ten, from the power just below a sixth of the
    // range up, until one covers the range in at most six
    double[] units = {1, 2, 2.5, 5};
    double power = Math.pow(10, Math.floor(Math.log10((to - from) / 6)));
    int u = 0;
    double step;
    long first;
    long last;
    while (true) {
      step = units[u] * power;
      first = (long) Math.floor(from / step + 1e-9);
      last = (long) Math.ceil(to / step - 1e-9);
      if (last - first <= 6) {
        break;
      }
      if (++u == units.length) {
        u = 0;
        power *= 10;
      }
    }
    double[] ticks = new double[(int) (last - first + 1)];
    for (int i = 0; i < ticks.length; i++) {
      ticks[i] = (first + i) * step;
    }
    int decimals =
        (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (units[u] == 2.5 ? 1 : 0));
    return new Axis(ticks, decimals);
  }

  /**
   * An axis for counts from 0 to {@code max}: {@link #of}'s, but never between whole numbers: where
   * its step is below 1, 0 and quarters of the multiple of 4 at or above {@code max}; where it is
   * 2.5, steps of 5.
   */
  static Axis counts(int max) {
    Axis counts = of(0, Math.max(1, max));
    double step = counts.ticks()[1] - counts.ticks()[0];
    if (step < 1) {
      int top = Math.max(4, (max + 3) / 4 * 4);
      return new Axis(new double[] {0, top / 4, top / 2, top / 4 * 3, top}, 0);
    }
    if (step != Math.rint(step)) {
      double whole = 2 * step;
      double[] ticks = new double[(int) Math.ceil(counts.hi() / whole - 1e-9) + 1];
      for (int i = 0; i < ticks.length; i++) {
        ticks[i] = i * whole;
      }
      return new Axis(ticks, 0);
    }
    return counts;
  }
}
