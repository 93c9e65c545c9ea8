package neuronlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import neuronlens.data.ClassNames;
import neuronlens.data.Dataset;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.EpochStats;
import neuronlens.train.Evaluation;
import neuronlens.vis.AmConfig;
import neuronlens.vis.Gallery;
import org.junit.jupiter.api.Test;

/** Every string that reaches the page is escaped; templates and their values cannot drift. */
class HtmlEscapingTest {
  private static final String HOSTILE = "/tmp/<script>alert('x')</script>&\"<img src=x>.h5";

  @Test
  void escapeCoversTheFiveSpecialCharacters() {
    assertThat(Html.escape("<a href=\"x\">Tom & Jerry's</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void templateEscapesStringsButNotHtml() {
    Template t = Template.of("t", "<p title=\"{{a}}\">{{b}}</p>");
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("a", "\"><script>");
    v.put("b", new Html("<em>ok</em>"));
    assertThat(t.fill(v).markup())
        .isEqualTo("<p title=\"&quot;&gt;&lt;script&gt;\"><em>ok</em></p>");
  }

  @Test
  void missingOrUnusedValuesAreBugs() {
    Template t = Template.of("t", "{{a}}");
    assertThatThrownBy(() -> t.fill(Map.of())).hasMessageContaining("{{a}}");
    assertThatThrownBy(() -> t.fill(Map.of("a", 1, "b", 2))).hasMessageContaining("b");
  }

  @Test
  void hostileWeightsPathAndTitleAreEscapedInThePage() {
    Mlp mlp = Mlp.glorot(new int[] {6}, 10, 7);
    Dataset test = tinyDataset(40);
    Report r =
        ReportBuilder.build(
            HOSTILE,
            mlp,
            test,
            ClassNames.DIGITS,
            Evaluation.of(mlp, test),
            List.of(new EpochStats(1, 0.5, 0.8, 0.4, 0.85, 1.0)),
            Gallery.analyze(mlp, test, Kernels.get(), 1, AmConfig.naturalPreset().withSteps(3)),
            Kernels.get(),
            1);
    Report hostile =
        new Report(
            HOSTILE,
            r.source(),
            r.layers(),
            r.history(),
            r.test(),
            "<b>layer</b>",
            r.neurons(),
            r.outputs(),
            "<i>am</i>",
            r.meanCorrelation(),
            r.pictures(),
            new ClassNames("<u>noun</u>", hostileNames()),
            r.attributions(),
            r.deeper(),
            r.sanity(),
            r.walks(),
            r.ablation(),
            r.curve());
    String page = ReportRenderer.render(hostile, ReportWriter.encode(r.pictures(), 2));
    assertThat(page)
        .doesNotContain("<script>")
        .doesNotContain("<img src=x>")
        .doesNotContain("<b>layer</b>")
        .doesNotContain("<i>am</i>")
        .doesNotContain("<u>")
        .contains("&lt;u&gt;noun&lt;/u&gt;")
        .contains("<strong>3</strong> &lt;em&gt;class 3&lt;/em&gt;")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;&lt;img src=x&gt;")
        .contains("&lt;b&gt;layer&lt;/b&gt;");
    assertThat(page).contains("<title>" + Html.escape(HOSTILE) + "</title>");
    assertThat(r.neurons()).hasSize(6);
    assertThat(r.totalParams()).isEqualTo(784 * 6 + 6 + 6 * 10 + 10);
  }

  private static List<String> hostileNames() {
    List<String> names = new java.util.ArrayList<>();
    for (int k = 0; k < 10; k++) {
      names.add("<em>class " + k + "</em>");
    }
    return names;
  }

  static Dataset tinyDataset(int n) {
    SplittableRandom rng = new SplittableRandom(1);
    byte[] images = new byte[n * 784];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 10);
      for (int p = 0; p < 784; p++) {
        images[i * 784 + p] = (byte) (rng.nextInt(4) == 0 ? rng.nextInt(256) : 0);
      }
    }
    return new Dataset(images, labels, n, 28, 28);
  }
}
