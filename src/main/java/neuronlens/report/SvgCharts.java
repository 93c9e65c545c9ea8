package neuronlens.report;

import java.util.List;
import java.util.Locale;
import neuronlens.data.ClassNames;

/**
 * Small charts as inline SVG (no script, no external file): training curves, histograms, bars per
 * class, scatter charts whose dots link to their units, and curves over a count. Colours come from
 * the report's CSS classes; every label is escaped.
 */
public final class SvgCharts {
  private static final int W = 420;
  private static final int H = 240;
  private static final int LEFT = 52;
  private static final int RIGHT = 12;
  private static final int TOP = 28;
  private static final int BOTTOM = 40;

  private SvgCharts() {}

  /** One line of a chart: a name, a CSS class and one y value per x. */
  public record Series(String name, String cssClass, double[] y) {}

  /** A line chart of {@code series} over x = 1, 2, ..., with a legend and axis ticks. */
  public static Html lines(String title, String yLabel, List<Series> series) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : s.y()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return lines(title, yLabel, series, Axis.of(lo, hi));
  }

  /**
   * {@link #lines} of whole counts, on an axis from 0 at round whole numbers (as a histogram's).
   */
  public static Html countLines(String title, String yLabel, List<Series> series) {
    double hi = 0;
    for (Series s : series) {
      for (double v : s.y()) {
        if (Double.isFinite(v)) {
          hi = Math.max(hi, v);
        }
      }
    }
    return lines(title, yLabel, series, Axis.counts((int) Math.ceil(hi)));
  }

  private static Html lines(String title, String yLabel, List<Series> series, Axis axis) {
    int n = 0;
    for (Series s : series) {
      n = Math.max(n, s.y().length);
    }
    double lo = axis.lo();
    double hi = axis.hi();
    StringBuilder sb = open(title);
    yTicks(sb, axis);
    int xmax = Math.max(n, 2);
    for (int e = 1; e <= n; e++) {
      double x = px(e, 1, xmax);
      sb.append(
          String.format(
              Locale.ROOT,
              "<text class=\"tick\" x=\"%.1f\" y=\"%d\" " + "text-anchor=\"middle\">%d</text>",
              x,
              H - BOTTOM + 16,
              e));
    }
    xLabel(sb, "epoch");
    yLabel(sb, yLabel);
    int legend = 0;
    for (Series s : series) {
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < s.y().length; i++) {
        if (Double.isFinite(s.y()[i])) {
          pts.append(
              String.format(Locale.ROOT, "%.1f,%.1f ", px(i + 1, 1, xmax), py(s.y()[i], lo, hi)));
        }
      }
      String cls = Html.escape(s.cssClass());
      sb.append("<polyline class=\"line ")
          .append(cls)
          .append("\" points=\"")
          .append(pts.toString().trim())
          .append("\"/>");
      for (String p : pts.toString().trim().split(" ")) {
        if (!p.isEmpty()) {
          String[] xy = p.split(",");
          sb.append("<circle class=\"dot ")
              .append(cls)
              .append("\" cx=\"")
              .append(xy[0])
              .append("\" cy=\"")
              .append(xy[1])
              .append("\" r=\"2.5\"/>");
        }
      }
      int lx = W - RIGHT - 150 + 80 * legend++;
      sb.append(
          String.format(
              Locale.ROOT,
              "<line class=\"line %s\" x1=\"%d\" y1=\"%d\" "
                  + "x2=\"%d\" y2=\"%d\"/><text class=\"tick\" x=\"%d\" y=\"%d\">%s</text>",
              cls,
              lx,
              TOP - 10,
              lx + 16,
              TOP - 10,
              lx + 20,
              TOP - 6,
              Html.escape(s.name())));
    }
    return close(sb);
  }

  /**
   * Bars of {@code h} over a value axis with round ticks (which may reach past the bins' range),
   * counts up the side at round whole numbers.
   */
  public static Html histogram(String title, String xLabel, Histogram h) {
    StringBuilder sb = open(title);
    Axis counts = Axis.counts(h.max());
    yTicks(sb, counts);
    Axis values = Axis.of(h.lo(), h.hi());
    int bins = h.counts().length;
    double width = (h.hi() - h.lo()) / bins;
    for (int b = 0; b < bins; b++) {
      double x0 = hx(h.lo() + b * width, values);
      double x1 = hx(h.lo() + (b + 1) * width, values);
      double y = py(h.counts()[b], counts.lo(), counts.hi());
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" " + "width=\"%.1f\" height=\"%.1f\"/>",
              x0 + 0.5,
              y,
              Math.max(0.5, x1 - x0 - 1),
              H - BOTTOM - y));
    }
    xTicks(sb, values);
    xLabel(sb, xLabel);
    return close(sb);
  }

  /**
   * One bar per class, its height {@code values[c]} on a round axis from 0, labelled by class
   * number; each bar's tooltip names its class and value.
   */
  public static Html classBars(String title, ClassNames classes, double[] values) {
    StringBuilder sb = open(title);
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    Axis axis = Axis.of(0, max > 0 ? max : 1);
    yTicks(sb, axis);
    int n = values.length;
    double bw = (W - LEFT - RIGHT) / (double) n;
    for (int c = 0; c < n; c++) {
      double y = py(Math.max(0, values[c]), axis.lo(), axis.hi());
      double x = LEFT + c * bw;
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                  + "<title>%s: %s</title></rect>",
              x + bw * 0.15,
              y,
              bw * 0.7,
              H - BOTTOM - y,
              Html.escape(classes.name(c)),
              String.format(Locale.ROOT, "%.2f", values[c])));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>",
              x + bw / 2,
              H - BOTTOM + 16,
              c));
    }
    xLabel(sb, classes.numeric() ? classes.noun() : "class (hover a bar for its name)");
    return close(sb);
  }

  /**
   * Lines of {@code series} over x = 0, 1, ..., n − 1 on round axes (x ticks at round numbers, no
   * dots), a legend of one row per series at the top right.
   */
  public static Html curves(String title, String xLabel, String yLabel, List<Series> series) {
    int n = 1;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      n = Math.max(n, s.y().length);
      for (double v : s.y()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    Axis xs = Axis.of(0, n - 1);
    Axis ys = Axis.of(lo, hi);
    StringBuilder sb = open(title);
    yTicks(sb, ys);
    xTicks(sb, xs);
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      StringBuilder pts = new StringBuilder();
      for (int x = 0; x < s.y().length; x++) {
        if (Double.isFinite(s.y()[x])) {
          pts.append(
              String.format(Locale.ROOT, "%.1f,%.1f ", hx(x, xs), py(s.y()[x], ys.lo(), ys.hi())));
        }
      }
      String cls = Html.escape(s.cssClass());
      sb.append("<polyline class=\"line thin ")
          .append(cls)
          .append("\" points=\"")
          .append(pts.toString().trim())
          .append("\"/>");
      int ly = TOP + 10 + 13 * i;
      sb.append(
          String.format(
              Locale.ROOT,
              "<line class=\"line %s\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                  + "<text class=\"tick\" x=\"%d\" y=\"%d\">%s</text>",
              cls,
              W - RIGHT - 118,
              ly,
              W - RIGHT - 102,
              ly,
              W - RIGHT - 98,
              ly + 4,
              Html.escape(s.name())));
    }
    xLabel(sb, xLabel);
    yLabel(sb, yLabel);
    return close(sb);
  }

  /**
   * One point of a scatter chart: its coordinates, its tooltip, the page anchor it links to, and a
   * label drawn beside it (null for none).
   */
  public record Dot(double x, double y, String tip, String href, String label) {}

  /**
   * A scatter chart of {@code dots} (those with a coordinate that is not finite left out) on round
   * axes; each dot a link with a tooltip.
   */
  public static Html scatter(String title, String xLabel, String yLabel, List<Dot> dots) {
    double xlo = Double.POSITIVE_INFINITY;
    double xhi = Double.NEGATIVE_INFINITY;
    double ylo = Double.POSITIVE_INFINITY;
    double yhi = Double.NEGATIVE_INFINITY;
    for (Dot d : dots) {
      if (Double.isFinite(d.x()) && Double.isFinite(d.y())) {
        xlo = Math.min(xlo, d.x());
        xhi = Math.max(xhi, d.x());
        ylo = Math.min(ylo, d.y());
        yhi = Math.max(yhi, d.y());
      }
    }
    Axis xs = Axis.of(xlo, xhi);
    Axis ys = Axis.of(ylo, yhi);
    StringBuilder sb = open(title);
    yTicks(sb, ys);
    xTicks(sb, xs);
    for (Dot d : dots) {
      if (!(Double.isFinite(d.x()) && Double.isFinite(d.y()))) {
        continue;
      }
      double x = hx(d.x(), xs);
      double y = py(d.y(), ys.lo(), ys.hi());
      sb.append("<a href=\"").append(Html.escape(d.href())).append("\">");
      sb.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"scatter\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"><title>%s</title>"
                  + "</circle>",
              x,
              y,
              Html.escape(d.tip())));
      if (d.label() != null) {
        boolean left = x > W - RIGHT - 30;
        sb.append(
            String.format(
                Locale.ROOT,
                "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
                left ? x - 6 : x + 6,
                y + 4,
                left ? "end" : "start",
                Html.escape(d.label())));
      }
      sb.append("</a>");
    }
    xLabel(sb, xLabel);
    yLabel(sb, yLabel);
    return close(sb);
  }

  /**
   * One bar per class from 0, up for a positive value and down (class {@code neg}) for a negative
   * one, on a round axis that always holds 0; each bar's tooltip names its class and value.
   */
  public static Html classChanges(
      String title, ClassNames classes, double[] values, String unit, double scale) {
    StringBuilder sb = open(title);
    double lo = 0;
    double hi = 0;
    for (double v : values) {
      lo = Math.min(lo, v * scale);
      hi = Math.max(hi, v * scale);
    }
    Axis axis = lo == hi ? Axis.of(-1, 1) : Axis.of(lo, hi);
    yTicks(sb, axis);
    double zero = py(0, axis.lo(), axis.hi());
    int n = values.length;
    double bw = (W - LEFT - RIGHT) / (double) n;
    for (int c = 0; c < n; c++) {
      double v = values[c] * scale;
      double y = py(v, axis.lo(), axis.hi());
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"bar%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                  + "<title>%s: %+.2f %s</title></rect>",
              v < 0 ? " neg" : "",
              LEFT + c * bw + bw * 0.15,
              Math.min(y, zero),
              bw * 0.7,
              Math.max(v == 0 ? 0 : 0.5, Math.abs(zero - y)),
              Html.escape(classes.name(c)),
              v,
              Html.escape(unit)));
      sb.append(
          String.format(
              Locale.ROOT,
              "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>",
              LEFT + c * bw + bw / 2,
              H - BOTTOM + 16,
              c));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "<line class=\"frame\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
            LEFT,
            zero,
            W - RIGHT,
            zero));
    xLabel(sb, classes.numeric() ? classes.noun() : "class (hover a bar for its name)");
    yLabel(sb, unit);
    return close(sb);
  }

  /** The x of value {@code v} on a histogram's value axis. */
  private static double hx(double v, Axis axis) {
    return LEFT + (v - axis.lo()) / (axis.hi() - axis.lo()) * (W - LEFT - RIGHT);
  }

  private static StringBuilder open(String title) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart\" viewBox=\"0 0 %d %d\" " + "role=\"img\" aria-label=\"%s\">",
            W,
            H,
            Html.escape(title)));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text class=\"title\" x=\"%d\" y=\"14\">%s</text>",
            LEFT,
            Html.escape(title)));
    sb.append(
        String.format(
            Locale.ROOT,
            "<line class=\"frame\" x1=\"%d\" y1=\"%d\" x2=\"%d\" " + "y2=\"%d\"/>",
            LEFT,
            H - BOTTOM,
            W - RIGHT,
            H - BOTTOM));
    return sb;
  }

  private static Html close(StringBuilder sb) {
    return new Html(sb.append("</svg>").toString());
  }

  /** Round tick labels along the x axis of a value axis. */
  private static void xTicks(StringBuilder sb, Axis axis) {
    for (double v : axis.ticks()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
              hx(v, axis),
              H - BOTTOM + 16,
              axis.label(v)));
    }
  }

  /** The x axis' title, under it. */
  private static void xLabel(StringBuilder sb, String text) {
    sb.append(
        String.format(
            Locale.ROOT,
            "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
            LEFT + (W - LEFT - RIGHT) / 2,
            H - 6,
            Html.escape(text)));
  }

  /** The y axis' title, up its left side. */
  private static void yLabel(StringBuilder sb, String text) {
    sb.append(
        String.format(
            Locale.ROOT,
            "<text class=\"axis\" x=\"12\" y=\"%d\" "
                + "text-anchor=\"middle\" transform=\"rotate(-90 12 %d)\">%s</text>",
            TOP + 90,
            TOP + 90,
            Html.escape(text)));
  }

  private static void yTicks(StringBuilder sb, Axis axis) {
    for (double v : axis.ticks()) {
      double y = py(v, axis.lo(), axis.hi());
      sb.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" "
                  + "x2=\"%d\" y2=\"%.1f\"/><text class=\"tick\" x=\"%d\" y=\"%.1f\" "
                  + "text-anchor=\"end\">%s</text>",
              LEFT,
              y,
              W - RIGHT,
              y,
              LEFT - 6,
              y + 4,
              axis.label(v)));
    }
  }

  private static double px(double x, double lo, double hi) {
    return LEFT + 8 + (x - lo) / (hi - lo) * (W - LEFT - RIGHT - 16);
  }

  private static double py(double y, double lo, double hi) {
    return H - BOTTOM - (y - lo) / (hi - lo) * (H - BOTTOM - TOP);
  }
}
