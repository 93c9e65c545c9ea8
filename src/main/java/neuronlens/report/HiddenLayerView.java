package neuronlens.report;

import java.util.List;
import neuronlens.vis.Ablation;
import neuronlens.vis.KnockOutCurve;

/**
 * The units of a hidden layer after the first: their pictures are effective weights (the product of
 * the kernels down to the pixels, ReLUs ignored) and AM images, with no weights-versus-AM
 * correlation (AM is not a function of those weights alone here).
 *
 * @param layer its Keras name
 * @param neurons every unit
 * @param ablation each unit knocked out on the test set
 * @param curve its live units knocked out one after another
 */
public record HiddenLayerView(
    String layer, List<NeuronView> neurons, Ablation ablation, KnockOutCurve curve) {
  public HiddenLayerView {
    neurons = List.copyOf(neurons);
  }
}
