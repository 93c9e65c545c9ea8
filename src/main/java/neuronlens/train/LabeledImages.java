package neuronlens.train;

/**
 * What training and evaluation need of a split: {@code count} images of 784 unsigned bytes,
 * row-major and concatenated, and one label byte per image.
 */
public record LabeledImages(byte[] images, byte[] labels, int count) {
  public LabeledImages {
    if (images.length != (long) count * 784 || labels.length != count) {
      throw new IllegalArgumentException("expected " + count + " images of 784 bytes and " + count
          + " labels, found " + images.length + " bytes and " + labels.length + " labels");
    }
  }
}
