package neuronlens.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Takes the files from a local directory, raw or gzip, such as a Debian data package's. */
final class LocalSource implements DataSource {
  private final Path dir;
  private final String what;

  /**
   * @param what how to name it, e.g. "Debian package dataset-fashion-mnist"
   */
  LocalSource(Path dir, String what) {
    this.dir = dir;
    this.what = what;
  }

  @Override
  public String describe() {
    return what + " (" + dir + ")";
  }

  @Override
  public Map<MnistFile, byte[]> fetch(FetchProgress progress) throws IOException {
    Map<MnistFile, byte[]> files = new EnumMap<>(MnistFile.class);
    for (MnistFile f : MnistFile.values()) {
      Path raw = dir.resolve(f.fileName());
      Path gz = dir.resolve(f.fileName() + ".gz");
      Path p = Files.isRegularFile(raw) ? raw : gz;
      if (!Files.isRegularFile(p)) {
        throw new IOException(gz + " not found");
      }
      if (Files.size(p) > NpmSource.MAX_FILE) {
        throw new IOException(
            p + ": " + Files.size(p) + " bytes, expected at most " + NpmSource.MAX_FILE);
      }
      byte[] bytes;
      // through a buffer: Files.readAllBytes reads the whole file at once through a temporary
      // direct buffer of its size, which the JDK keeps cached for the thread
      try (java.io.InputStream in =
          new java.io.BufferedInputStream(Files.newInputStream(p), 1 << 16)) {
        bytes = in.readAllBytes();
      }
      files.put(f, Gzip.maybeDecompress(p.toString(), bytes, NpmSource.MAX_FILE));
    }
    return files;
  }
}
