package neuronlens.data;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads a dataset by name through the cache (fetching it when missing) or from a directory the user
 * gives; either way every file is checked and the result split into train, dev and test.
 */
public final class DataLoader {
  private final Path cacheRoot;
  private final FetchProgress progress;
  private final Function<KnownDataset, List<DataSource>> sources;

  /**
   * @param cacheRoot the cache root, see {@link CacheDirs#root}; each dataset gets a subdirectory
   * @param progress told about fetching; {@link FetchProgress#silent()} for none
   */
  public DataLoader(Path cacheRoot, FetchProgress progress) {
    this(cacheRoot, progress, KnownDataset::sources);
  }

  /** With the fetch sources chosen by the caller, for tests. */
  DataLoader(
      Path cacheRoot, FetchProgress progress, Function<KnownDataset, List<DataSource>> sources) {
    this.cacheRoot = cacheRoot;
    this.progress = progress;
    this.sources = sources;
  }

  /** Loads {@code name} ("mnist", "fashion-mnist") from the cache, fetching it when missing. */
  public LoadedData load(String name) {
    return load(KnownDataset.byName(name));
  }

  /** Loads {@code dataset} from the cache, fetching it when missing. */
  public LoadedData load(KnownDataset dataset) {
    Path dir = cacheDir(dataset);
    DataCache.Contents c =
        new DataCache(dataset.id(), dataset.sha256(), dir, sources.apply(dataset), progress).load();
    return new LoadedData(
        dataset.id(),
        c.origin(),
        DatasetFiles.splits(c.files(), Splits.DEV_SIZE),
        dataset.sha256());
  }

  /** The cache directory of {@code dataset}. */
  public Path cacheDir(KnownDataset dataset) {
    return cacheRoot.resolve(dataset.id());
  }

  /** Loads the four IDX files in {@code dir} ({@code --data DIR}), with the usual dev split. */
  public static LoadedData loadDirectory(Path dir) {
    return loadDirectory(dir, Splits.DEV_SIZE);
  }

  /** Loads the four IDX files in {@code dir}, taking the last {@code devSize} as dev. */
  public static LoadedData loadDirectory(Path dir, int devSize) {
    Map<MnistFile, IdxData> data = DatasetFiles.read(DatasetFiles.locate(dir));
    Map<MnistFile, String> sha = new EnumMap<>(MnistFile.class);
    for (Map.Entry<MnistFile, IdxData> e : data.entrySet()) {
      sha.put(e.getKey(), Sha256.of(e.getValue()));
    }
    String origin = "directory " + dir;
    for (KnownDataset known : KnownDataset.values()) {
      boolean same = true;
      for (MnistFile f : MnistFile.values()) {
        same &= known.sha256(f).equals(sha.get(f));
      }
      if (same) {
        origin += " (identical to " + known.id() + ")";
      }
    }
    return new LoadedData(dir.toString(), origin, DatasetFiles.splits(data, devSize), sha);
  }
}
