package neuronlens.report;

/**
 * One off-diagonal cell of the confusion matrix: how often digit {@code actual} was taken for
 * {@code predicted}.
 */
public record ConfusedPair(int actual, int predicted, int count) {}
