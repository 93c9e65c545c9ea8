package neuronlens.report;

/**
 * The sanity check ({@link neuronlens.vis.SanityCheck}) over the report's explained images: per
 * method, the mean rank correlation with the last layer and with every layer randomized.
 *
 * @param images how many images the means are over
 * @param seed the random weights' seed
 * @param lastLayer per method of {@link neuronlens.vis.SanityCheck#METHODS}
 * @param allLayers per method
 */
public record SanityView(int images, long seed, double[] lastLayer, double[] allLayers) {}
