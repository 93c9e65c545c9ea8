package neuronlens.report;

/**
 * One test image explained: the integrated gradients of a class's logit from a black image, or of
 * the difference of two classes' logits (what made the model prefer one to the other).
 *
 * @param index the test image
 * @param label its true class
 * @param predicted the class the model chose
 * @param explained the class whose logit the attributions explain
 * @param against the class whose logit is subtracted from it, or -1
 * @param image picture name of the test image
 * @param attributions picture name of the attributions
 * @param sum the attributions' sum, which equals {@code logit - baselineLogit}
 * @param logit the explained class's logit on the image (less {@code against}'s)
 * @param baselineLogit the same on a black image
 */
public record AttributionView(
    int index,
    int label,
    int predicted,
    int explained,
    int against,
    String image,
    String attributions,
    double sum,
    double logit,
    double baselineLogit) {}
