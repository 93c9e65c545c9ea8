package neuronlens.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import neuronlens.BadOptionException;
import neuronlens.data.Dataset;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.Evaluation;
import neuronlens.vis.DatasetExamples;
import neuronlens.vis.NeuronFiles;
import neuronlens.vis.UnitMatch;
import neuronlens.vis.WeightImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuronlens match}: do two models learn the same hidden units? */
@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    description =
        "Match the hidden units of two models by how alike their activations are on the same"
            + " images (Pearson r), one to one; their predictions compared too.")
final class MatchCommand implements Callable<Integer> {
  private final Console console;

  @Mixin DebugOption debug;
  @Mixin VisOptions vis;
  @Mixin DataOptions data;
  @Mixin SplitOption split;

  @Option(
      names = "--other",
      required = true,
      paramLabel = "FILE",
      description = "The Keras 3 .weights.h5 file of the model to match --weights against.")
  Path other;

  @Option(
      names = "--out",
      defaultValue = "out/match",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--top",
      defaultValue = "10",
      paramLabel = "N",
      description = "Matched pairs listed, the most alike first (default: ${DEFAULT-VALUE}).")
  int top;

  MatchCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    if (top < 0) {
      throw new BadOptionException("--top: expected 0 or more, found " + top);
    }
    Mlp a = vis.model();
    Mlp b = KerasWeights.read(other).model();
    int l = vis.layerIndex(a);
    if (l >= a.layers().size() - 1 || l >= b.layers().size() - 1) {
      throw new BadOptionException(
          "--layer: expected a hidden layer of both models ("
              + a.describe()
              + " and "
              + b.describe()
              + "), found "
              + vis.layer);
    }
    if (a.classes() != b.classes()) {
      throw new BadOptionException(
          "--other: expected a model of "
              + a.classes()
              + " classes like --weights, found "
              + b.classes()
              + " in "
              + other);
    }
    int[] units = vis.neuron == null ? null : vis.units(a, l);
    Dataset ds = split.of(data.load(console));
    vis.prepare(out);
    Kernels k = Kernels.get();
    DatasetExamples ea = DatasetExamples.of(a, l, ds, k);
    DatasetExamples eb = DatasetExamples.of(b, l, ds, k);
    UnitMatch m = UnitMatch.of(ea, eb);
    Evaluation va = Evaluation.of(a, ds);
    Evaluation vb = Evaluation.of(b, ds);
    int same = 0;
    for (int i = 0; i < ds.count(); i++) {
      same += va.predictions()[i] == vb.predictions()[i] ? 1 : 0;
    }
    List<Path> files =
        new NeuronFiles(out, vis.raw).match(m, WeightImages.of(a, l, k), WeightImages.of(b, l, k));
    int[] matched = m.byMatch();
    int[] listed =
        units != null
            ? units
            : vis.all
                ? java.util.stream.IntStream.concat(
                        java.util.Arrays.stream(matched),
                        java.util.stream.IntStream.range(0, m.unitsA())
                            .filter(p -> m.match()[p] < 0))
                    .toArray()
                : java.util.Arrays.copyOf(matched, Math.min(top, matched.length));

    Map<String, Object> j = new LinkedHashMap<>();
    j.put("layer", m.layer());
    j.put("weights", vis.weights.toString());
    j.put("other", other.toString());
    j.put("split", split.name);
    j.put("images", ds.count());
    j.put("accuracy", va.accuracy());
    j.put("other_accuracy", vb.accuracy());
    j.put("same_prediction", same);
    j.put("live", m.live());
    j.put("mean_matched_r", Json.finite(m.meanMatched()));
    j.put("matched_at_least", atLeast(m));
    List<Object> pairs = new ArrayList<>();
    for (int p : listed) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("unit", p);
      r.put("match", m.match()[p] < 0 ? null : m.match()[p]);
      r.put("r", Json.finite(m.matched(p)));
      r.put("best", m.best(p) < 0 ? null : m.best(p));
      r.put("best_r", m.best(p) < 0 ? null : m.r(p, m.best(p)));
      pairs.add(r);
    }
    j.put("pairs", pairs);
    j.put("files", files.stream().map(Path::toString).toList());
    CommandOutput.print(console, vis.json, j, text(a, b, ds, va, vb, same, m, listed, files));
    return 0;
  }

  private Map<String, Integer> atLeast(UnitMatch m) {
    Map<String, Integer> t = new LinkedHashMap<>();
    for (double r : new double[] {0.9, 0.7, 0.5}) {
      t.put(Double.toString(r), m.matchedAtLeast(r));
    }
    return t;
  }

  private String text(
      Mlp a,
      Mlp b,
      Dataset ds,
      Evaluation va,
      Evaluation vb,
      int same,
      UnitMatch m,
      int[] listed,
      List<Path> files) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "%s of %s (%s) against %s (%s), %,d %s images:%n",
            m.layer(),
            vis.weights,
            a.describe(),
            other,
            b.describe(),
            ds.count(),
            split.name));
    s.append(
        String.format(
            Locale.ROOT,
            "  accuracy %.2f %% and %.2f %%; the same prediction on %,d images (%.2f %%)%n",
            100 * va.accuracy(),
            100 * vb.accuracy(),
            same,
            100.0 * same / Math.max(1, ds.count())));
    s.append(
        String.format(
            Locale.ROOT,
            "  live units %d and %d, matched one to one by activation correlation: mean r %.2f;"
                + " r >= 0.9: %d, >= 0.7: %d, >= 0.5: %d%n",
            m.live()[0],
            m.live()[1],
            m.meanMatched(),
            m.matchedAtLeast(0.9),
            m.matchedAtLeast(0.7),
            m.matchedAtLeast(0.5)));
    s.append(
        String.format(
            Locale.ROOT, "  %6s %6s %6s %6s %7s%n", "unit", "match", "r", "best", "best r"));
    for (int p : listed) {
      int q = m.match()[p];
      int best = m.best(p);
      s.append(
          String.format(
              Locale.ROOT,
              "  %6d %6s %6s %6s %7s%n",
              p,
              q < 0 ? "-" : Integer.toString(q),
              q < 0 ? "-" : String.format(Locale.ROOT, "%.3f", m.matched(p)),
              best < 0 ? "-" : Integer.toString(best),
              best < 0 ? "-" : String.format(Locale.ROOT, "%.3f", m.r(p, best))));
    }
    s.append("Wrote ").append(files.size()).append(" files in ").append(out);
    return s.toString();
  }
}
