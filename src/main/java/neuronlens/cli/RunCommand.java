package neuronlens.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import neuronlens.data.ClassNames;
import neuronlens.data.Dataset;
import neuronlens.data.LoadedData;
import neuronlens.keras.KerasWeights;
import neuronlens.keras.LoadedWeights;
import neuronlens.nn.Mlp;
import neuronlens.report.ReportWriter;
import neuronlens.tensor.Kernels;
import neuronlens.train.Evaluation;
import neuronlens.train.TrainConfig;
import neuronlens.vis.AmConfig;
import neuronlens.vis.Gallery;
import neuronlens.vis.LayerAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuronlens run}: the whole job. Fetches the data if needed, trains (or reuses a finished
 * {@code out/model.weights.h5}, or resumes an unfinished one), evaluates, and writes every
 * visualization and the HTML report, printing where the outputs are.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "The whole job: fetch MNIST if needed, train (or reuse out/model.weights.h5),"
            + " evaluate, write the visualizations and the HTML report (out/report/index.html).")
final class RunCommand implements Callable<Integer> {
  /** The directories {@link Gallery#write} fills under {@code --out}. */
  static final String[] PICTURES = {
    "weights", "maximize", "compare", "examples", "ablation", "saliency"
  };

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

  @Option(names = "--retrain", description = "Train anew even if DIR/model.weights.h5 exists.")
  boolean retrain;

  @Option(
      names = "--force",
      description = "Overwrite outputs in a directory not made by neuronlens.")
  boolean force;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  RunCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    TrainConfig config = train.config();
    Outputs.prepare(out, force, TrainingJob.WEIGHTS, TrainingJob.HISTORY);
    for (String dir : PICTURES) {
      Outputs.prepare(out.resolve(dir), force);
    }
    // checked before training too: a foreign report must not cost a whole run to find
    Path reportDir = Outputs.prepare(out.resolve("report"), force, ReportWriter.INDEX);
    JitWarmup.start();
    LoadedData d = data.load(console);
    Map<String, Object> result = new LinkedHashMap<>();
    Path weights = out.resolve(TrainingJob.WEIGHTS);
    LoadedWeights existing =
        !retrain && TrainingJob.exists(out) ? KerasWeights.read(weights) : null;
    long totalSteps = config.stepsPerEpoch(d.splits().train().count()) * config.epochs();
    Evaluation test;
    Mlp model;
    if (existing != null
        && (existing.adam() == null || existing.adam().iterations() >= totalSteps)) {
      console.info(
          "reusing "
              + weights
              + " ("
              + existing.model().describe()
              + "); pass --retrain to train anew");
      model = existing.model();
      test = Evaluation.of(model, d.splits().test());
      result.put("trained", false);
    } else {
      Path resume = existing != null ? weights : null;
      TrainingJob.Outcome o = TrainingJob.run(console, config, d, out, resume);
      if (o.interrupted()) {
        return 130;
      }
      model = o.mlp();
      test = o.test();
      result.put("trained", true);
      result.put("training", TrainingJob.json(o));
    }
    result.put("weights", weights.toString());
    result.put("test_correct", test.correct());
    result.put("test_total", test.total());
    result.put("test_accuracy", test.accuracy());
    result.put("test_dead_units", test.deadUnits());
    // from here on only the test split is read: the training images (47 MB) and the lists of
    // their non-zeros (25 MB) are garbage in the old generation, which no collection would
    // reclaim before the end of the run; a full collection now (about 35 ms) lets the pictures'
    // allocations reuse that space instead of growing the heap (3 interleaved pairs of run: peak
    // RSS 353/361/364 -> 329/337/308 MB)
    Dataset testSet = d.splits().test();
    ClassNames classes = d.classes();
    d = null;
    System.gc();
    long t0 = System.nanoTime();
    console.info("writing the visualizations of every neuron to " + out + " ...");
    // unlike training, activation maximization and drawing gain from a second (even SMT) core
    int visThreads = Math.min(2, Runtime.getRuntime().availableProcessors());
    // computed once, drawn twice: the gallery's PNGs and the HTML report share these numbers
    List<LayerAnalysis> layers =
        Gallery.analyze(model, testSet, Kernels.get(), visThreads, AmConfig.naturalPreset());
    long t1 = System.nanoTime();
    result.put(
        "visualizations",
        Gallery.write(out, model, testSet, classes, Kernels.get(), false, layers));
    long t2 = System.nanoTime();
    console.info(
        String.format(
            "visualizations written in %.1f s (analysis %.1f s, pictures %.1f s)",
            (t2 - t0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9));
    ReportCommand.Result report =
        ReportCommand.write(
            reportDir,
            weights,
            model,
            testSet,
            classes,
            test,
            ReportCommand.historyBeside(weights),
            layers,
            visThreads);
    result.put("report", report.index().toString());
    console.info(String.format("report written in %.1f s", (System.nanoTime() - t2) / 1e9));
    result.put("out", out.toString());
    if (json) {
      console.out().println(Json.write(result));
    } else {
      console
          .out()
          .printf(
              "test accuracy %.4f (%d of %d correct); dead units %s%n",
              test.accuracy(),
              test.correct(),
              test.total(),
              EvaluateCommand.deadUnits(model, test));
      console.out().println("weights: " + weights);
      console.out().println("history: " + out.resolve(TrainingJob.HISTORY));
      console
          .out()
          .println(
              "pictures: "
                  + String.join(
                      ", ",
                      java.util.Arrays.stream(PICTURES)
                          .map(p -> out.resolve(p).toString())
                          .toList()));
      console.out().println("report: " + report.index());
      console
          .out()
          .println(
              "explore it live: ./neuronlens serve --weights "
                  + weights
                  + data.asArguments()
                  + (classes.noun().equals("digit")
                      ? " (draw a digit, watch the neurons fire)"
                      : " (load test images, watch the neurons fire)"));
    }
    return 0;
  }
}
