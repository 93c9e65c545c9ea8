package neuronlens.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import neuronlens.data.Dataset;
import neuronlens.data.LoadedData;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import neuronlens.train.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuronlens evaluate}: accuracy of a weights file on a split. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Evaluate a Keras weights file on the test split (or --split dev|train).")
final class EvaluateCommand implements Callable<Integer> {
  private final Console console;

  @Mixin DebugOption debug;
  @Mixin DataOptions data;

  @Option(
      names = "--weights",
      required = true,
      paramLabel = "FILE",
      description = "A Keras 3 .weights.h5 file; the network's sizes are read from it.")
  Path weights;

  @Mixin SplitOption split;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(
      names = "--knock-out",
      split = ",",
      paramLabel = "UNITS",
      description =
          "Units of the first hidden layer to hold at 0, as if dead (e.g. 85,45): the model"
              + " without them is evaluated.")
  int[] knockOut;

  EvaluateCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Mlp mlp = withoutKnockedOut(KerasWeights.read(weights).model());
    LoadedData d = data.load(console);
    Dataset ds = split.of(d);
    Evaluation e = Evaluation.of(mlp, ds);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("weights", weights.toString());
      m.put("model", mlp.describe());
      m.put("dataset", d.name());
      m.put("split", split.name);
      m.put("knocked_out", knockOut == null ? new int[0] : knockOut);
      m.put("correct", e.correct());
      m.put("total", e.total());
      m.put("accuracy", e.accuracy());
      m.put("loss", e.loss());
      m.put("confusion", e.confusion());
      m.put("dead_units", e.deadUnits()); // per hidden layer: silent on every image of the split
      console.out().println(Json.write(m));
    } else {
      console
          .out()
          .printf(
              "%s (%s)%s on %s %s: %d of %d correct, accuracy %.4f, loss %.4f; dead units %s%n",
              weights,
              mlp.describe(),
              knockOut == null || knockOut.length == 0
                  ? ""
                  : " without "
                      + Mlp.layerName(0)
                      + " units "
                      + java.util.Arrays.toString(knockOut),
              d.name(),
              split.name,
              e.correct(),
              e.total(),
              e.accuracy(),
              e.loss(),
              deadUnits(mlp, e));
    }
    return 0;
  }

  /** {@code mlp} without the {@code --knock-out} units (checked: distinct, in range). */
  private Mlp withoutKnockedOut(Mlp mlp) {
    if (knockOut == null || knockOut.length == 0) {
      return mlp;
    }
    if (mlp.layers().size() < 2) {
      throw new neuronlens.BadOptionException(
          "--knock-out: expected a model with a hidden layer, found " + mlp.describe());
    }
    try {
      return mlp.withoutUnits(0, knockOut);
    } catch (IllegalArgumentException e) {
      throw new neuronlens.BadOptionException("--knock-out: " + e.getMessage());
    }
  }

  /** "dense 26 of 128": per hidden layer, its units that output 0 for every image. */
  static String deadUnits(Mlp mlp, Evaluation e) {
    int[] dead = e.deadUnits();
    List<String> parts = new ArrayList<>();
    for (int l = 0; l < dead.length; l++) {
      parts.add(Mlp.layerName(l) + " " + dead[l] + " of " + mlp.layers().get(l).units());
    }
    return String.join(", ", parts);
  }
}
