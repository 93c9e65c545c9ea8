package neuronlens.vis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Java2D drawing shared by the renderers: pixel blocks, centred text and labelled colorbars. */
final class Canvas {
  static final Color BACKGROUND = Color.WHITE;
  static final Color INK = new Color(30, 30, 30);
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private Canvas() {}

  /** A white RGB image with antialiased text. */
  static Graphics2D create(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setColor(BACKGROUND);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(INK);
    return g;
  }

  /** Draws a 28×28 image at (x, y), each pixel a {@code px}×{@code px} block, with a thin frame. */
  static void pixels(BufferedImage img, float[] v, int off, int x, int y, int px, ColorScale s) {
    if (img.getType() == BufferedImage.TYPE_INT_RGB
        || img.getType() == BufferedImage.TYPE_INT_ARGB) {
      // straight into the raster: setRGB per pixel costs a colour-model conversion each time
      int[] data = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
      int width = img.getWidth();
      int alpha = img.getType() == BufferedImage.TYPE_INT_ARGB ? 0xff000000 : 0;
      // each image row's first pixel row filled, then copied to the other px - 1
      for (int r = 0; r < ImageOps.SIDE; r++) {
        int row = (y + r * px) * width + x;
        for (int c = 0; c < ImageOps.SIDE; c++) {
          int rgb = s.rgb(v[off + r * ImageOps.SIDE + c]) | alpha;
          java.util.Arrays.fill(data, row + c * px, row + (c + 1) * px, rgb);
        }
        for (int dy = 1; dy < px; dy++) {
          System.arraycopy(data, row, data, row + dy * width, ImageOps.SIDE * px);
        }
      }
      return;
    }
    for (int r = 0; r < ImageOps.SIDE; r++) {
      for (int c = 0; c < ImageOps.SIDE; c++) {
        int rgb = s.rgb(v[off + r * ImageOps.SIDE + c]);
        for (int dy = 0; dy < px; dy++) {
          for (int dx = 0; dx < px; dx++) {
            img.setRGB(x + c * px + dx, y + r * px + dy, rgb);
          }
        }
      }
    }
  }

  static void frame(Graphics2D g, int x, int y, int w, int h) {
    g.setColor(new Color(150, 150, 150));
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x - 1, y - 1, w + 1, h + 1);
    g.setColor(INK);
  }

  /** Width in pixels of {@code text} drawn in {@code font} (antialiased, as drawn). */
  static int width(String text, Font font) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = create(scratch);
    int w = g.getFontMetrics(font).stringWidth(text);
    g.dispose();
    return w;
  }

  /** Text centred horizontally on {@code cx} with its baseline at {@code y}. */
  static void centred(Graphics2D g, String text, Font font, int cx, int y) {
    g.setFont(font);
    FontMetrics fm = g.getFontMetrics();
    g.setColor(INK);
    g.drawString(text, cx - fm.stringWidth(text) / 2, y);
  }

  /** A vertical colorbar at (x, y), {@code w}×{@code h}, high at the top, with 5 labelled ticks. */
  static void colorbar(Graphics2D g, BufferedImage img, int x, int y, int w, int h, ColorScale s) {
    // the bar's rows apart from the drawing of its frame and labels: a loop in this method made
    // the compiler compile all of it, text drawing inlined, from the loop (on-stack replacement;
    // the run's longest compilation, 0.65-1.35 s of a core while the pictures were drawn)
    bar(img, x, y, w, h, s.colormap());
    frame(g, x, y, w, h);
    g.setFont(LABEL);
    int ticks = 5;
    for (int k = 0; k < ticks; k++) {
      double t = (double) k / (ticks - 1);
      double value = s.lo() + t * (s.hi() - s.lo());
      int ty = y + (int) Math.round((1 - t) * (h - 1));
      g.drawLine(x + w, ty, x + w + 4, ty);
      g.drawString(tick(value, s.hi() - s.lo()), x + w + 7, ty + 4);
    }
  }

  /** The bar's colours, high at the top, in the {@code w}×{@code h} rectangle at (x, y). */
  private static void bar(BufferedImage img, int x, int y, int w, int h, Colormap map) {
    // an RGB raster takes the colour's low 24 bits as setRGB would store them, a row at a time
    int[] data =
        img.getType() == BufferedImage.TYPE_INT_RGB
            ? ((DataBufferInt) img.getRaster().getDataBuffer()).getData()
            : null;
    for (int i = 0; i < h; i++) {
      double t = 1.0 - (double) i / (h - 1);
      int rgb = map.rgb(t);
      if (data != null) {
        int row = (y + i) * img.getWidth() + x;
        java.util.Arrays.fill(data, row, row + w, rgb & 0xffffff);
        continue;
      }
      for (int j = 0; j < w; j++) {
        img.setRGB(x + j, y + i, rgb);
      }
    }
  }

  /** A tick label with as many decimals as the range needs. */
  static String tick(double v, double range) {
    double r = Math.abs(range);
    String f = r >= 50 ? "%.0f" : r >= 5 ? "%.1f" : r >= 0.5 ? "%.2f" : "%.3f";
    String s = String.format(java.util.Locale.ROOT, f, v);
    return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
  }

  /** Width of the colorbar plus its labels. */
  static final int COLORBAR_SPACE = 70;
}
