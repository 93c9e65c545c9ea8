package neuronlens.cli;

import java.nio.file.Path;
import neuronlens.data.CacheDirs;
import neuronlens.data.DataLoader;
import neuronlens.data.FetchProgress;
import neuronlens.data.LoadedData;
import picocli.CommandLine.Option;

/** Which images to use: a named dataset through the cache, or a directory of IDX files. */
final class DataOptions {
  @Option(names = "--dataset", defaultValue = "mnist", paramLabel = "NAME",
      description = "mnist (default) or fashion-mnist; fetched into the cache when missing.")
  String dataset;

  @Option(names = "--data", paramLabel = "DIR",
      description = "A directory holding the four IDX files (raw or .gz) instead of --dataset.")
  Path dir;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Cache directory (default: $NEURONLENS_CACHE, else $XDG_CACHE_HOME/neuronlens,"
          + " else ~/.cache/neuronlens).")
  Path cache;

  /** Loads (fetching when needed), reporting progress on stderr. */
  LoadedData load(Console console) {
    if (dir != null) {
      return DataLoader.loadDirectory(dir);
    }
    Path root = CacheDirs.root(cache, System.getenv(), System.getProperty("user.home"));
    return new DataLoader(root, FetchProgress.printingTo(console.err())).load(dataset);
  }
}
