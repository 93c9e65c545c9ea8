package neuronlens.vis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Charts drawn straight with Java2D: histograms and optimization curves, 640×400, as images. (A
 * charting library drew these before; it drew every label as filled outlines, which made its plots
 * the costliest figures of a run.)
 */
public final class Plots {
  static final int WIDTH = 640;
  static final int HEIGHT = 400;
  static final int LEFT = 72;
  static final int RIGHT = 18;
  static final int TOP = 36;
  static final int BOTTOM = 52;
  private static final Color BAR = new Color(33, 102, 172);
  private static final Color GRID = new Color(225, 225, 225);
  private static final Color AXIS = new Color(120, 120, 120);
  private static final Color[] PALETTE = {
    new Color(31, 119, 180),
    new Color(255, 127, 14),
    new Color(44, 160, 44),
    new Color(214, 39, 40),
    new Color(148, 103, 189),
    new Color(140, 86, 75),
    new Color(227, 119, 194),
    new Color(127, 127, 127),
    new Color(188, 189, 34),
    new Color(23, 190, 207),
    new Color(0, 0, 128),
    new Color(128, 0, 0)
  };

  private Plots() {}

  /** A histogram of {@code values} over {@code bins} equal bins between their min and max. */
  public static BufferedImage histogram(float[] values, int bins, String title, String xLabel) {
    // the counting in a method of its own, apart from the drawing: its loops over 10,000 values
    // made the compiler compile this whole method, drawing inlined, from a loop (on-stack
    // replacement, 0.1 s of a core)
    double[] range = range(values);
    double lo = range[0];
    double hi = range[1];
    double width = (hi - lo) / bins;
    int[] counts = counts(values, bins, lo, width);
    int max = 0;
    for (int c : counts) {
      max = Math.max(max, c);
    }
    Frame f = new Frame(title, xLabel, "count", lo, hi, 0, Math.max(1, max) * 1.05, true);
    Graphics2D g = f.g;
    g.setColor(BAR);
    for (int b = 0; b < bins; b++) {
      if (counts[b] == 0) {
        continue;
      }
      int x0 = f.x(lo + b * width);
      int x1 = f.x(lo + (b + 1) * width);
      // a pixel between bars; a bar is at least a pixel high, so that a count of 1 shows
      int y0 = Math.min(f.y(counts[b]), f.bottom - 1);
      g.fillRect(x0 + 1, y0, Math.max(1, x1 - x0 - 1), f.bottom - y0);
    }
    return f.finish();
  }

  /**
   * The least and the greatest of {@code values}; a range of 1 above the least if they are equal.
   */
  private static double[] range(float[] values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    return new double[] {lo, hi};
  }

  /** How many of {@code values} fall in each of {@code bins} bins of {@code width} from lo. */
  private static int[] counts(float[] values, int bins, double lo, double width) {
    int[] counts = new int[bins];
    for (float v : values) {
      counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
    }
    return counts;
  }

  /** The objective over the steps, one line per curve (at most 12 are labelled). */
  public static BufferedImage curves(List<float[]> curves, List<String> names, String title) {
    return curves(curves, names, title, "step", "objective");
  }

  /** Curves over x = 0, 1, ..., one line each (at most 12 are labelled), with these axis titles. */
  public static BufferedImage curves(
      List<float[]> curves, List<String> names, String title, String xLabel, String yLabel) {
    int steps = 1;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float[] y : curves) {
      steps = Math.max(steps, y.length);
      for (float v : y) {
        if (Float.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (!(hi >= lo)) {
      lo = 0;
      hi = 1;
    }
    double pad = hi > lo ? (hi - lo) * 0.05 : 1;
    Frame f = new Frame(title, xLabel, yLabel, 0, steps - 1, lo - pad, hi + pad, false);
    Graphics2D g = f.g;
    // a whole layer's curves overlap in a band where smoothing shows nothing: they are drawn
    // plain and from at most 200 points each (smoothed, 128 curves of 500 points took 0.1-0.5 s)
    boolean few = curves.size() <= 12;
    int stride = few ? 1 : Math.max(1, (steps + 199) / 200);
    if (few) {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    }
    g.setStroke(new BasicStroke(few ? 1.5f : 1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setClip(f.left, f.top, f.right - f.left + 1, f.bottom - f.top + 1);
    for (int i = 0; i < curves.size(); i++) {
      float[] y = curves.get(i);
      int[] xs = new int[y.length];
      int[] ys = new int[y.length];
      int n = 0;
      // every stride-th point and the last
      for (int p = 0;
          p < y.length;
          p = p == y.length - 1 ? y.length : Math.min(p + stride, y.length - 1)) {
        if (!Float.isFinite(y[p])) {
          continue;
        }
        int px = f.x(p);
        int py = f.y(y[p]);
        if (n > 0 && xs[n - 1] == px && ys[n - 1] == py) {
          continue; // the same pixel: nothing to draw
        }
        xs[n] = px;
        ys[n] = py;
        n++;
      }
      g.setColor(color(i, curves.size()));
      g.drawPolyline(xs, ys, n);
    }
    g.setClip(null);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    if (curves.size() <= 12) {
      legend(g, f, names, curves);
    }
    return f.finish();
  }

  /**
   * One dot per point {@code (x[i], y[i])} (points with a coordinate that is not finite are left
   * out), the points whose {@code names[i]} is not null labelled beside their dot.
   */
  public static BufferedImage scatter(
      double[] x, double[] y, String[] names, String title, String xLabel, String yLabel) {
    double[] xr = finiteRange(x, y, x);
    double[] yr = finiteRange(x, y, y);
    double xp = (xr[1] - xr[0]) * 0.05;
    double yp = (yr[1] - yr[0]) * 0.08;
    Frame f =
        new Frame(title, xLabel, yLabel, xr[0] - xp, xr[1] + xp, yr[0] - yp, yr[1] + yp, false);
    Graphics2D g = f.g;
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(BAR.getRed(), BAR.getGreen(), BAR.getBlue(), 170));
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        g.fill(new java.awt.geom.Ellipse2D.Double(f.x(x[i]) - 3.5, f.y(y[i]) - 3.5, 7, 7));
      }
    }
    g.setFont(Canvas.LABEL);
    g.setColor(Canvas.INK);
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < x.length; i++) {
      if (names[i] != null && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        // beside the dot, on its left when it would run past the frame
        int w = fm.stringWidth(names[i]);
        int px = f.x(x[i]) + 6 + w > f.right ? f.x(x[i]) - 6 - w : f.x(x[i]) + 6;
        g.drawString(names[i], px, f.y(y[i]) + fm.getAscent() / 2 - 1);
      }
    }
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    return f.finish();
  }

  /** The range of {@code v} over the points whose two coordinates are finite; [0, 1] for none. */
  private static double[] finiteRange(double[] x, double[] y, double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < v.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        lo = Math.min(lo, v[i]);
        hi = Math.max(hi, v[i]);
      }
    }
    if (!(hi >= lo)) {
      return new double[] {0, 1};
    }
    return hi > lo ? new double[] {lo, hi} : new double[] {lo - 0.5, hi + 0.5};
  }

  /** Curve {@code i}'s colour: the palette for a few curves, a hue circle for a whole layer. */
  private static Color color(int i, int count) {
    if (count <= PALETTE.length) {
      return PALETTE[i];
    }
    return Color.getHSBColor((float) i / count, 0.75f, 0.8f);
  }

  /**
   * The legend, in the corner of the frame where it covers the fewest of the curves' points (the
   * bottom right, then the top right, the bottom left and the top left on ties).
   */
  private static void legend(Graphics2D g, Frame f, List<String> names, List<float[]> curves) {
    g.setFont(Canvas.LABEL);
    FontMetrics fm = g.getFontMetrics();
    int line = fm.getHeight();
    int w = 0;
    for (String s : names) {
      w = Math.max(w, fm.stringWidth(s));
    }
    int boxW = w + 40;
    int boxH = line * names.size() + 8;
    int[][] corners = {
      {f.right - boxW - 8, f.bottom - boxH - 8},
      {f.right - boxW - 8, f.top + 8},
      {f.left + 8, f.bottom - boxH - 8},
      {f.left + 8, f.top + 8}
    };
    int best = 0;
    long fewest = Long.MAX_VALUE;
    for (int c = 0; c < corners.length; c++) {
      long covered = 0;
      for (float[] curve : curves) {
        for (int p = 0; p < curve.length; p++) {
          int px = f.x(p);
          int py = Float.isFinite(curve[p]) ? f.y(curve[p]) : Integer.MIN_VALUE;
          if (px >= corners[c][0]
              && px <= corners[c][0] + boxW
              && py >= corners[c][1]
              && py <= corners[c][1] + boxH) {
            covered++;
          }
        }
      }
      if (covered < fewest) {
        fewest = covered;
        best = c;
      }
    }
    int x = corners[best][0];
    int y = corners[best][1];
    g.setColor(Color.WHITE);
    g.fillRect(x, y, boxW, boxH);
    g.setColor(AXIS);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x, y, boxW, boxH);
    g.setStroke(new BasicStroke(2f));
    for (int i = 0; i < names.size(); i++) {
      int base = y + 4 + line * i + fm.getAscent();
      g.setColor(color(i, names.size()));
      g.drawLine(x + 8, base - fm.getAscent() / 2 + 1, x + 28, base - fm.getAscent() / 2 + 1);
      g.setColor(Canvas.INK);
      g.drawString(names.get(i), x + 34, base);
    }
  }

  /** A chart's canvas: title, axes with ticks, grid lines and axis titles, and its scales. */
  private static final class Frame {
    final BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    final Graphics2D g = Canvas.create(img);
    final int left = LEFT;
    final int right = WIDTH - RIGHT;
    final int top = TOP;
    final int bottom = HEIGHT - BOTTOM;
    final double x0;
    final double x1;
    final double y0;
    final double y1;

    Frame(
        String title,
        String xLabel,
        String yLabel,
        double x0,
        double x1,
        double y0,
        double y1,
        boolean integerY) {
      this.x0 = x0;
      this.x1 = x1 > x0 ? x1 : x0 + 1;
      this.y0 = y0;
      this.y1 = y1 > y0 ? y1 : y0 + 1;
      Canvas.centred(g, title, Canvas.TITLE, WIDTH / 2, 22);
      g.setFont(Canvas.LABEL);
      FontMetrics fm = g.getFontMetrics();
      double xs = step(this.x1 - this.x0, 8);
      for (double t = Math.ceil(this.x0 / xs) * xs; t <= this.x1 + xs * 1e-9; t += xs) {
        int px = x(t);
        g.setColor(GRID);
        g.drawLine(px, top, px, bottom);
        g.setColor(Canvas.INK);
        g.drawLine(px, bottom, px, bottom + 4);
        String s = label(t, xs);
        g.drawString(s, px - fm.stringWidth(s) / 2, bottom + 6 + fm.getAscent());
      }
      double ys = step(this.y1 - this.y0, 6);
      if (integerY) {
        ys = Math.max(1, Math.round(ys));
      }
      for (double t = Math.ceil(this.y0 / ys) * ys; t <= this.y1 + ys * 1e-9; t += ys) {
        int py = y(t);
        g.setColor(GRID);
        g.drawLine(left, py, right, py);
        g.setColor(Canvas.INK);
        g.drawLine(left - 4, py, left, py);
        String s = label(t, ys);
        g.drawString(s, left - 7 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
      }
      Canvas.centred(g, xLabel, Canvas.LABEL, (left + right) / 2, HEIGHT - 12);
      AffineTransform saved = g.getTransform();
      g.rotate(-Math.PI / 2);
      Canvas.centred(g, yLabel, Canvas.LABEL, -(top + bottom) / 2, 16);
      g.setTransform(saved);
    }

    int x(double v) {
      return left + (int) Math.round((v - x0) / (x1 - x0) * (right - left));
    }

    int y(double v) {
      return bottom - (int) Math.round((v - y0) / (y1 - y0) * (bottom - top));
    }

    BufferedImage finish() {
      g.setColor(AXIS);
      g.setStroke(new BasicStroke(1f));
      g.drawRect(left, top, right - left, bottom - top);
      g.dispose();
      return img;
    }
  }

  /** A round tick step (1, 2 or 5 times a power of ten) giving about {@code ticks} ticks. */
  static double step(double range, int ticks) {
    double raw = range / ticks;
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  }

  /** A tick label with the decimals its step needs, thousands grouped. */
  static String label(double v, double step) {
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    String s = String.format(Locale.ROOT, "%,." + decimals + "f", v);
    return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
  }
}
