package neuronlens.report;

import java.util.List;
import neuronlens.data.ClassNames;
import neuronlens.train.EpochStats;
import neuronlens.vis.Ablation;
import neuronlens.vis.KnockOutCurve;

/**
 * Everything the HTML report shows, as plain values: built by {@link ReportBuilder}, drawn by
 * {@link ReportRenderer}. Picture fields are paths by its {@link Picture#name()}; {@link #pictures}
 * holds the pixels of each.
 *
 * @param title the page title
 * @param source where the model came from (the weights file), shown as text
 * @param layers the Keras-style model summary
 * @param history training epochs, empty when no history was found
 * @param test results on the test split
 * @param hiddenLayer Keras name of the layer in {@link #neurons}
 * @param neurons every unit of the first hidden layer
 * @param outputs every output class
 * @param amSettings how the AM pictures were made, in words
 * @param meanCorrelation mean Pearson r of weights and AM over {@link #neurons}
 * @param pictures every picture the page refers to
 * @param classes what the classes are called
 * @param attributions test images explained by integrated gradients
 * @param deeper the hidden layers after the first, in order (none for one hidden layer)
 * @param sanity the sanity check of the maps over the first test image of each class
 * @param walks the first test image of each class walked to the model's second choice
 * @param ablation each unit of {@link #hiddenLayer} knocked out on the test set; null without a
 *     hidden layer
 * @param curve its live units knocked out one after another; null without a hidden layer
 */
public record Report(
    String title,
    String source,
    List<LayerRow> layers,
    List<EpochStats> history,
    TestSummary test,
    String hiddenLayer,
    List<NeuronView> neurons,
    List<OutputView> outputs,
    String amSettings,
    double meanCorrelation,
    List<Picture> pictures,
    ClassNames classes,
    List<AttributionView> attributions,
    List<HiddenLayerView> deeper,
    SanityView sanity,
    List<WalkView> walks,
    Ablation ablation,
    KnockOutCurve curve) {

  /** Total trainable values of the model. */
  public int totalParams() {
    int n = 0;
    for (LayerRow r : layers) {
      n += r.params();
    }
    return n;
  }

  /** Number of dead units in all the hidden layers. */
  public int deadCount() {
    int n = 0;
    for (NeuronView v : neurons) {
      n += v.dead() ? 1 : 0;
    }
    for (HiddenLayerView h : deeper) {
      for (NeuronView v : h.neurons()) {
        n += v.dead() ? 1 : 0;
      }
    }
    return n;
  }

  /** Number of units in all the hidden layers. */
  public int hiddenCount() {
    int n = neurons.size();
    for (HiddenLayerView h : deeper) {
      n += h.neurons().size();
    }
    return n;
  }
}
