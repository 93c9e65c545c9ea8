package neuronlens.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import neuronlens.AtomicFiles;
import neuronlens.BadDataException;

/**
 * The cached raw files of one known dataset: read and verified against the pinned SHA-256 when
 * present, otherwise fetched from each source in turn, verified, and written atomically.
 */
final class DataCache {
  /** Small text file beside the data saying which source filled the cache. */
  static final String ORIGIN_FILE = "SOURCE.txt";

  private final String id;
  private final Map<MnistFile, String> pinned;
  private final Path dir;
  private final List<DataSource> sources;
  private final FetchProgress progress;

  /**
   * @param id dataset name for messages
   * @param pinned the SHA-256 every raw file must have
   */
  DataCache(
      String id,
      Map<MnistFile, String> pinned,
      Path dir,
      List<DataSource> sources,
      FetchProgress progress) {
    this.id = id;
    this.pinned = Map.copyOf(pinned);
    this.dir = dir;
    this.sources = sources;
    this.progress = progress;
  }

  /** Verified file contents and a line saying where they came from. */
  record Contents(String origin, Map<MnistFile, IdxData> files) {}

  /** The verified contents of the four files, fetching them first if any is missing. */
  Contents load() {
    for (MnistFile f : MnistFile.values()) {
      if (DatasetFiles.find(dir, f) == null) {
        return fetch();
      }
    }
    Map<MnistFile, IdxData> data = new EnumMap<>(MnistFile.class);
    for (MnistFile f : MnistFile.values()) {
      Path p = DatasetFiles.find(dir, f);
      IdxData d = IdxReader.read(p, f.kind());
      String found = Sha256.of(d);
      if (!found.equals(pinned.get(f))) {
        throw new BadDataException(
            p
                + ": SHA-256: expected "
                + pinned.get(f)
                + ", found "
                + found
                + " (delete the file to fetch it again)");
      }
      data.put(f, d);
    }
    return new Contents("cache " + dir + originNote(), data);
  }

  private String originNote() {
    try {
      String s = Files.readString(dir.resolve(ORIGIN_FILE)).strip();
      return s.isEmpty() ? "" : ", fetched with " + s;
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private Contents fetch() {
    List<String> tried = new ArrayList<>();
    for (DataSource s : sources) {
      progress.trying(s.describe());
      Map<MnistFile, byte[]> raw;
      Map<MnistFile, IdxData> data;
      try {
        raw = s.fetch(progress);
        data = verify(raw);
      } catch (IOException | RuntimeException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        progress.failed(s.describe(), reason);
        tried.add(s.describe() + ": " + reason);
        continue;
      }
      for (MnistFile f : MnistFile.values()) {
        AtomicFiles.write(dir.resolve(f.fileName()), raw.get(f));
        progress.fetched(f.fileName(), raw.get(f).length);
      }
      AtomicFiles.writeString(dir.resolve(ORIGIN_FILE), s.describe() + "\n");
      return new Contents("cache " + dir + ", fetched with " + s.describe(), data);
    }
    throw new BadDataException(
        "cannot get "
            + id
            + ": tried "
            + String.join("; ", tried)
            + ". To provide the files by hand, put the four IDX files (train-images-idx3-ubyte,"
            + " train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, raw or .gz)"
            + " in "
            + dir
            + " or pass --data DIR");
  }

  /** Checks each file's hash against the pinned one, then parses it. */
  private Map<MnistFile, IdxData> verify(Map<MnistFile, byte[]> raw) {
    Map<MnistFile, IdxData> data = new EnumMap<>(MnistFile.class);
    for (MnistFile f : MnistFile.values()) {
      byte[] bytes = raw.get(f);
      if (bytes == null) {
        throw new BadDataException(f.fileName() + ": expected from the source, found nothing");
      }
      String found = Sha256.of(bytes);
      if (!found.equals(pinned.get(f))) {
        throw new BadDataException(
            f.fileName() + ": SHA-256: expected " + pinned.get(f) + ", found " + found);
      }
      data.put(f, IdxReader.read(f.fileName(), bytes, f.kind()));
    }
    return data;
  }
}
