package neuronlens.cli;

import neuronlens.data.Dataset;
import neuronlens.data.LoadedData;
import picocli.CommandLine.Option;

/** {@code --split}: which of a dataset's three splits a command reads. */
final class SplitOption {
  @Option(
      names = "--split",
      completionCandidates = Names.Splits.class,
      defaultValue = "test",
      paramLabel = "SPLIT",
      description = "test (default), dev or train.")
  String name;

  /** The split named by {@code --split}. */
  Dataset of(LoadedData d) {
    return switch (name) {
      case "test" -> d.splits().test();
      case "dev" -> d.splits().dev();
      case "train" -> d.splits().train();
      default ->
          throw new neuronlens.BadOptionException(
              "--split: expected test, dev or train, found " + name);
    };
  }
}
