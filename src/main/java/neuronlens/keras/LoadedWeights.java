package neuronlens.keras;

import neuronlens.nn.Mlp;
import neuronlens.train.AdamState;

/**
 * What a Keras 3 {@code .weights.h5} file holds for the seed's architecture: the model and, when
 * the file carries a built optimizer, Adam's state.
 *
 * @param model the Dense chain, last layer softmax, others ReLU
 * @param adam Adam's iterations and moments in Keras' variable order, or null when the file has no
 *     (or an empty) {@code optimizer/vars} group
 */
public record LoadedWeights(Mlp model, AdamState adam) {
  /** Checks that the model is present. */
  public LoadedWeights {
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
  }
}
