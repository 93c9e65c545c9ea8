package neuronlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import neuronlens.data.ClassNames;
import neuronlens.data.Dataset;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.Evaluation;
import neuronlens.vis.AmConfig;
import neuronlens.vis.Gallery;
import org.junit.jupiter.api.Test;

/** A model of two hidden layers: both get their units on the page, and every link lands. */
class ReportStructureTest {
  @Test
  void everyHiddenLayerHasItsUnitsAndEveryInternalLinkHasATarget() {
    Mlp mlp = Mlp.glorot(new int[] {12, 6}, 10, 4);
    Dataset test = HtmlEscapingTest.tinyDataset(60);
    Report r =
        ReportBuilder.build(
            "two hidden layers",
            mlp,
            test,
            ClassNames.DIGITS,
            Evaluation.of(mlp, test),
            List.of(),
            Gallery.analyze(mlp, test, Kernels.get(), 1, AmConfig.naturalPreset().withSteps(3)),
            Kernels.get(),
            1);
    assertThat(r.deeper()).hasSize(1);
    assertThat(r.deeper().get(0).layer()).isEqualTo("dense_1");
    assertThat(r.hiddenCount()).isEqualTo(12 + 6);
    String page = ReportRenderer.render(r, ReportWriter.encode(r.pictures(), 1));

    assertThat(count(page, "<section class=\"neuron\" id=\"neuron-\\d+\"")).isEqualTo(12);
    assertThat(count(page, "<section class=\"neuron\" id=\"neuron-dense_1-\\d+\"")).isEqualTo(6);
    assertThat(page).contains("<section id=\"neurons-dense_1\">");
    assertThat(page).contains("effective weights");
    assertThat(page).contains(r.deadCount() + " of 18</span>");

    List<String> ids = all(page, "id=\"([^\"]+)\"");
    assertThat(new HashSet<>(ids)).as("ids are unique").hasSize(ids.size());
    Set<String> targets = new HashSet<>(ids);
    for (String href : all(page, "href=\"#([^\"]*)\"")) {
      assertThat(targets).as("the target of #" + href).contains(href);
    }
  }

  private static int count(String page, String regex) {
    return all(page, regex).size();
  }

  private static List<String> all(String page, String regex) {
    Matcher m = Pattern.compile(regex).matcher(page);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.groupCount() > 0 ? m.group(1) : m.group());
    }
    return out;
  }
}
