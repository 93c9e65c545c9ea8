package neuronlens.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import neuronlens.BadDataException;
import neuronlens.BadOptionException;
import neuronlens.data.CacheDirs;
import neuronlens.data.DataLoader;
import neuronlens.data.FetchProgress;
import neuronlens.data.KnownDataset;
import neuronlens.data.LoadedData;
import picocli.CommandLine.Option;

/** Which images to use: a named dataset through the cache, or a directory of IDX files. */
final class DataOptions {
  @Option(
      names = "--dataset",
      defaultValue = "mnist",
      completionCandidates = Names.Datasets.class,
      paramLabel = "DATASET",
      description = "mnist (default) or fashion-mnist; fetched into the cache when missing.")
  String dataset;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "A directory holding the four IDX files (raw or .gz) instead of --dataset.")
  Path dir;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description =
          "Cache directory (default: $NEURONLENS_CACHE, else $XDG_CACHE_HOME/neuronlens,"
              + " else ~/.cache/neuronlens).")
  Path cache;

  /**
   * These options as a command line would give them again ({@code ""} for the defaults), with a
   * leading space: for hints that name a next command.
   */
  String asArguments() {
    StringBuilder sb = new StringBuilder();
    if (dir != null) {
      sb.append(" --data ").append(shellWord(dir.toString()));
    } else if (!dataset.equalsIgnoreCase(KnownDataset.DEFAULT.id())) {
      sb.append(" --dataset ").append(shellWord(dataset));
    }
    if (cache != null) {
      sb.append(" --cache ").append(shellWord(cache.toString()));
    }
    return sb.toString();
  }

  /** {@code s} as one word of a POSIX shell command: as it is, or in single quotes. */
  static String shellWord(String s) {
    return s.matches("[A-Za-z0-9_./=:@%+,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** Loads (fetching when needed), reporting progress on stderr. */
  LoadedData load(Console console) {
    if (dir != null) {
      if (!Files.isDirectory(dir)) {
        throw new BadDataException(
            "--data "
                + dir
                + ": expected a directory holding the four IDX files, found "
                + (Files.exists(dir) ? "a file" : "nothing there"));
      }
      return DataLoader.loadDirectory(dir);
    }
    KnownDataset known = known();
    Path root = CacheDirs.root(cache, System.getenv(), System.getProperty("user.home"));
    return new DataLoader(root, FetchProgress.printingTo(console.err())).load(known);
  }

  /** The dataset {@code --dataset} names; an unknown name is an error of that option. */
  private KnownDataset known() {
    for (KnownDataset d : KnownDataset.values()) {
      if (d.id().equalsIgnoreCase(dataset)) {
        return d;
      }
    }
    throw new BadOptionException("--dataset: expected mnist or fashion-mnist, found " + dataset);
  }
}
