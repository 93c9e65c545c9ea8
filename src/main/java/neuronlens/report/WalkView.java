package neuronlens.report;

/**
 * A test image walked to the model's second choice ({@link neuronlens.vis.Counterfactual}), for the
 * report.
 *
 * @param index the test image
 * @param predicted the class the model reads it as
 * @param target the model's second choice, walked to
 * @param reached whether the model reads the end as {@code target}
 * @param steps steps taken
 * @param changed pixels changed
 * @param image the test image's picture
 * @param walked the picture of the end of the walk
 * @param difference the picture of the end less the start
 */
public record WalkView(
    int index,
    int predicted,
    int target,
    boolean reached,
    int steps,
    int changed,
    String image,
    String walked,
    String difference) {}
