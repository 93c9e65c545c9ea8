package neuronlens.report;

import java.util.List;

/**
 * The units of a hidden layer after the first: their pictures are effective weights (the product of
 * the kernels down to the pixels, ReLUs ignored) and AM images, with no weights-versus-AM
 * correlation (AM is not a function of those weights alone here).
 *
 * @param layer its Keras name
 * @param neurons every unit
 */
public record HiddenLayerView(String layer, List<NeuronView> neurons) {
  public HiddenLayerView {
    neurons = List.copyOf(neurons);
  }
}
