package neuronlens.data;

import java.util.Arrays;

/**
 * Labelled images kept as unsigned bytes: image {@code i} is {@code rows * cols} bytes at offset
 * {@code i * rows * cols} of {@code images}, row-major; its label (0..9) is {@code labels[i]}.
 *
 * @param images (count, rows, cols) pixels, 0..255 as unsigned bytes; the array may go on past the
 *     last image (a {@link #head} shares its file's array), and those bytes are not part of the
 *     dataset: read it by {@code count}
 * @param labels (count) class labels 0..9
 * @param count number of examples
 * @param rows image height in pixels
 * @param cols image width in pixels
 */
public record Dataset(byte[] images, byte[] labels, int count, int rows, int cols) {
  /** Number of classes: MNIST and Fashion-MNIST both have ten. */
  public static final int CLASSES = 10;

  /** Checks the arrays against the sizes; a mismatch is a caller's mistake. */
  public Dataset {
    if (count < 0 || rows < 1 || cols < 1) {
      throw new IllegalArgumentException(
          "count, rows, cols must be >= 0, 1, 1; found " + count + ", " + rows + ", " + cols);
    }
    if (labels.length != count || images.length < (long) count * rows * cols) {
      throw new IllegalArgumentException(
          String.format(
              "expected %d labels and at least %d image bytes, found %d and %d",
              count, (long) count * rows * cols, labels.length, images.length));
    }
  }

  /** Pixels in one image: rows times cols. */
  public int pixels() {
    return rows * cols;
  }

  /** The label of example {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** Pixel {@code p} (0..pixels-1) of image {@code i} as 0..255. */
  public int pixel(int i, int p) {
    return images[i * pixels() + p] & 0xff;
  }

  /**
   * The first {@code to} examples, sharing this dataset's image array (only the labels are copied):
   * the training part of a file then costs no second copy of the file's images.
   */
  public Dataset head(int to) {
    if (to < 0 || to > count) {
      throw new IllegalArgumentException("head " + to + " out of range 0.." + count);
    }
    return new Dataset(images, Arrays.copyOf(labels, to), to, rows, cols);
  }

  /** Examples {@code from} (inclusive) to {@code to} (exclusive), copied. */
  public Dataset slice(int from, int to) {
    if (from < 0 || to > count || from > to) {
      throw new IllegalArgumentException("slice " + from + ".." + to + " out of range 0.." + count);
    }
    int px = pixels();
    return new Dataset(
        Arrays.copyOfRange(images, from * px, to * px),
        Arrays.copyOfRange(labels, from, to),
        to - from,
        rows,
        cols);
  }

  /** How many examples have each label 0..9. */
  public int[] classCounts() {
    int[] counts = new int[CLASSES];
    for (int i = 0; i < count; i++) {
      counts[labels[i]]++;
    }
    return counts;
  }
}
