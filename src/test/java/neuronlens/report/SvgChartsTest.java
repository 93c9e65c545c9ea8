package neuronlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The training curves' value axis: round ticks that enclose the data and respect 0 and 1. */
class SvgChartsTest {
  private static final Pattern TICK_LABEL =
      Pattern.compile("<text class=\"tick\" x=\"\\d+\" y=\"[0-9.]+\" text-anchor=\"end\">([^<]*)<");

  @Test
  void aLossCurveStartsAtZeroWithStepsOfFiveHundredths() {
    // the seed run's losses: 0.0028 after ten epochs, 0.2263 after the first. With the margins
    // (the lower one stopped at 0) the axis spans 0 to 0.233; steps of 0.02 need 12 of them to
    // cover it, of 0.025 ten, of 0.05 five
    Axis axis = Axis.of(0.0028, 0.2263);
    assertThat(axis.ticks())
        .containsExactly(new double[] {0, 0.05, 0.10, 0.15, 0.20, 0.25}, within(1e-12));
    assertThat(labels(axis)).containsExactly("0.00", "0.05", "0.10", "0.15", "0.20", "0.25");
  }

  @Test
  void anAccuracyCurveStopsAtOne() {
    // 0.927 to 0.9995 plus 3 % margins, the top one cut at 1: 0.9248 to 1, which steps of 0.01
    // cover in 8 (from 0.92), of 0.02 in 4
    Axis axis = Axis.of(0.927, 0.9995);
    assertThat(axis.ticks())
        .containsExactly(new double[] {0.92, 0.94, 0.96, 0.98, 1.0}, within(1e-12));
    assertThat(labels(axis)).containsExactly("0.92", "0.94", "0.96", "0.98", "1.00");
  }

  @Test
  void aSingleValueOrNoneStillGetsAnAxis() {
    Axis one = Axis.of(0.5, 0.5);
    assertThat(one.lo()).isLessThan(0.5);
    assertThat(one.hi()).isGreaterThan(0.5);
    Axis zero = Axis.of(0, 0);
    assertThat(zero.lo()).isEqualTo(0);
    assertThat(zero.hi()).isGreaterThan(0);
    Axis none = Axis.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    assertThat(none.lo()).isEqualTo(0);
    assertThat(none.hi()).isEqualTo(1);
  }

  /** Counts (dead units, images in a bin) from 0 at whole numbers, up to at least the largest. */
  @Test
  void aCountAxisStartsAtZeroAndStepsByWholeNumbers() {
    for (int max = 0; max <= 5000; max++) {
      Axis axis = Axis.counts(max);
      double[] t = axis.ticks();
      assertThat(t[0]).as("max %d", max).isZero();
      assertThat(axis.hi()).as("max %d", max).isGreaterThanOrEqualTo(Math.max(1, max));
      assertThat(t.length).as("max %d", max).isBetween(3, 7);
      for (int i = 1; i < t.length; i++) {
        double step = t[i] - t[i - 1];
        assertThat(step).as("max %d", max).isGreaterThanOrEqualTo(1).isEqualTo(Math.rint(step));
        assertThat(step).as("max %d", max).isEqualTo(t[1] - t[0]);
      }
      // the data fill a good part of the axis: at least half of it above 3
      if (max > 3) {
        assertThat(max).as("max %d", max).isGreaterThanOrEqualTo((int) (axis.hi() / 2));
      }
    }
    assertThat(Axis.counts(28).ticks())
        .containsExactly(new double[] {0, 5, 10, 15, 20, 25, 30}, within(1e-12));
    assertThat(Axis.counts(3).ticks()).containsExactly(new double[] {0, 1, 2, 3, 4}, within(1e-12));
  }

  @Test
  void ticksAreRoundEvenlySpacedEncloseTheDataAndAreLabelledAlike() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      double scale = Math.pow(10, rng.nextInt(-6, 7));
      double a = (rng.nextDouble() * 2 - (rng.nextBoolean() ? 1 : 0)) * scale;
      // a range of at least a millionth of the values' scale, as a chart's data have
      double width = scale * (0.001 + rng.nextDouble()) * (rng.nextInt(4) == 0 ? 1e-3 : 1);
      double b = a + width;
      double lo = Math.min(a, b);
      double hi = Math.max(a, b);
      Axis axis = Axis.of(lo, hi);
      double[] t = axis.ticks();
      String what = "data " + lo + " to " + hi + ": ticks " + java.util.Arrays.toString(t);
      assertThat(t.length).as(what).isBetween(4, 7);
      assertThat(t[0]).as(what).isLessThanOrEqualTo(lo);
      assertThat(t[t.length - 1]).as(what).isGreaterThanOrEqualTo(hi);
      if (lo >= 0) {
        assertThat(t[0]).as(what).isGreaterThanOrEqualTo(0);
      }
      if (lo >= 0 && hi <= 1) {
        assertThat(t[t.length - 1]).as(what).isLessThanOrEqualTo(1 + 1e-12);
      }
      double step = t[1] - t[0];
      double power = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
      double unit = step / power;
      assertThat(List.of(1.0, 2.0, 2.5, 5.0))
          .as(what)
          .anySatisfy(f -> assertThat(unit).isCloseTo(f, within(1e-6)));
      for (int j = 1; j < t.length; j++) {
        assertThat(t[j] - t[j - 1]).as(what).isCloseTo(step, within(step * 1e-9));
        // a whole number of steps from 0 (the step taken from the ticks loses digits when they
        // lie far from 0 for their spacing)
        double steps = t[j] / step;
        assertThat(steps)
            .as(what)
            .isCloseTo(Math.rint(steps), within(1e-6 + Math.abs(steps) * 1e-9));
      }
      List<String> labels = labels(axis);
      Set<Integer> decimals = new HashSet<>();
      for (int j = 0; j < t.length; j++) {
        String label = labels.get(j);
        int dot = label.indexOf('.');
        decimals.add(dot < 0 ? 0 : label.length() - dot - 1);
        assertThat(label).as(what + ": a negative zero").doesNotMatch("-0(\\.0*)?");
        assertThat(Double.parseDouble(label)).as(what).isCloseTo(t[j], within(step * 1e-6));
      }
      assertThat(decimals).as(what).hasSize(1);
      assertThat(new HashSet<>(labels)).as(what).hasSize(labels.size());
    }
  }

  @Test
  void theChartShowsTheAxisLabels() {
    Html svg =
        SvgCharts.lines(
            "loss per epoch",
            "cross-entropy",
            List.of(
                new SvgCharts.Series("train", "train", new double[] {0.2263, 0.05, 0.0028}),
                new SvgCharts.Series("dev", "dev", new double[] {0.1224, 0.09, 0.0955})));
    List<String> shown = new ArrayList<>();
    Matcher m = TICK_LABEL.matcher(svg.markup());
    while (m.find()) {
      shown.add(m.group(1));
    }
    assertThat(shown).containsExactly("0.00", "0.05", "0.10", "0.15", "0.20", "0.25");
  }

  @Test
  void aHistogramsBarsSitAtTheirValuesOnARoundAxis() {
    // 20 bins from 0 to 18.7, the tallest 180: values 0 to 20 in fives, counts 0 to 200 in fifties
    int[] counts = new int[20];
    for (int b = 0; b < counts.length; b++) {
      counts[b] = 180 - 9 * b;
    }
    String svg =
        SvgCharts.histogram("unit 2", "activation", new Histogram(0, 18.7, counts)).markup();
    List<String> shown = new ArrayList<>();
    List<Double> xs = new ArrayList<>();
    Matcher m =
        Pattern.compile("<text class=\"tick\" x=\"([0-9.]+)\" y=\"[0-9.]+\" [^>]*>([^<]*)<")
            .matcher(svg);
    while (m.find()) {
      shown.add(m.group(2));
      xs.add(Double.parseDouble(m.group(1)));
    }
    assertThat(shown).containsExactly("0", "50", "100", "150", "200", "0", "5", "10", "15", "20");
    double x0 = xs.get(5);
    double x20 = xs.get(9);
    Matcher bars =
        Pattern.compile("<rect class=\"bar\" x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\"")
            .matcher(svg);
    double right = 0;
    double left = Double.MAX_VALUE;
    int n = 0;
    while (bars.find()) {
      double x = Double.parseDouble(bars.group(1));
      left = Math.min(left, x);
      right = Math.max(right, x + Double.parseDouble(bars.group(2)));
      n++;
    }
    assertThat(n).isEqualTo(20);
    // the bars span 0 to 18.7 of the axis' 0 to 20 (half a pixel of gap at each end of a bar)
    assertThat(left).isCloseTo(x0, within(1.0));
    assertThat(right).isCloseTo(x0 + (x20 - x0) * 18.7 / 20, within(1.0));
  }

  private static List<String> labels(Axis axis) {
    List<String> labels = new ArrayList<>();
    for (double v : axis.ticks()) {
      labels.add(axis.label(v));
    }
    return labels;
  }

  @Test
  void aClassChangeGoesUpOrDownFromZeroByItsSize() {
    String svg =
        SvgCharts.classChanges(
                "t",
                neuronlens.data.ClassNames.DIGITS,
                new double[] {-0.04, 0, 0.02, 0, 0, 0, 0, 0, 0, 0},
                "pp",
                100)
            .markup();
    Matcher zero =
        Pattern.compile("<line class=\"frame\" x1=\"\\d+\" y1=\"([0-9.]+)\"").matcher(svg);
    assertThat(zero.find()).isTrue();
    assertThat(zero.find()).isTrue(); // the first is the bottom of the frame, the second 0
    double z = Double.parseDouble(zero.group(1));
    Matcher bars =
        Pattern.compile(
                "<rect class=\"bar( neg)?\" x=\"[0-9.]+\" y=\"([0-9.]+)\" width=\"[0-9.]+\""
                    + " height=\"([0-9.]+)\"><title>(\\d): ([^<]*)</title>")
            .matcher(svg);
    double[] top = new double[10];
    double[] height = new double[10];
    boolean[] neg = new boolean[10];
    while (bars.find()) {
      int c = Integer.parseInt(bars.group(4));
      neg[c] = bars.group(1) != null;
      top[c] = Double.parseDouble(bars.group(2));
      height[c] = Double.parseDouble(bars.group(3));
    }
    assertThat(neg[0]).isTrue();
    assertThat(top[0]).isCloseTo(z, within(0.05)); // hangs from 0
    assertThat(neg[2]).isFalse();
    assertThat(top[2] + height[2]).isCloseTo(z, within(0.05)); // stands on 0
    assertThat(height[0] / height[2]).isCloseTo(2.0, within(0.02)); // -4 pp against +2 pp
    assertThat(height[1]).isZero();
    assertThat(svg).contains("<title>0: -4.00 pp</title>");
  }
}
