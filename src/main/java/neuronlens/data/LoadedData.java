package neuronlens.data;

import java.util.Map;

/**
 * A dataset ready to use, with where it came from and the SHA-256 of each raw file.
 *
 * @param name dataset name ("mnist", "fashion-mnist", or the directory given with --data)
 * @param origin where the files were read from, and where they were fetched from if known
 * @param splits train, dev and test
 * @param sha256 the SHA-256 of each raw (decompressed) file
 */
public record LoadedData(String name, String origin, Splits splits, Map<MnistFile, String> sha256) {
  /** Copies the hash map so the record stays immutable. */
  public LoadedData {
    sha256 = Map.copyOf(sha256);
  }

  /**
   * What the classes are called: a dataset fetched by name, or a directory holding exactly its
   * files (the same SHA-256), gets its class names; other files get their label numbers.
   */
  public ClassNames classes() {
    for (KnownDataset k : KnownDataset.values()) {
      if (k.id().equals(name) || k.sha256().equals(sha256)) {
        return k.classNames();
      }
    }
    return ClassNames.numbered(Dataset.CLASSES);
  }
}
