package neuronlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The report's words follow its numbers: what selectivity says depends on the correlation. */
class AblationHtmlTest {
  @Test
  void theSentenceOnSelectivityFollowsTheCorrelation() {
    assertThat(AblationHtml.selectivitySentence(-0.15)).contains("says little").contains("−0.15");
    assertThat(AblationHtml.selectivitySentence(0.29)).contains("says little");
    assertThat(AblationHtml.selectivitySentence(-0.71)).contains("mattering less");
    assertThat(AblationHtml.selectivitySentence(0.45)).contains("mattering more");
    assertThat(AblationHtml.selectivitySentence(Double.NaN)).isEmpty();
  }

  @Test
  void changesAreWrittenInPercentagePointsWithTheirSign() {
    assertThat(AblationHtml.pp(-0.0074)).isEqualTo("−0.74 pp");
    assertThat(AblationHtml.pp(0.002)).isEqualTo("+0.20 pp");
  }

  @Test
  void aLayerWithNoLiveUnitSaysSoAndDrawsNothing() {
    neuronlens.nn.Mlp mlp = neuronlens.nn.Mlp.glorot(new int[] {8}, 10, 3);
    java.util.Arrays.fill(mlp.layers().get(0).bias(), -1e6f); // every ReLU stays shut
    neuronlens.data.Dataset ds = HtmlEscapingTest.tinyDataset(60);
    neuronlens.vis.DatasetExamples ex =
        neuronlens.vis.DatasetExamples.of(mlp, 0, ds, neuronlens.tensor.Kernels.get());
    neuronlens.vis.Ablation a = neuronlens.vis.Ablation.of(mlp, 0, ex, ds, 1);
    String html =
        AblationHtml.of(
                "dense",
                "neuron-",
                a,
                neuronlens.vis.KnockOutCurve.of(mlp, 0, ex, ds, a, 1, 1),
                neuronlens.data.ClassNames.DIGITS)
            .markup();
    assertThat(html).contains("silent on every test image").doesNotContain("<svg");
  }
}
