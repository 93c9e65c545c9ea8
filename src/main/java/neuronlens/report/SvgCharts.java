package neuronlens.report;

import java.util.List;
import java.util.Locale;

/**
 * Small charts as inline SVG (no script, no external file): training curves and activation
 * histograms. Colours come from the report's CSS classes; every label is escaped.
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
    int n = 0;
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
    if (!(hi > lo)) {
      lo = Double.isFinite(lo) ? lo - 1 : 0;
      hi = lo + 2;
    }
    double pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
    StringBuilder sb = open(title);
    yTicks(sb, lo, hi);
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
    sb.append(
        String.format(
            Locale.ROOT,
            "<text class=\"axis\" x=\"%d\" y=\"%d\" " + "text-anchor=\"middle\">epoch</text>",
            LEFT + (W - LEFT - RIGHT) / 2,
            H - 6));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text class=\"axis\" x=\"12\" y=\"%d\" "
                + "text-anchor=\"middle\" transform=\"rotate(-90 12 %d)\">%s</text>",
            TOP + 90,
            TOP + 90,
            Html.escape(yLabel)));
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

  /** Bars of {@code h} with its range on the x axis. */
  public static Html histogram(String title, String xLabel, Histogram h) {
    StringBuilder sb = open(title);
    int max = Math.max(4, (h.max() + 3) / 4 * 4); // ticks at whole counts
    yTicks(sb, 0, max);
    int bins = h.counts().length;
    double bw = (W - LEFT - RIGHT) / (double) bins;
    for (int b = 0; b < bins; b++) {
      double y = py(h.counts()[b], 0, max);
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" " + "width=\"%.1f\" height=\"%.1f\"/>",
              LEFT + b * bw + 0.5,
              y,
              Math.max(0.5, bw - 1),
              H - BOTTOM - y));
    }
    for (int t = 0; t <= 4; t++) {
      double v = h.lo() + (h.hi() - h.lo()) * t / 4;
      sb.append(
          String.format(
              Locale.ROOT,
              "<text class=\"tick\" x=\"%.1f\" y=\"%d\" " + "text-anchor=\"middle\">%s</text>",
              LEFT + (W - LEFT - RIGHT) * t / 4.0,
              H - BOTTOM + 16,
              num(v)));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "<text class=\"axis\" x=\"%d\" y=\"%d\" " + "text-anchor=\"middle\">%s</text>",
            LEFT + (W - LEFT - RIGHT) / 2,
            H - 6,
            Html.escape(xLabel)));
    return close(sb);
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

  private static void yTicks(StringBuilder sb, double lo, double hi) {
    for (int t = 0; t <= 4; t++) {
      double v = lo + (hi - lo) * t / 4;
      double y = py(v, lo, hi);
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
              num(v)));
    }
  }

  private static double px(double x, double lo, double hi) {
    return LEFT + 8 + (x - lo) / (hi - lo) * (W - LEFT - RIGHT - 16);
  }

  private static double py(double y, double lo, double hi) {
    return H - BOTTOM - (y - lo) / (hi - lo) * (H - BOTTOM - TOP);
  }

  private static String num(double v) {
    double a = Math.abs(v);
    return v == Math.rint(v) && a < 1e9
        ? Long.toString((long) v)
        : a >= 100
            ? String.format(Locale.ROOT, "%.0f", v)
            : a >= 1
                ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.3f", v);
  }
}
