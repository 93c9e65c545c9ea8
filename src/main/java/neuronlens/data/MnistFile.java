package neuronlens.data;

/** The four IDX files of an MNIST-format dataset, under their customary names. */
public enum MnistFile {
  /** Training images (split into train and dev). */
  TRAIN_IMAGES("train-images-idx3-ubyte", IdxKind.IMAGES),
  /** Training labels. */
  TRAIN_LABELS("train-labels-idx1-ubyte", IdxKind.LABELS),
  /** Test images. */
  TEST_IMAGES("t10k-images-idx3-ubyte", IdxKind.IMAGES),
  /** Test labels. */
  TEST_LABELS("t10k-labels-idx1-ubyte", IdxKind.LABELS);

  private final String fileName;
  private final IdxKind kind;

  MnistFile(String fileName, IdxKind kind) {
    this.fileName = fileName;
    this.kind = kind;
  }

  /** The raw file name, without {@code .gz}. */
  public String fileName() {
    return fileName;
  }

  /** Whether the file holds images or labels. */
  public IdxKind kind() {
    return kind;
  }
}
