package neuronlens.vis;

/**
 * The numbers behind the pictures of one Dense layer, computed once so that the gallery and the
 * HTML report draw from the same results.
 *
 * @param weights every unit's weight image (effective weights past the first layer)
 * @param am activation maximization of every unit
 * @param comparison weights against AM per unit; null except for the first layer, where the two are
 *     comparable
 * @param examples activations on the dataset; null for the output layer
 * @param ablation each unit knocked out on the same dataset; null for the output layer
 * @param curve the live units knocked out one after another; null for the output layer
 */
public record LayerAnalysis(
    WeightImages weights,
    AmResult am,
    Comparison comparison,
    DatasetExamples examples,
    Ablation ablation,
    KnockOutCurve curve) {

  /** Keras name of the layer. */
  public String layer() {
    return weights.layer();
  }

  /** Number of units. */
  public int units() {
    return weights.units();
  }
}
