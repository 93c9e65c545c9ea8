package neuronlens.data;

/**
 * The checked contents of one IDX file: its dimensions and its unsigned-byte payload, row-major.
 *
 * @param kind images or labels
 * @param dims the sizes from the header: (count, rows, columns) for images, (count) for labels
 * @param data the payload, exactly the product of {@code dims} bytes
 */
public record IdxData(IdxKind kind, int[] dims, byte[] data) {
  /** Number of items (images or labels): the first dimension. */
  public int count() {
    return dims[0];
  }
}
