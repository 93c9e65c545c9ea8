package neuronlens.report;

/**
 * A misclassified test image.
 *
 * @param index position in the test split
 * @param actual its label
 * @param predicted the class the model chose
 * @param probability the softmax probability of {@code predicted}
 * @param image its picture, by its {@link Picture#name()}
 */
public record Mistake(int index, int actual, int predicted, float probability, String image) {}
