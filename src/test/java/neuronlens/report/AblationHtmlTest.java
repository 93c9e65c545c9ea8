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
}
