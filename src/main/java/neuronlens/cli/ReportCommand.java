package neuronlens.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import neuronlens.BadOptionException;
import neuronlens.data.ClassNames;
import neuronlens.data.Dataset;
import neuronlens.data.LoadedData;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import neuronlens.report.Report;
import neuronlens.report.ReportBuilder;
import neuronlens.report.ReportWriter;
import neuronlens.tensor.Kernels;
import neuronlens.train.EpochStats;
import neuronlens.train.Evaluation;
import neuronlens.vis.AmConfig;
import neuronlens.vis.Gallery;
import neuronlens.vis.LayerAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuronlens report}: the HTML report of a weights file, without training. Also the last
 * step of {@code neuronlens run}, which hands over the analyses it has already computed.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write an HTML report (model summary, training curves, test results, every"
            + " neuron) as one self-contained page, DIR/index.html, that opens offline.")
final class ReportCommand implements Callable<Integer> {
  /** AM steps of the report's natural preset when run on its own; see the README's timing. */
  static final int DEFAULT_AM_STEPS = 500;

  private final Console console;

  @Mixin DebugOption debug;
  @Mixin DataOptions data;

  @Option(
      names = "--weights",
      defaultValue = "out/model.weights.h5",
      paramLabel = "FILE",
      description = "A Keras 3 .weights.h5 file (default: ${DEFAULT-VALUE}).")
  Path weights;

  @Option(
      names = "--out",
      defaultValue = "out/report",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      description = "Training history (default: history.json beside the weights, if present).")
  Path history;

  @Option(
      names = "--am-steps",
      defaultValue = "" + DEFAULT_AM_STEPS,
      paramLabel = "N",
      description = "Activation-maximization steps, natural preset (default: ${DEFAULT-VALUE}).")
  int amSteps;

  @Option(
      names = "--threads",
      defaultValue = "0",
      paramLabel = "N",
      description = "Worker threads, 0 = one per core up to 2; results do not depend on it.")
  int threads;

  @Option(names = "--force", description = "Write into a directory not made by neuronlens.")
  boolean force;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  ReportCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    if (amSteps < 1 || amSteps > 100_000) {
      throw new BadOptionException("--am-steps: expected 1..100000, found " + amSteps);
    }
    if (threads < 0) {
      throw new BadOptionException("--threads: expected >= 0 (0 = automatic), found " + threads);
    }
    if (history != null && !Files.isRegularFile(history)) {
      throw new BadOptionException(
          "--history: expected a history.json file, found no file at " + history);
    }
    int n = threads == 0 ? Math.min(2, Runtime.getRuntime().availableProcessors()) : threads;
    Mlp mlp = KerasWeights.read(weights).model();
    Outputs.prepare(out, force, ReportWriter.INDEX);
    LoadedData loaded = data.load(console);
    Dataset test = loaded.splits().test();
    Path h = history != null ? history : historyBeside(weights);
    long t0 = System.nanoTime();
    List<LayerAnalysis> layers =
        Gallery.analyze(mlp, test, Kernels.get(), n, AmConfig.naturalPreset().withSteps(amSteps));
    long t1 = System.nanoTime();
    Result r =
        write(out, weights, mlp, test, loaded.classes(), Evaluation.of(mlp, test), h, layers, n);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> m = r.json();
    m.put("analysis_seconds", (t1 - t0) / 1e9);
    m.put("page_seconds", (System.nanoTime() - t1) / 1e9);
    m.put("seconds", seconds);
    CommandOutput.print(
        console,
        json,
        m,
        String.format("report: %s (%d pictures, %.2f s)", r.index(), r.pictures(), seconds));
    return 0;
  }

  /** What {@link #write} made. */
  record Result(Path index, int pictures, Report report) {
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", index.toString());
      m.put("pictures", pictures);
      m.put("test_accuracy", report.test().accuracy());
      m.put("params", report.totalParams());
      m.put("dead", report.deadCount());
      m.put("epochs", report.history().size());
      return m;
    }
  }

  /** Builds and writes the report from analyses already computed (shared with {@code run}). */
  static Result write(
      Path out,
      Path weights,
      Mlp mlp,
      Dataset test,
      ClassNames classes,
      Evaluation eval,
      Path historyFile,
      List<LayerAnalysis> layers,
      int threads) {
    List<EpochStats> epochs =
        historyFile == null ? List.of() : HistoryFile.read(historyFile, Long.MAX_VALUE);
    Report report =
        ReportBuilder.build(
            weights.toString(), mlp, test, classes, eval, epochs, layers, Kernels.get(), threads);
    Path index = ReportWriter.write(out, report, threads);
    return new Result(index, report.pictures().size(), report);
  }

  /** {@code history.json} beside {@code weights}, or null when there is none. */
  static Path historyBeside(Path weights) {
    Path dir = weights.toAbsolutePath().getParent();
    Path h = dir == null ? null : dir.resolve(TrainingJob.HISTORY);
    return h != null && Files.isRegularFile(h) ? h : null;
  }
}
