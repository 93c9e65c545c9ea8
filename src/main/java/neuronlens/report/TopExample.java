package neuronlens.report;

/**
 * One of the test images that activate a hidden unit most.
 *
 * @param index position in the test split
 * @param label its label
 * @param activation the unit's post-ReLU activation on it
 * @param image its picture, by its {@link Picture#name()}
 */
public record TopExample(int index, int label, float activation, String image) {}
