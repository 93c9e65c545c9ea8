package neuronlens.vis;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Charts drawn with XChart: histograms and optimization curves, as images. */
public final class Plots {
  private Plots() {}

  /** A histogram of {@code values} over {@code bins} equal bins between their min and max. */
  public static BufferedImage histogram(float[] values, int bins, String title, String xLabel) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double width = (hi - lo) / bins;
    List<String> xs = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      xs.add(Canvas.tick(lo + (b + 0.5) * width, hi - lo));
      counts.add(0);
    }
    for (float v : values) {
      int b = Math.min(bins - 1, (int) ((v - lo) / width));
      counts.set(b, counts.get(b) + 1);
    }
    CategoryChart c =
        new CategoryChartBuilder()
            .width(640)
            .height(400)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle("count")
            .build();
    c.getStyler().setLegendVisible(false);
    c.getStyler().setAvailableSpaceFill(0.98);
    c.getStyler().setXAxisLabelRotation(60);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setSeriesColors(new Color[] {new Color(33, 102, 172)});
    c.getStyler().setXAxisMaxLabelCount(12);
    c.addSeries("count", xs, counts);
    return BitmapEncoder.getBufferedImage(c);
  }

  /** The objective over the steps, one line per curve (at most 12 are labelled). */
  public static BufferedImage curves(List<float[]> curves, List<String> names, String title) {
    XYChart c =
        new XYChartBuilder()
            .width(640)
            .height(400)
            .title(title)
            .xAxisTitle("step")
            .yAxisTitle("objective")
            .build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setMarkerSize(0);
    c.getStyler().setLegendVisible(curves.size() <= 12);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    for (int i = 0; i < curves.size(); i++) {
      float[] y = curves.get(i);
      // many curves (a whole layer) cannot be told apart point by point: fewer points draw faster
      int stride = Math.max(1, y.length / (curves.size() <= 12 ? 400 : 100));
      int n = (y.length + stride - 1) / stride;
      double[] xs = new double[n];
      double[] ys = new double[n];
      for (int p = 0; p < n; p++) {
        xs[p] = p * stride;
        ys[p] = y[p * stride];
      }
      c.addSeries(names.get(i), xs, ys);
    }
    return BitmapEncoder.getBufferedImage(c);
  }
}
