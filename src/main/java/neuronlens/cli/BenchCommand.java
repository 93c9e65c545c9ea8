package neuronlens.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import neuronlens.data.LoadedData;
import neuronlens.data.SparseImages;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.AdamState;
import neuronlens.train.Evaluation;
import neuronlens.train.TrainConfig;
import neuronlens.train.TrainListener;
import neuronlens.train.Trainer;
import neuronlens.vis.ActivationMaximizer;
import neuronlens.vis.AmConfig;
import neuronlens.vis.Gallery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuronlens bench}: end-to-end timings with the data already in memory — the seed's
 * training and activation maximization of every unit — as medians of several runs, with the peak
 * memory of the process.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark training (the seed's recipe) and activation maximization of all"
            + " units, data in memory; medians of --runs runs after --warmup untimed ones.")
final class BenchCommand implements Callable<Integer> {
  private final Console console;

  @Mixin DebugOption debug;
  @Mixin DataOptions data;
  @Mixin TrainOptions train;

  @Option(
      names = "--runs",
      defaultValue = "5",
      paramLabel = "N",
      description = "Runs of each part (default: 5).")
  int runs;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Untimed runs of each part before the timed ones, so that the JIT compiler has"
              + " turned the kernels into machine code (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--am-steps",
      paramLabel = "N",
      defaultValue = "4000",
      description = "AM steps per unit, seed preset (default: ${DEFAULT-VALUE}).")
  int amSteps;

  @Option(names = "--skip-training", description = "Only time activation maximization.")
  boolean skipTraining;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  BenchCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    if (runs < 1 || runs > 100) {
      throw new neuronlens.BadOptionException("--runs: expected 1..100, found " + runs);
    }
    if (warmup < 0 || warmup > 100) {
      throw new neuronlens.BadOptionException("--warmup: expected 0..100, found " + warmup);
    }
    if (amSteps < 1 || amSteps > 1_000_000) {
      throw new neuronlens.BadOptionException("--am-steps: expected 1..1000000, found " + amSteps);
    }
    TrainConfig config = train.config();
    LoadedData d = data.load(console);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("kernels", Kernels.get().name());
    r.put("threads", config.threads());
    r.put("cores", Runtime.getRuntime().availableProcessors());
    r.put("java", System.getProperty("java.version"));
    r.put("warmup_runs", warmup);
    Mlp trained = null;
    if (!skipTraining) {
      // the images' non-zeros listed once, before the clock starts, as the DJL comparison makes
      // its arrays before it times a run (the figure is printed, and not counted)
      long l0 = System.nanoTime();
      Listed listed =
          new Listed(
              SparseImages.of(d.splits().train(), config.threads()),
              SparseImages.of(d.splits().dev(), config.threads()));
      double listSeconds = (System.nanoTime() - l0) / 1e9;
      console.info(
          String.format(
              "training data listed (non-zero pixels) in %.3f s (once, not counted)", listSeconds));
      r.put("list_seconds", listSeconds);
      double[] warm = new double[warmup];
      for (int i = 0; i < warmup; i++) {
        warm[i] =
            train(config, d, listed, Mlp.glorot(config.hidden(), 10, config.seed())).seconds();
        console.info(
            String.format("training warm-up %d/%d: %.3f s (not counted)", i + 1, warmup, warm[i]));
      }
      double[] secs = new double[runs];
      double[] allocatedMb = new double[runs];
      double accuracy = 0;
      for (int i = 0; i < runs; i++) {
        Mlp mlp = Mlp.glorot(config.hidden(), 10, config.seed());
        Timed run = train(config, d, listed, mlp);
        secs[i] = run.seconds();
        allocatedMb[i] = run.allocatedMb();
        accuracy = Evaluation.of(mlp, d.splits().test()).accuracy();
        trained = mlp;
        console.info(
            String.format(
                "training run %d/%d: %.3f s, test accuracy %.4f, %.1f MB allocated by the calling"
                    + " thread",
                i + 1, runs, secs[i], accuracy, allocatedMb[i]));
      }
      long steps = config.stepsPerEpoch(d.splits().train().count()) * config.epochs();
      r.put("train_warmup_seconds", warm);
      r.put("train_seconds_median", median(secs));
      r.put("train_seconds", secs);
      r.put("train_ms_per_step", median(secs) * 1000 / steps);
      r.put("test_accuracy", accuracy);
      r.put("train_caller_allocated_mb", allocatedMb);
    }
    Mlp model = trained != null ? trained : Mlp.glorot(config.hidden(), 10, config.seed());
    AmConfig am = AmConfig.seedPreset().withSteps(amSteps);
    ActivationMaximizer maximizer = new ActivationMaximizer(model, Kernels.get(), config.threads());
    int units = 0;
    for (int l = 0; l < model.layers().size(); l++) {
      units += model.layers().get(l).units();
    }
    double[] amWarm = new double[warmup];
    for (int i = 0; i < warmup; i++) {
      amWarm[i] = maximizeAll(maximizer, model, am);
      console.info(
          String.format("AM warm-up %d/%d: %.3f s (not counted)", i + 1, warmup, amWarm[i]));
    }
    double[] amSecs = new double[runs];
    for (int i = 0; i < runs; i++) {
      amSecs[i] = maximizeAll(maximizer, model, am);
      console.info(
          String.format(
              "AM run %d/%d: %d units x %d steps in %.3f s",
              i + 1, runs, units, amSteps, amSecs[i]));
    }
    r.put("am_units", units);
    r.put("am_steps", amSteps);
    r.put("am_warmup_seconds", amWarm);
    r.put("am_seconds_median", median(amSecs));
    r.put("am_seconds", amSecs);
    r.put("peak_rss_mb", peakRssMb());
    if (json) {
      console.out().println(Json.write(r));
    } else {
      List<String> lines = new ArrayList<>();
      lines.add(
          "kernels "
              + r.get("kernels")
              + ", "
              + config.threads()
              + " threads, "
              + r.get("cores")
              + " cores, Java "
              + r.get("java")
              + ", medians of "
              + runs
              + " runs after "
              + warmup
              + " warm-up run"
              + (warmup == 1 ? "" : "s"));
      if (!skipTraining) {
        lines.add(
            String.format(
                "training, seed recipe: median %.3f s (%.3f ms/step; %s), test accuracy %.4f;"
                    + " the calling thread allocated %.1f-%.1f MB a run",
                r.get("train_seconds_median"),
                r.get("train_ms_per_step"),
                spread((double[]) r.get("train_seconds")),
                r.get("test_accuracy"),
                Arrays.stream((double[]) r.get("train_caller_allocated_mb")).min().orElse(0),
                Arrays.stream((double[]) r.get("train_caller_allocated_mb")).max().orElse(0)));
      }
      lines.add(
          String.format(
              "activation maximization, %d units x %d steps: median %.3f s (%s)",
              units, amSteps, r.get("am_seconds_median"), spread(amSecs)));
      lines.add(String.format("peak RSS %.0f MB", r.get("peak_rss_mb")));
      lines.forEach(console.out()::println);
    }
    return 0;
  }

  /** The training and dev images' non-zero pixels, listed once for all runs. */
  private record Listed(SparseImages train, SparseImages dev) {}

  /**
   * A timed training run: its seconds, and the megabytes the calling thread allocated meanwhile:
   * the trainer's arrays for the run (about 11 MB for the seed's recipe) and whatever the steps
   * allocate. Their code allocates nothing, but vectors the compiler leaves boxed show here (the
   * output layer's row store, before it changed, in about half the processes: 121 MB a run); NaN
   * where the JVM cannot count a thread's allocations.
   */
  private record Timed(double seconds, double allocatedMb) {}

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * The seed's recipe training {@code mlp} (its per-epoch dev evaluation included; the images'
   * lists made before).
   */
  private static Timed train(TrainConfig config, LoadedData d, Listed listed, Mlp mlp) {
    long bytes = THREADS.getCurrentThreadAllocatedBytes(); // -1 where not supported
    long t0 = System.nanoTime();
    new Trainer(config)
        .train(
            mlp,
            AdamState.zeros(mlp.variables()),
            d.splits().train(),
            listed.train(),
            d.splits().dev(),
            listed.dev(),
            new TrainListener() {},
            () -> false);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long after = THREADS.getCurrentThreadAllocatedBytes();
    return new Timed(seconds, bytes < 0 || after < 0 ? Double.NaN : (after - bytes) / 1e6);
  }

  /** Seconds activation maximization of every unit of every layer takes. */
  private static double maximizeAll(ActivationMaximizer maximizer, Mlp model, AmConfig am) {
    long t0 = System.nanoTime();
    for (int l = 0; l < model.layers().size(); l++) {
      maximizer.run(l, Gallery.all(model.layers().get(l).units()), am, null);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * The fastest and the slowest of the timed runs ("runs 1.402-1.901 s"): on a machine whose speed
   * drifts, how far one run may lie from the median.
   */
  static String spread(double[] seconds) {
    double lo = Arrays.stream(seconds).min().orElse(Double.NaN);
    double hi = Arrays.stream(seconds).max().orElse(Double.NaN);
    return String.format("runs %.3f-%.3f s", lo, hi);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** Peak resident set size of this process (VmHWM), or -1 where /proc is not there. */
  static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
