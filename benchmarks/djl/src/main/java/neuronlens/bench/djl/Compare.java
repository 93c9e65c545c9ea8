package neuronlens.bench.djl;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import neuronlens.data.CacheDirs;
import neuronlens.data.DataLoader;
import neuronlens.data.FetchProgress;
import neuronlens.data.Splits;
import neuronlens.nn.Mlp;
import neuronlens.train.TrainConfig;

/**
 * Trains the seed's MNIST network (784 → 128 ReLU → 10 softmax, batch 50, Keras Adam with
 * exponential decay) with neuronlens and with DJL + PyTorch in one JVM, and prints seconds, ms per
 * step, test accuracy and the ratio DJL / neuronlens of each contender's median run. Also times
 * DJL's activation maximisation for every unit. DJL runs offline on the libtorch bundled in the
 * {@code pytorch-native-cpu} jar, with as many intra-op threads as neuronlens uses.
 */
public final class Compare {
  private static final int TORCH_THREADS = 2;

  private Compare() {}

  /** Entry point; see {@link Options#USAGE}. */
  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    // both get the same cores: libtorch as in the reference figures, neuronlens as its
    // command line does by default (one thread per core up to 2)
    TrainConfig config =
        TrainConfig.defaults()
            .withEpochs(options.epochs())
            .withThreads(Math.min(TORCH_THREADS, Runtime.getRuntime().availableProcessors()));
    DjlSetup.offline(TORCH_THREADS);
    Splits splits = new DataLoader(CacheDirs.defaultRoot(), FetchProgress.silent())
        .load("mnist").splits();
    MnistArrays train = new MnistArrays(splits.train());
    MnistArrays dev = new MnistArrays(splits.dev());
    MnistArrays test = new MnistArrays(splits.test());
    Mlp init = Mlp.glorot(config.hidden(), neuronlens.data.Dataset.CLASSES, config.seed());

    long e0 = System.nanoTime();
    Engine engine = Engine.getInstance();
    double engineSeconds = (System.nanoTime() - e0) / 1e9;
    log(options, "engine %s %s loaded in %.2f s, %d threads (neuronlens: %d)",
        engine.getEngineName(), engine.getVersion(), engineSeconds, TORCH_THREADS,
        config.threads());

    String loadBefore = loadAverage();
    Mlp trained = init.copy();
    List<RunResult> ours = new ArrayList<>();
    List<RunResult> lean = new ArrayList<>();
    List<RunResult> easy = new ArrayList<>();
    for (int w = 1; w <= options.warmup(); w++) {
      report(options, "neuronlens", -w, NeuronlensRun.train(config, init.copy(), splits));
      report(options, "djl-lean", -w, new DjlLeanTrainer(config).train(init, train, dev, test));
      if (options.easyTrain()) {
        report(options, "djl-trainer", -w,
            new DjlEasyTrainer(config).train(init, train, dev, test));
      }
    }
    for (int r = 1; r <= options.runs(); r++) {
      trained = init.copy();
      ours.add(report(options, "neuronlens", r, NeuronlensRun.train(config, trained, splits)));
      lean.add(report(options, "djl-lean", r,
          new DjlLeanTrainer(config).train(init, train, dev, test)));
      if (options.easyTrain()) {
        easy.add(report(options, "djl-trainer", r,
            new DjlEasyTrainer(config).train(init, train, dev, test)));
      }
    }
    double amSeconds = Double.NaN;
    if (options.amSteps() > 0) {
      amSeconds = DjlActivationMax.time(trained, options.amSteps(), config.seed());
      log(options, "djl activation maximisation: %d units x %d steps in %.2f s",
          trained.layers().get(0).units() + trained.classes(), options.amSteps(), amSeconds);
    }
    String loadAfter = loadAverage();
    log(options, "load average before %s, after %s (%d cores)", loadBefore, loadAfter,
        Runtime.getRuntime().availableProcessors());
    RunResult n = median(ours);
    RunResult l = median(lean);
    RunResult t = easy.isEmpty() ? null : median(easy);
    if (options.json()) {
      System.out.println(json(options, engine, n, l, t, amSeconds));
    } else {
      System.out.printf(Locale.ROOT,
          "%nmedian of %d run(s) after %d warm-up run(s), %d epoch(s), %d threads%n",
          options.runs(), options.warmup(), options.epochs(), config.threads());
      System.out.printf(Locale.ROOT, "%-12s %10s %10s %10s %8s%n", "contender", "seconds",
          "ms/step", "test acc", "ratio");
      row("neuronlens", n, n);
      row("djl-lean", l, n);
      if (t != null) {
        row("djl-trainer", t, n);
      }
      System.out.printf(Locale.ROOT, "ratio = contender seconds / neuronlens seconds%n");
    }
  }

  /** Logs a timed run ({@code run} from 1) or a warm-up one ({@code run} below 0, not counted). */
  private static RunResult report(Options o, String name, int run, RunResult r) {
    String which = run > 0 ? "run " + run : "warm-up " + -run;
    log(o, "%s %-12s %7.2f s  %6.3f ms/step  test accuracy %.4f%s", which, name, r.seconds(),
        r.msPerStep(), r.testAccuracy(), run > 0 ? "" : " (not counted)");
    return r;
  }

  private static void row(String name, RunResult r, RunResult base) {
    System.out.printf(Locale.ROOT, "%-12s %10.2f %10.3f %10.4f %8.2f%n", name, r.seconds(),
        r.msPerStep(), r.testAccuracy(), r.seconds() / base.seconds());
  }

  /** The run with the median time (the upper one of an even count). */
  static RunResult median(List<RunResult> runs) {
    RunResult[] sorted = runs.toArray(new RunResult[0]);
    Arrays.sort(sorted, (a, b) -> Double.compare(a.seconds(), b.seconds()));
    return sorted[sorted.length / 2];
  }

  private static String json(Options o, Engine engine, RunResult n, RunResult l, RunResult t,
      double am) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "{\"epochs\":%d,\"runs\":%d,\"warmup\":%d,\"engine\":\"%s %s\",", o.epochs(),
        o.runs(), o.warmup(), engine.getEngineName(), engine.getVersion()));
    b.append("\"neuronlens\":").append(json(n, n)).append(',');
    b.append("\"djl_lean\":").append(json(l, n)).append(',');
    if (t != null) {
      b.append("\"djl_trainer\":").append(json(t, n)).append(',');
    }
    b.append("\"load_average\":\"").append(loadAverage()).append("\",");
    b.append(String.format(Locale.ROOT, "\"djl_am\":{\"steps\":%d,\"seconds\":%s}}", o.amSteps(),
        Double.isNaN(am) ? "null" : String.format(Locale.ROOT, "%.3f", am)));
    return b.toString();
  }

  private static String json(RunResult r, RunResult base) {
    return String.format(Locale.ROOT,
        "{\"seconds\":%.3f,\"steps\":%d,\"ms_per_step\":%.4f,\"test_accuracy\":%.4f,\"ratio\":%.3f}",
        r.seconds(), r.steps(), r.msPerStep(), r.testAccuracy(), r.seconds() / base.seconds());
  }

  /** The first three fields of /proc/loadavg, or "?": other work on the machine skews timings. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static void log(Options o, String format, Object... args) {
    (o.json() ? System.err : System.out).printf(Locale.ROOT, format + "%n", args);
  }
}
