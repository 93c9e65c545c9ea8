package neuronlens.report;

import neuronlens.vis.ColorScale;

/**
 * One 28×28 picture of the report. The page embeds it as a PNG data URI (so the page is one file
 * that works offline wherever it is copied) and scales it up with crisp pixels.
 *
 * @param name identifies the picture within the report, e.g. {@code weights/dense_17}
 * @param values 784 values, row-major
 * @param scale how values map to colours
 */
public record Picture(String name, float[] values, ColorScale scale) {
  /** Checks the size. */
  public Picture {
    if (values.length != 784) {
      throw new IllegalArgumentException(
          "picture " + name + ": expected 784 values, found " + values.length);
    }
  }
}
