package neuronlens.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import neuronlens.BadOptionException;
import neuronlens.data.ClassNames;
import neuronlens.data.Dataset;
import neuronlens.data.LoadedData;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.vis.Ablation;
import neuronlens.vis.DatasetExamples;
import neuronlens.vis.KnockOutCurve;
import neuronlens.vis.NeuronFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuronlens ablate}: what each hidden unit contributes, one knocked out at a time. */
@Command(
    name = "ablate",
    mixinStandardHelpOptions = true,
    description =
        "Knock out each hidden unit in turn (its output held at 0) and measure the accuracy and"
            + " loss without it, per class too, with the unit's class selectivity; then the live"
            + " units one after another, in four orders.")
final class AblateCommand implements Callable<Integer> {
  private final Console console;

  @Mixin DebugOption debug;
  @Mixin VisOptions vis;
  @Mixin DataOptions data;

  @Option(
      names = "--out",
      defaultValue = "out/ablation",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Mixin SplitOption split;

  @Option(
      names = "--top",
      defaultValue = "10",
      paramLabel = "N",
      description = "Units listed, those whose loss rises most (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "N",
      description =
          "Seed of the random order of the cumulative knock-outs (default: ${DEFAULT-VALUE}).")
  long seed;

  AblateCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    if (top < 0) {
      throw new BadOptionException("--top: expected 0 or more, found " + top);
    }
    Mlp mlp = vis.model();
    int l = vis.layerIndex(mlp);
    if (l == mlp.layers().size() - 1) {
      throw new BadOptionException(
          "--layer: expected a hidden layer, found the output layer " + vis.layer);
    }
    int[] units = vis.neuron == null ? null : vis.units(mlp, l);
    LoadedData loaded = data.load(console);
    Dataset ds = split.of(loaded);
    vis.prepare(out); // before the passes over the images: an unusable --out fails at once
    DatasetExamples ex = DatasetExamples.of(mlp, l, ds, Kernels.get());
    Ablation a = Ablation.of(mlp, l, ex, ds, vis.threadCount());
    KnockOutCurve curve = KnockOutCurve.of(mlp, l, ex, ds, a, seed, vis.threadCount());
    List<Path> files = new NeuronFiles(out, vis.raw).ablation(a, curve);
    ClassNames classes = loaded.classes();
    int[] listed =
        units != null ? units : vis.all ? a.byLossChange() : first(a.byLossChange(), top);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layer", a.layer());
    m.put("split", split.name);
    m.put("images", a.count());
    m.put("accuracy", a.accuracy());
    m.put("loss", a.loss());
    m.put("dead", ex.deadUnits().length);
    m.put("unchanged", a.unchanged());
    m.put("selectivity_correlation", Json.finite(a.selectivityCorrelation()));
    List<Object> rows = new ArrayList<>();
    for (int j : listed) {
      rows.add(row(a, j));
    }
    m.put("units", rows);
    Map<String, Object> curves = new LinkedHashMap<>();
    for (int o = 0; o < KnockOutCurve.ORDERS.size(); o++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("units", curve.orders()[o]);
      c.put("correct", curve.correct()[o]);
      c.put("spare_1pp", curve.spare(o, 0.01));
      curves.put(KnockOutCurve.ORDERS.get(o), c);
    }
    m.put("cumulative", curves);
    m.put("files", files.stream().map(Path::toString).toList());
    CommandOutput.print(
        console,
        vis.json,
        m,
        text(a, ex, split.name, listed, classes)
            + curveText(curve)
            + "\nWrote "
            + files.size()
            + " files in "
            + out);
    return 0;
  }

  private static Map<String, Object> row(Ablation a, int j) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("unit", j);
    r.put("dead", a.dead(j));
    r.put("accuracy", a.accuracy(j));
    r.put("accuracy_change", a.accuracyChange(j));
    r.put("loss_change", a.lossChange(j));
    r.put("changed", a.unitChanged()[j]);
    int worst = a.mostHurtClass(j);
    r.put("most_hurt_class", worst < 0 ? null : worst);
    double[] byClass = new double[a.classes()];
    for (int c = 0; c < byClass.length; c++) {
      byClass[c] = a.classAccuracyChange(j, c);
    }
    r.put("class_accuracy_change", byClass);
    r.put("selectivity", Json.finite(a.selectivity()[j]));
    return r;
  }

  private static String text(
      Ablation a, DatasetExamples ex, String split, int[] listed, ClassNames classes) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%s on %,d %s images: accuracy %.2f %%, loss %.4f with every unit.%n",
            a.layer(),
            a.count(),
            split,
            100 * a.accuracy(),
            a.loss()));
    b.append("Each unit knocked out (its output held at 0):\n");
    b.append(
        String.format(
            Locale.ROOT,
            "%6s %10s %10s %9s %8s  %-22s %11s%n",
            "unit",
            "accuracy",
            "change",
            "loss +",
            "changed",
            "hurts most",
            "selectivity"));
    for (int j : listed) {
      int worst = a.mostHurtClass(j);
      b.append(
          String.format(
              Locale.ROOT,
              "%6d %8.2f %% %+7.2f pp %9.4f %8d  %-22s %11s%n",
              j,
              100 * a.accuracy(j),
              100 * a.accuracyChange(j),
              a.lossChange(j),
              a.unitChanged()[j],
              worst < 0
                  ? "-"
                  : String.format(
                      Locale.ROOT,
                      "%s (%+.2f pp)",
                      classes.name(worst),
                      100 * a.classAccuracyChange(j, worst)),
              a.dead(j) ? "dead" : String.format(Locale.ROOT, "%.2f", a.selectivity()[j])));
    }
    if (listed.length == 1) {
      int j = listed[0];
      b.append("Unit ").append(j).append(" knocked out, each class's test accuracy:\n");
      for (int c = 0; c < a.classes(); c++) {
        int n = a.classCount()[c];
        b.append(
            String.format(
                Locale.ROOT,
                "  %-12s %7.2f %% -> %7.2f %%  %+6.2f pp%n",
                classes.name(c),
                n == 0 ? 0 : 100.0 * a.classCorrect()[c] / n,
                n == 0 ? 0 : 100.0 * a.unitClassCorrect()[j][c] / n,
                100 * a.classAccuracyChange(j, c)));
      }
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%d dead units and %d live ones change no prediction; class selectivity against"
                + " loss increase over the live units: Spearman's ρ = %.2f.%n",
            ex.deadUnits().length,
            a.unchanged(),
            a.selectivityCorrelation()));
    return b.toString();
  }

  /**
   * The cumulative knock-outs: each order's accuracy after 10, 20, ... units, and how many of its
   * first units can go for at most 1 pp.
   */
  private static String curveText(KnockOutCurve c) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%nThe %d live units knocked out one after another, accuracy after%n%-22s",
                c.live(),
                ""));
    int step = c.live() > 60 ? 20 : 10;
    List<Integer> ks = new ArrayList<>();
    for (int k = step; k < c.live(); k += step) {
      ks.add(k);
    }
    ks.add(c.live());
    for (int k : ks) {
      b.append(String.format(Locale.ROOT, "%8s", k == c.live() ? "all" : Integer.toString(k)));
    }
    b.append("  spare for 1 pp\n");
    for (int o = 0; o < KnockOutCurve.ORDERS.size(); o++) {
      b.append(String.format(Locale.ROOT, "%-22s", KnockOutCurve.ORDERS.get(o)));
      for (int k : ks) {
        b.append(String.format(Locale.ROOT, "%7.2f%%", 100 * c.accuracy(o, k)));
      }
      b.append(String.format(Locale.ROOT, "  %14d%n", c.spare(o, 0.01)));
    }
    return b.toString().stripTrailing();
  }

  private static int[] first(int[] order, int n) {
    return java.util.Arrays.copyOf(order, Math.min(n, order.length));
  }
}
