package neuronlens.tensor;

/**
 * Per-pixel loops of the image kernels on square images, shared by the scalar reference and the
 * edges of the vector versions, so that every pixel sees the same operations in the same order.
 */
final class Stencils {
  private Stencils() {}

  /**
   * The total-variation gradient of pixels {@code [from, to)} of the {@code side}×{@code side}
   * image at {@code o} (see {@link Kernels#addTvGradient}); {@code w2} is twice the weight.
   */
  static void tvRange(int side, float[] x, float w2, float[] g, int o, int from, int to) {
    int y = from / side;
    int c = from % side;
    for (int p = from; p < to; p++) {
      int i = o + p;
      float xi = x[i];
      float gi = g[i];
      if (y > 0) {
        gi -= w2 * (x[i - side] - xi);
      }
      if (c > 0) {
        gi -= w2 * (x[i - 1] - xi);
      }
      if (c + 1 < side) {
        gi += w2 * (xi - x[i + 1]);
      }
      if (y + 1 < side) {
        gi += w2 * (xi - x[i + side]);
      }
      g[i] = gi;
      if (++c == side) {
        c = 0;
        y++;
      }
    }
  }

  /** {@code i} clamped into {@code [0, side)}: the blur's rule at the borders. */
  static int clamp(int i, int side) {
    return i < 0 ? 0 : i >= side ? side - 1 : i;
  }
}
