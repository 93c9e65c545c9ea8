package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The charts measured on their pixels: bar heights follow the counts, curves their values. */
class PlotsTest {
  private static final int BAR = 0x2166ac; // the histogram's bar colour (33, 102, 172)

  @Test
  void barHeightsAreProportionalToTheCountsAndEmptyBinsHaveNoBar() {
    // 4 bins over [0, 4]: counts 1, 10, 0, 40 (the maximum 4 falls into the last bin)
    List<Float> v = new ArrayList<>();
    v.add(0.5f);
    for (int i = 0; i < 10; i++) {
      v.add(1.5f);
    }
    for (int i = 0; i < 39; i++) {
      v.add(3.5f);
    }
    v.add(4f);
    float[] values = new float[v.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = v.get(i);
    }
    BufferedImage img = Plots.histogram(values, 4, "test", "value");
    assertThat(img.getWidth()).isEqualTo(Plots.WIDTH);
    int[] heights = new int[4];
    int plotLeft = Plots.LEFT;
    int plotRight = Plots.WIDTH - Plots.RIGHT;
    for (int b = 0; b < 4; b++) {
      int x = plotLeft + (int) ((b + 0.5) * (plotRight - plotLeft) / 4);
      for (int y = 0; y < img.getHeight(); y++) {
        if ((img.getRGB(x, y) & 0xffffff) == BAR) {
          heights[b]++;
        }
      }
    }
    assertThat(heights[2]).isZero();
    assertThat(heights[0]).isGreaterThanOrEqualTo(1);
    // the y axis runs to 1.05 × the largest count over the plot's height
    assertThat((double) heights[3] / heights[1]).isCloseTo(4.0, within(0.1));
    assertThat((double) heights[3] / heights[0]).isCloseTo(40.0, within(40.0 * 0.15));
  }

  @Test
  void aConstantCurveIsDrawnAsAFlatLineAtItsHeight() {
    float[] flat = new float[300];
    java.util.Arrays.fill(flat, 3f);
    float[] rising = new float[300];
    for (int i = 0; i < rising.length; i++) {
      rising[i] = i / 100f; // 0 .. 2.99
    }
    BufferedImage img = Plots.curves(List.of(flat, rising), List.of("flat", "rising"), "t");
    // the flat curve (the first colour, blue) is one row across the plot, where the scale puts 3:
    // values 0 .. 3 padded by 5 % of the range each way, over the plot's rows
    int blue = 0x1f77b4;
    int top = Plots.TOP;
    int bottom = Plots.HEIGHT - Plots.BOTTOM;
    int expected = bottom - (int) Math.round((3 + 0.15) / 3.3 * (bottom - top));
    assertThat(rowOf(img, Plots.LEFT + 100, blue)).isCloseTo(expected, within(1));
    assertThat(rowOf(img, Plots.LEFT + 300, blue)).isCloseTo(expected, within(1));
    // the rising curve is higher (smaller y) at its right end than at its start
    int orange = 0xff7f0e;
    assertThat(rowOf(img, Plots.LEFT + 250, orange))
        .isLessThan(rowOf(img, Plots.LEFT + 20, orange));
  }

  @Test
  void theLegendTakesTheCornerTheCurvesLeaveFree() {
    float[] rising = new float[100];
    float[] falling = new float[100];
    for (int i = 0; i < 100; i++) {
      rising[i] = i;
      falling[i] = 99 - i;
    }
    // rising curves leave the bottom right free; falling ones the top right
    int right = Plots.WIDTH - Plots.RIGHT - 20;
    int low = Plots.HEIGHT - Plots.BOTTOM - 14;
    int high = Plots.TOP + 14;
    BufferedImage up = Plots.curves(List.of(rising), List.of("a curve"), "t", "x", "y");
    BufferedImage down = Plots.curves(List.of(falling), List.of("a curve"), "t", "x", "y");
    assertThat(legendAt(up, right, low)).isTrue();
    assertThat(legendAt(up, right, high)).isFalse();
    assertThat(legendAt(down, right, high)).isTrue();
    assertThat(legendAt(down, right, low)).isFalse();
  }

  /** Whether the legend's name ("a curve", dark ink on white) is drawn around (x, y). */
  private static boolean legendAt(BufferedImage img, int x, int y) {
    for (int dy = -8; dy <= 8; dy++) {
      for (int dx = -60; dx <= 0; dx++) {
        int rgb = img.getRGB(x + dx, y + dy) & 0xffffff;
        if (((rgb >> 16) & 0xff) < 80 && ((rgb >> 8) & 0xff) < 80 && (rgb & 0xff) < 80) {
          return true; // ink: the legend's text (the grid and the curve are lighter or blue)
        }
      }
    }
    return false;
  }

  @Test
  void ticksAreRoundStepsAndLabelsHaveTheDecimalsTheStepNeeds() {
    assertThat(Plots.step(10, 5)).isEqualTo(2.0);
    assertThat(Plots.step(1000, 6)).isEqualTo(200.0);
    assertThat(Plots.step(0.37, 6)).isCloseTo(0.05, within(1e-12));
    assertThat(Plots.step(499, 8)).isEqualTo(50.0);
    assertThat(Plots.label(8000, 2000)).isEqualTo("8,000");
    assertThat(Plots.label(0.15, 0.05)).isEqualTo("0.15");
    assertThat(Plots.label(-0.0001, 0.5)).isEqualTo("0.0");
    assertThat(Plots.label(2.5, 0.5)).isEqualTo("2.5");
  }

  /** The topmost row of column {@code x} with colour {@code rgb}, or -1. */
  private static int rowOf(BufferedImage img, int x, int rgb) {
    for (int y = 0; y < img.getHeight(); y++) {
      if ((img.getRGB(x, y) & 0xffffff) == rgb) {
        return y;
      }
    }
    return -1;
  }
}
