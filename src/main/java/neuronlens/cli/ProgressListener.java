package neuronlens.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import neuronlens.nn.Mlp;
import neuronlens.train.AdamState;
import neuronlens.train.EpochStats;
import neuronlens.train.TrainListener;

/**
 * Shows training on stderr: a progress bar with the running loss and accuracy during each epoch (on
 * a terminal only), then one line per epoch.
 */
final class ProgressListener implements TrainListener {
  private final Console console;
  private final boolean bar;
  private ProgressBar current;
  private int epochs;

  ProgressListener(Console console) {
    this.console = console;
    this.bar = console.interactive();
  }

  @Override
  public void epochStarted(int epoch, int epochs, long steps) {
    this.epochs = epochs;
    if (bar) {
      current =
          new ProgressBarBuilder()
              .setTaskName("epoch " + epoch + "/" + epochs)
              .setInitialMax(steps)
              .setUpdateIntervalMillis(200)
              .hideEta()
              .setConsumer(new ConsoleProgressBarConsumer(console.err()))
              .build();
    }
  }

  @Override
  public void stepDone(int epoch, long stepInEpoch, double loss, double accuracy) {
    if (current != null && (stepInEpoch & 31) == 0) {
      current.stepTo(stepInEpoch);
      current.setExtraMessage(String.format(" loss %.4f acc %.4f", loss, accuracy));
    }
  }

  @Override
  public void epochDone(EpochStats s, Mlp mlp, AdamState adam) {
    if (current != null) {
      current.stepTo(current.getMax()); // the bar updates every 32 steps; end it full
    }
    close();
    console.info(
        String.format(
            "epoch %d/%d  train loss %.4f acc %.4f  dev loss %.4f acc %.4f" + "  %.1f s",
            s.epoch(),
            epochs,
            s.trainLoss(),
            s.trainAccuracy(),
            s.devLoss(),
            s.devAccuracy(),
            s.seconds()));
  }

  /** Closes an open bar (also after an interruption). */
  void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
