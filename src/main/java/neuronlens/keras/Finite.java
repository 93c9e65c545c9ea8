package neuronlens.keras;

/** The non-finite-value check, with the index of the first bad value in the dataset's shape. */
final class Finite {
  private Finite() {}

  /** Throws naming {@code path} and the first NaN or infinite value's index. */
  static void check(HdfInput in, String path, float[] values, int[] shape) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw in.bad(
            path,
            "expected finite float32 values, found "
                + values[i]
                + " at index "
                + index(i, shape)
                + " (flat index "
                + i
                + ")");
      }
    }
  }

  /** Throws naming {@code path} and the first negative value (Adam's second moment is >= 0). */
  static void checkNonNegative(HdfInput in, String path, float[] values, int[] shape) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0f) {
        throw in.bad(
            path,
            "expected second moments >= 0, found "
                + values[i]
                + " at index "
                + index(i, shape)
                + " (flat index "
                + i
                + ")");
      }
    }
  }

  /** The multi-index of flat index {@code flat} in a row-major array of this shape: "[3, 17]". */
  static String index(int flat, int[] shape) {
    int[] idx = new int[shape.length];
    int rest = flat;
    for (int d = shape.length - 1; d >= 0; d--) {
      idx[d] = rest % shape[d];
      rest /= shape[d];
    }
    StringBuilder sb = new StringBuilder("[");
    for (int d = 0; d < idx.length; d++) {
      sb.append(d > 0 ? ", " : "").append(idx[d]);
    }
    return sb.append(']').toString();
  }
}
