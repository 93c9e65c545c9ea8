package neuronlens.vis;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws 28×28 arrays as pictures: one image with a title and colorbar, a labelled grid of many on
 * one shared scale, and side-by-side panels. Pixels are upscaled as crisp blocks.
 */
public final class ImageRenderer {
  /** Screen pixels per image pixel in a single picture. */
  public static final int SINGLE_SCALE = 12;

  private static final int MARGIN = 16;
  private static final int TITLE_SPACE = 34;

  private ImageRenderer() {}

  /** One image (784 values at {@code off}), with {@code title} above and a colorbar. */
  public static BufferedImage single(float[] v, int off, String title, ColorScale s) {
    int side = ImageOps.SIDE * SINGLE_SCALE;
    int w = MARGIN + side + 20 + Canvas.COLORBAR_SPACE;
    int h = TITLE_SPACE + side + MARGIN;
    BufferedImage img =
        new BufferedImage(
            Math.max(w, title.length() * 9 + 2 * MARGIN), h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Canvas.create(img);
    Canvas.centred(g, title, Canvas.TITLE, img.getWidth() / 2, 23);
    Canvas.pixels(img, v, off, MARGIN, TITLE_SPACE, SINGLE_SCALE, s);
    Canvas.frame(g, MARGIN, TITLE_SPACE, side, side);
    Canvas.colorbar(g, img, MARGIN + side + 20, TITLE_SPACE, 16, side, s);
    g.dispose();
    return img;
  }

  /**
   * A grid of {@code count} images (each 784 values, consecutive in {@code v}) in {@code cols}
   * columns, each labelled, on one shared scale with one colorbar.
   */
  public static BufferedImage grid(
      float[] v, int count, String[] labels, int cols, int px, String title, ColorScale s) {
    int rowsOfCells = (count + cols - 1) / cols;
    int side = ImageOps.SIDE * px;
    int cellW = side + 6;
    int cellH = side + 18;
    int gridW = cols * cellW;
    int gridH = rowsOfCells * cellH;
    int w = MARGIN + gridW + 14 + Canvas.COLORBAR_SPACE;
    int titleW = Canvas.width(title, Canvas.TITLE) + 2 * MARGIN;
    int shift = Math.max(0, (titleW - w) / 2); // a title wider than the grid: centre the grid
    w = Math.max(w, titleW);
    BufferedImage img =
        new BufferedImage(w, TITLE_SPACE + gridH + MARGIN, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Canvas.create(img);
    Canvas.centred(g, title, Canvas.TITLE, shift > 0 ? w / 2 : MARGIN + gridW / 2, 23);
    for (int i = 0; i < count; i++) {
      int x = shift + MARGIN + (i % cols) * cellW;
      int y = TITLE_SPACE + (i / cols) * cellH;
      Canvas.centred(g, labels[i], Canvas.LABEL, x + side / 2, y + 11);
      Canvas.pixels(img, v, i * ImageOps.PIXELS, x, y + 15, px, s);
    }
    Canvas.colorbar(
        g, img, shift + MARGIN + gridW + 8, TITLE_SPACE + 15, 14, Math.min(gridH - 18, 320), s);
    g.dispose();
    return img;
  }

  /** One labelled panel of {@link #panels}. */
  public record Panel(float[] values, String title, ColorScale scale) {}

  /** Panels side by side, each with its own title and colorbar, under one overall title. */
  public static BufferedImage panels(List<Panel> panels, String title) {
    int px = 8;
    int side = ImageOps.SIDE * px;
    int panelW = side + 20 + Canvas.COLORBAR_SPACE;
    int w = 2 * MARGIN + panels.size() * panelW;
    int h = TITLE_SPACE + 22 + side + MARGIN;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Canvas.create(img);
    Canvas.centred(g, title, Canvas.TITLE, w / 2, 23);
    for (int i = 0; i < panels.size(); i++) {
      Panel p = panels.get(i);
      int x = MARGIN + i * panelW;
      int y = TITLE_SPACE + 22;
      Canvas.centred(g, p.title(), Canvas.LABEL, x + side / 2, y - 7);
      Canvas.pixels(img, p.values(), 0, x, y, px, p.scale());
      Canvas.frame(g, x, y, side, side);
      Canvas.colorbar(g, img, x + side + 12, y, 12, side, p.scale());
    }
    g.dispose();
    return img;
  }
}
