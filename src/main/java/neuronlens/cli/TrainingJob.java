package neuronlens.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import neuronlens.BadModelFileException;
import neuronlens.data.LoadedData;
import neuronlens.keras.KerasWeights;
import neuronlens.keras.LoadedWeights;
import neuronlens.nn.Mlp;
import neuronlens.train.AdamState;
import neuronlens.train.EpochStats;
import neuronlens.train.Evaluation;
import neuronlens.train.TrainConfig;
import neuronlens.train.TrainListener;
import neuronlens.train.Trainer;

/**
 * Training as the commands run it: start fresh or from a checkpoint, save the weights (with Adam's
 * state) and the history after every epoch, stop cleanly on Ctrl-C, then evaluate on the test
 * split.
 */
final class TrainingJob {
  static final String WEIGHTS = "model.weights.h5";
  static final String HISTORY = "history.json";

  /** What a finished (or interrupted) job produced. */
  record Outcome(
      Mlp mlp,
      List<EpochStats> history,
      Evaluation test,
      double trainSeconds,
      boolean interrupted,
      Path weights) {}

  private TrainingJob() {}

  /**
   * Trains into {@code out}. With {@code resume} the model, its sizes and Adam's state come from
   * that file and training continues at its iteration count.
   */
  static Outcome run(Console console, TrainConfig config, LoadedData data, Path out, Path resume) {
    Mlp mlp;
    AdamState adam;
    List<EpochStats> history = new ArrayList<>();
    if (resume != null) {
      LoadedWeights w = KerasWeights.read(resume);
      if (w.adam() == null) {
        throw new BadModelFileException(
            resume + ": optimizer/vars: expected Adam's state to" + " resume from, found none");
      }
      mlp = w.model();
      adam = w.adam();
      int[] s = mlp.sizes();
      config =
          new TrainConfig(
              java.util.Arrays.copyOfRange(s, 1, s.length - 1),
              config.epochs(),
              config.batchSize(),
              config.learningRate(),
              config.decayRate(),
              config.decaySteps(),
              config.beta1(),
              config.beta2(),
              config.epsilon(),
              config.seed(),
              config.threads());
      history.addAll(
          HistoryFile.read(
              out.resolve(HISTORY),
              adam.iterations() / config.stepsPerEpoch(data.splits().train().count())));
      console.info("resuming " + resume + " (" + mlp.describe() + ") at step " + adam.iterations());
    } else {
      mlp = Mlp.glorot(config.hidden(), 10, config.seed());
      adam = AdamState.zeros(mlp.variables());
    }
    // after the resume file is read: its sizes are the ones trained, and a bad file is one line
    console.info(
        "training "
            + mlp.describe()
            + " on "
            + data.name()
            + " ("
            + data.splits().train().count()
            + " train, "
            + data.splits().dev().count()
            + " dev images), seed "
            + config.seed());
    Path weights = out.resolve(WEIGHTS);
    ProgressListener progress = new ProgressListener(console);
    TrainConfig cfg = config;
    TrainListener saver =
        new TrainListener() {
          @Override
          public void epochStarted(int epoch, int epochs, long steps) {
            progress.epochStarted(epoch, epochs, steps);
          }

          @Override
          public void stepDone(int epoch, long step, double loss, double acc) {
            progress.stepDone(epoch, step, loss, acc);
          }

          @Override
          public void epochDone(EpochStats stats, Mlp m, AdamState a) {
            progress.epochDone(stats, m, a);
            history.add(stats);
            KerasWeights.write(weights, m, a);
            HistoryFile.write(out.resolve(HISTORY), cfg, history);
          }
        };
    AtomicBoolean stop = new AtomicBoolean();
    long t0 = System.nanoTime();
    Trainer.Result r;
    try (Interrupts ignored = Interrupts.onCtrlC(stop)) {
      try {
        r =
            new Trainer(config)
                .train(mlp, adam, data.splits().train(), data.splits().dev(), saver, stop::get);
      } finally {
        progress.close();
      }
      if (r.stopped()) {
        // said before the Ctrl-C hook is released: the JVM exits as soon as it is
        console.info(
            history.isEmpty()
                ? "interrupted before the first epoch ended; nothing saved"
                : "interrupted: the last complete epoch is saved in "
                    + weights
                    + "; continue with: neuronlens train --resume "
                    + weights);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (r.stopped()) {
      return new Outcome(mlp, history, null, seconds, true, weights);
    }
    Evaluation test = Evaluation.of(mlp, data.splits().test());
    return new Outcome(mlp, history, test, seconds, false, weights);
  }

  /** The JSON object of {@code train --json} and part of {@code run --json}. */
  static Map<String, Object> json(Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", o.mlp().describe());
    m.put("weights", o.weights().toString());
    m.put("interrupted", o.interrupted());
    m.put("train_seconds", o.trainSeconds());
    if (o.test() != null) {
      m.put("test_correct", o.test().correct());
      m.put("test_total", o.test().total());
      m.put("test_accuracy", o.test().accuracy());
      m.put("test_dead_units", o.test().deadUnits());
      m.put("test_loss", o.test().loss());
    }
    m.put("history", HistoryFile.rows(o.history()));
    return m;
  }

  static boolean exists(Path out) {
    return Files.exists(out.resolve(WEIGHTS));
  }
}
