package neuronlens.report;

/**
 * One row of the Keras-style model summary.
 *
 * @param name Keras layer name ({@code rescaling}, {@code flatten}, {@code dense}, ...)
 * @param type Keras class name ({@code Rescaling}, {@code Flatten}, {@code Dense})
 * @param outputShape as Keras prints it, e.g. {@code (None, 128)}
 * @param params trainable values of the layer
 * @param detail what the layer does, e.g. {@code ReLU}
 */
public record LayerRow(String name, String type, String outputShape, int params, String detail) {}
