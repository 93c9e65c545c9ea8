package neuronlens.data;

/**
 * The three parts of a dataset: train is the training file without its last {@link #DEV_SIZE}
 * examples, dev is those last examples, test is the whole test file (for MNIST 55,000 / 5,000 /
 * 10,000).
 *
 * @param train examples to fit on
 * @param dev held-out examples from the training file, for choosing settings
 * @param test the test file, for the final numbers only
 */
public record Splits(Dataset train, Dataset dev, Dataset test) {
  /** Examples taken from the end of the training file for dev. */
  public static final int DEV_SIZE = 5_000;

  /** Splits {@code trainFile} into train and the last {@link #DEV_SIZE} examples as dev. */
  public static Splits of(Dataset trainFile, Dataset test) {
    return of(trainFile, test, DEV_SIZE);
  }

  /** Splits {@code trainFile} into train and its last {@code devSize} examples as dev. */
  public static Splits of(Dataset trainFile, Dataset test, int devSize) {
    if (devSize < 0 || devSize >= trainFile.count()) {
      throw new IllegalArgumentException(
          "dev size must be 0.."
              + (trainFile.count() - 1)
              + " for "
              + trainFile.count()
              + " training examples, found "
              + devSize);
    }
    int cut = trainFile.count() - devSize;
    // train shares the file's images (a copy would leave the 47 MB original dead in the old
    // generation for the rest of the run); dev is copied
    return new Splits(trainFile.head(cut), trainFile.slice(cut, trainFile.count()), test);
  }
}
