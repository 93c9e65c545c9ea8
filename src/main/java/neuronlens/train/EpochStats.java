package neuronlens.train;

/**
 * What one epoch achieved: the running training loss and accuracy (means over its batches, as Keras
 * reports them), the dev split's loss and accuracy after the epoch, and its wall time.
 */
public record EpochStats(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double devLoss,
    double devAccuracy,
    double seconds) {}
