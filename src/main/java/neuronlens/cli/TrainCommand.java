package neuronlens.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import neuronlens.data.LoadedData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuronlens train}: trains the seed's network (or another size) and saves Keras weights.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train the network; saves DIR/model.weights.h5 (Keras 3 layout, with Adam's"
            + " state) and DIR/history.json after every epoch.")
final class TrainCommand implements Callable<Integer> {
  private final Console console;

  @Mixin DebugOption debug;
  @Mixin DataOptions data;
  @Mixin TrainOptions train;

  @Option(
      names = "--out",
      defaultValue = "out",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--resume",
      paramLabel = "FILE",
      description = "Continue from a weights file with Adam's state (e.g. out/model.weights.h5).")
  Path resume;

  @Option(
      names = "--force",
      description = "Overwrite outputs in a directory not made by neuronlens.")
  boolean force;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  TrainCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    var config = train.config();
    Outputs.prepare(out, force, TrainingJob.WEIGHTS, TrainingJob.HISTORY);
    LoadedData d = data.load(console);
    TrainingJob.Outcome o = TrainingJob.run(console, config, d, out, resume);
    if (json) {
      console.out().println(Json.write(TrainingJob.json(o)));
    } else if (o.test() != null) {
      console
          .out()
          .printf(
              "test accuracy %.4f (%d of %d correct), trained in %.1f s; dead units %s%n",
              o.test().accuracy(),
              o.test().correct(),
              o.test().total(),
              o.trainSeconds(),
              EvaluateCommand.deadUnits(o.mlp(), o.test()));
      console.out().println("weights: " + o.weights());
    }
    return o.interrupted() ? 130 : 0;
  }
}
