package neuronlens.report;

/**
 * One test image explained: the integrated gradients of a class's logit from a black image.
 *
 * @param index the test image
 * @param label its true class
 * @param predicted the class the model chose
 * @param explained the class whose logit the attributions explain
 * @param image picture name of the test image
 * @param attributions picture name of the attributions
 * @param sum the attributions' sum, which equals {@code logit - baselineLogit}
 * @param logit the explained class's logit on the image
 * @param baselineLogit its logit on a black image
 */
public record AttributionView(
    int index,
    int label,
    int predicted,
    int explained,
    String image,
    String attributions,
    double sum,
    double logit,
    double baselineLogit) {}
