package neuronlens.vis;

import java.util.List;

/**
 * The outcome of one batched activation-maximization run: one optimized image per target unit.
 *
 * @param layer Keras name of the target layer
 * @param units the target unit of each row
 * @param objective what was raised
 * @param config the settings used
 * @param images (rows, 784) final images in the model's input space: raw 0–255 pixels as fed to the
 *     Rescaling layer (the seed's unclipped images may leave that range)
 * @param trace (steps + 1, rows): the objective before each step and after the last
 * @param probability for output units the softmax probability of the target class at the end, else
 *     null
 * @param predicted the class the network assigns to each final image
 * @param frames copies of {@code images} every {@code config.frameEvery()} steps (raw pixels)
 */
public record AmResult(
    String layer,
    int[] units,
    Objective objective,
    AmConfig config,
    float[] images,
    float[] trace,
    float[] probability,
    int[] predicted,
    List<float[]> frames) {

  /** Number of target units. */
  public int rows() {
    return units.length;
  }

  /** Image of row {@code r} as 784 raw pixels. */
  public float[] image(int r) {
    float[] out = new float[ImageOps.PIXELS];
    System.arraycopy(images, r * ImageOps.PIXELS, out, 0, ImageOps.PIXELS);
    return out;
  }

  /** The objective of row {@code r} before step {@code t} ({@code t = steps}: after the last). */
  public float objectiveAt(int t, int r) {
    return trace[t * units.length + r];
  }

  /** The objective of row {@code r} over all steps. */
  public float[] curve(int r) {
    int n = config.steps() + 1;
    float[] c = new float[n];
    for (int t = 0; t < n; t++) {
      c[t] = objectiveAt(t, r);
    }
    return c;
  }

  /** Row of unit {@code unit}, or -1. */
  public int rowOf(int unit) {
    for (int r = 0; r < units.length; r++) {
      if (units[r] == unit) {
        return r;
      }
    }
    return -1;
  }
}
