package neuronlens.data;

import java.util.List;

/** The two kinds of IDX file neuronlens reads, with the header layout each must have. */
public enum IdxKind {
  /** Unsigned-byte images: magic 0x00000803, dimensions (count, rows, columns). */
  IMAGES("images", 0x00000803, List.of("image count", "rows", "columns")),
  /** Unsigned-byte labels: magic 0x00000801, dimension (count). */
  LABELS("labels", 0x00000801, List.of("label count"));

  /** IDX data type code for unsigned bytes, the only type MNIST uses. */
  public static final int UNSIGNED_BYTE = 0x08;

  private final String noun;
  private final int magic;
  private final List<String> dimensionNames;

  IdxKind(String noun, int magic, List<String> dimensionNames) {
    this.noun = noun;
    this.magic = magic;
    this.dimensionNames = dimensionNames;
  }

  /** Plain name for messages ("images", "labels"). */
  public String noun() {
    return noun;
  }

  /** The expected 32-bit magic number. */
  public int magic() {
    return magic;
  }

  /** How many dimensions follow the magic number. */
  public int dimensions() {
    return dimensionNames.size();
  }

  /** The name of dimension {@code i} as messages use it. */
  public String dimensionName(int i) {
    return dimensionNames.get(i);
  }

  /** Header length in bytes: the magic number plus one 32-bit size per dimension. */
  public int headerBytes() {
    return 4 + 4 * dimensions();
  }
}
