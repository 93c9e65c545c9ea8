package neuronlens.train;

import neuronlens.nn.Mlp;

/** Hears about training as it happens: progress bars, checkpoints, histories. */
public interface TrainListener {
  /** Called before the first step of an epoch (1-based) of {@code steps} steps. */
  default void epochStarted(int epoch, int epochs, long steps) {}

  /** Called after each step with the epoch's running loss and accuracy. */
  default void stepDone(int epoch, long stepInEpoch, double runningLoss, double runningAccuracy) {}

  /** Called after an epoch, with the model and optimizer state as they now are. */
  default void epochDone(EpochStats stats, Mlp mlp, AdamState adam) {}
}
