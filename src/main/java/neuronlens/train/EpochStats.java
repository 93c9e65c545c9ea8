package neuronlens.train;

/**
 * What one epoch achieved: the running training loss and accuracy (means over its batches, as Keras
 * reports them), the dev split's loss and accuracy after the epoch, its wall time, and per hidden
 * layer the units that output 0 for every dev image after it ({@code devDeadUnits}: empty when not
 * recorded, as in histories written before it was).
 */
public record EpochStats(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double devLoss,
    double devAccuracy,
    double seconds,
    int[] devDeadUnits) {

  /** An epoch with no dead units recorded. */
  public EpochStats(
      int epoch,
      double trainLoss,
      double trainAccuracy,
      double devLoss,
      double devAccuracy,
      double seconds) {
    this(epoch, trainLoss, trainAccuracy, devLoss, devAccuracy, seconds, new int[0]);
  }
}
