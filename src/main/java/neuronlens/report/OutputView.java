package neuronlens.report;

/**
 * What the report shows of one output class.
 *
 * @param unit the class
 * @param am its activation-maximization picture, by its {@link Picture#name()}
 * @param probability the softmax probability the model gives the class on that picture
 * @param predicted the class the model assigns to that picture
 */
public record OutputView(int unit, String am, float probability, int predicted) {}
