package neuronlens.vis;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Saliency pictures: the digit in gray with the saliency's magnitude laid over it in red, opaque
 * where the saliency is largest, beside the signed gradient and the integrated gradients on
 * diverging scales.
 */
public final class OverlayRenderer {
  private static final int PX = 8;
  private static final int MARGIN = 16;

  private OverlayRenderer() {}

  /**
   * A figure: digit with gradient overlay, digit with SmoothGrad overlay, the signed gradient, and
   * the integrated gradients (signed, each on its own symmetric scale).
   */
  public static BufferedImage figure(
      float[] raw, float[] gradient, float[] smooth, float[] integrated, String title) {
    int side = 28 * PX;
    int panelW = side + 24;
    int signedW = side + 20 + Canvas.COLORBAR_SPACE;
    int w = 2 * MARGIN + 2 * panelW + 2 * signedW;
    BufferedImage img = new BufferedImage(w, 34 + 22 + side + MARGIN, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Canvas.create(img);
    Canvas.centred(g, title, Canvas.TITLE, w / 2, 23);
    int y = 56;
    overlay(img, raw, gradient, MARGIN, y);
    Canvas.frame(g, MARGIN, y, side, side);
    Canvas.centred(g, "gradient |∂score/∂x| on the image", Canvas.LABEL, MARGIN + side / 2, y - 7);
    overlay(img, raw, smooth, MARGIN + panelW, y);
    Canvas.frame(g, MARGIN + panelW, y, side, side);
    Canvas.centred(g, "SmoothGrad on the image", Canvas.LABEL, MARGIN + panelW + side / 2, y - 7);
    signed(g, img, gradient, "signed gradient", MARGIN + 2 * panelW, y);
    signed(
        g, img, integrated, "integrated gradients (from black)", MARGIN + 2 * panelW + signedW, y);
    g.dispose();
    return img;
  }

  /** {@code v} on a symmetric diverging scale at ({@code x}, {@code y}), labelled, with its bar. */
  private static void signed(
      Graphics2D g, BufferedImage img, float[] v, String label, int x, int y) {
    int side = 28 * PX;
    ColorScale s = ColorScale.symmetric(Colormap.DIVERGING, v);
    Canvas.pixels(img, v, 0, x, y, PX, s);
    Canvas.frame(g, x, y, side, side);
    Canvas.centred(g, label, Canvas.LABEL, x + side / 2, y - 7);
    Canvas.colorbar(g, img, x + side + 12, y, 12, side, s);
  }

  private static void overlay(BufferedImage img, float[] raw, float[] sal, int x, int y) {
    float max = 1e-12f;
    for (float v : sal) {
      max = Math.max(max, Math.abs(v));
    }
    for (int q = 0; q < 784; q++) {
      double gray = raw[q] / 255.0 * 0.6 + 0.2; // keep the digit visible under the red
      double a = Math.abs(sal[q]) / max; // strongest pixel fully red, weak ones barely tinted
      int r = (int) Math.round(255 * (gray * (1 - a) + 0.85 * a));
      int gg = (int) Math.round(255 * (gray * (1 - a) + 0.1 * a));
      int b = (int) Math.round(255 * (gray * (1 - a) + 0.1 * a));
      int rgb = r << 16 | gg << 8 | b;
      int cx = x + (q % 28) * PX;
      int cy = y + (q / 28) * PX;
      for (int dy = 0; dy < PX; dy++) {
        for (int dx = 0; dx < PX; dx++) {
          img.setRGB(cx + dx, cy + dy, rgb);
        }
      }
    }
  }
}
