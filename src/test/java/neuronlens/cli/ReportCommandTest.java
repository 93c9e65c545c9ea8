package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import neuronlens.data.CacheDirs;
import neuronlens.data.DataLoader;
import neuronlens.data.Dataset;
import neuronlens.data.FetchProgress;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.Evaluation;
import neuronlens.vis.Ablation;
import neuronlens.vis.DatasetExamples;
import neuronlens.vis.SanityCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neuronlens report} from the seed's weights file alone (no training): the page has the
 * model summary, the test results, every neuron and nothing that reaches outside the page.
 */
class ReportCommandTest {
  private static final int[] DEAD = {
    10, 19, 22, 26, 31, 32, 34, 42, 48, 49, 51, 52, 59, 63, 68, 71, 81, 86, 88, 91, 92, 97, 98, 100,
    105, 107, 109, 111, 112, 115, 125, 127
  };

  @TempDir static Path dir;
  private static String html;

  @BeforeAll
  static void writeReport() throws Exception {
    Path out = dir.resolve("report");
    // few AM steps: the structure of the page does not depend on them, and the test stays quick
    CliRun r =
        CliRun.of(
            "report",
            "--weights",
            Mnist.seedWeights().toString(),
            "--out",
            out.toString(),
            "--cache",
            Mnist.cacheRoot(),
            "--am-steps",
            "20");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("report: " + out.resolve("index.html"));
    html = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
  }

  @Test
  void summaryCountsTheSeedModelsParameters() {
    assertThat(html)
        .contains("id=\"total-params\">101,770<")
        .contains("<code>rescaling</code>")
        .contains("<code>flatten</code>")
        .contains("<code>dense</code>")
        .contains("<code>dense_1</code>")
        .contains("<code>(None, 28, 28, 1)</code>")
        .contains(">100,480<")
        .contains(">1,290<");
  }

  @Test
  void everyLiveUnitShowsItsMeanActivationByClass() {
    assertThat(count("aria-label=\"mean activation by class\"")).isEqualTo(128 - DEAD.length);
    // and its card says which class that is highest on; the dead ones say nothing of it
    assertThat(count(", answers most to ")).isEqualTo(128 - DEAD.length);
  }

  @Test
  void predictionsAreExplainedWithAttributionsThatAddUpToTheLogit() {
    // ten classes' first test images, then four mistakes for both their classes and for the
    // difference of the two logits
    assertThat(count("<figure class=\"why") - count("<figure class=\"why walk\""))
        .isEqualTo(10 + 3 * 4);
    assertThat(count("<figure class=\"why walk\"")).isEqualTo(10); // "how little it takes"
    // a card is marked as a mistake exactly when its title says so: the twelve, and the seed's
    // model takes the first 5 of the test set (image 8) for a 6
    Matcher titles =
        Pattern.compile("<strong>#\\d+ · an? \\d taken for an? \\d</strong>").matcher(html);
    int mistakes = 0;
    while (titles.find()) {
      mistakes++;
    }
    assertThat(count("<figure class=\"why mistake\"")).isEqualTo(mistakes).isEqualTo(13);
    assertThat(html).contains("<strong>#8 · a 5 taken for a 6</strong>");
    Matcher m =
        Pattern.compile(
                "logit of (\\d)(?: − logit of (\\d))?: (-?[0-9.]+) = (-?[0-9.]+) for black ([+−])"
                    + " ([0-9.]+) from the pixels")
            .matcher(html);
    int n = 0;
    java.util.Map<String, double[]> single = new java.util.HashMap<>(); // class: logit, pixels
    while (m.find()) {
      double logit = Double.parseDouble(m.group(3));
      double black = Double.parseDouble(m.group(4));
      double pixels = Double.parseDouble(m.group(6)) * (m.group(5).equals("−") ? -1 : 1);
      assertThat(black + pixels)
          .as(m.group())
          .isCloseTo(logit, org.assertj.core.data.Offset.offset(0.011));
      if (m.group(2) == null) {
        single.put(m.group(1), new double[] {logit, pixels});
      } else {
        // a difference card follows the cards of its two classes: its parts are their differences
        double[] a = single.get(m.group(1));
        double[] b = single.get(m.group(2));
        assertThat(logit).as(m.group()).isCloseTo(a[0] - b[0], within(0.011));
        assertThat(pixels).as(m.group()).isCloseTo(a[1] - b[1], within(0.011));
      }
      n++;
    }
    assertThat(n).isEqualTo(22);
    // test image 0 is a 7, which the seed's model gets right
    assertThat(html).contains("<strong>#0 · a 7</strong>");
  }

  /**
   * The sanity check's table: a row per map, two correlations each, as the library computes them
   * over the first test image of each class (for the class the model chose, seed 42).
   */
  @Test
  void theSanityCheckTableHoldsTheLibrarysCorrelations() throws Exception {
    Matcher rows =
        Pattern.compile(
                "<tr><td>([^<]+)</td><td class=\"num\">(-?[0-9.]+)</td><td class=\"num\">(-?[0-9.]+)</td></tr>")
            .matcher(html.substring(html.indexOf("id=\"sanity\"")));
    Mlp mlp = KerasWeights.read(Mnist.seedWeights()).model();
    Dataset test = Mnist.test();
    Evaluation eval = Evaluation.of(mlp, test);
    double[][] mean = new double[2][3];
    for (int c = 0; c < 10; c++) {
      int i = 0;
      while (test.label(i) != c) {
        i++;
      }
      SanityCheck s =
          SanityCheck.of(
              mlp, DatasetExamples.pixels(test, i), eval.predictions()[i], 42, Kernels.get());
      for (int m = 0; m < 3; m++) {
        mean[0][m] += s.lastLayer()[m] / 10;
        mean[1][m] += s.allLayers()[m] / 10;
      }
    }
    for (int m = 0; m < 3; m++) {
      assertThat(rows.find()).isTrue();
      assertThat(rows.group(1)).isEqualTo(SanityCheck.NAMES.get(m));
      assertThat(Double.parseDouble(rows.group(2))).isCloseTo(mean[0][m], within(0.0051));
      assertThat(Double.parseDouble(rows.group(3))).isCloseTo(mean[1][m], within(0.0051));
    }
  }

  /**
   * The knock-out table lists the ten units whose knock-out raises the test loss most, as the
   * library computes them (checked against evaluating the model without the unit in {@code
   * AblationTest}); each listed unit's section says the same, and the chart has a dot per live
   * unit.
   */
  @Test
  void theKnockOutTableListsTheUnitsThatMatterMost() {
    Mlp mlp = KerasWeights.read(Mnist.seedWeights()).model();
    Dataset test = Mnist.test();
    Ablation a = Ablation.of(mlp, 0, DatasetExamples.of(mlp, 0, test, Kernels.get()), test, 2);
    String block = html.substring(html.indexOf("id=\"knockouts-dense\""));
    block = block.substring(0, block.indexOf("</svg>"));
    Matcher rows =
        Pattern.compile(
                "<tr><td><a href=\"#neuron-(\\d+)\">\\d+</a></td><td class=\"num\">([+−][0-9.]+) pp</td>"
                    + "<td class=\"num\">([+-][0-9.]+)</td><td class=\"num\">(\\d+)</td>")
            .matcher(block);
    int[] order = a.byLossChange();
    for (int r = 0; r < 10; r++) {
      assertThat(rows.find()).as("row %d", r).isTrue();
      int j = Integer.parseInt(rows.group(1));
      assertThat(j).isEqualTo(order[r]);
      String pp = rows.group(2).replace('−', '-');
      assertThat(Double.parseDouble(pp)).isCloseTo(100 * a.accuracyChange(j), within(0.0051));
      assertThat(Double.parseDouble(rows.group(3))).isCloseTo(a.lossChange(j), within(0.00006));
      assertThat(Integer.parseInt(rows.group(4))).isEqualTo(a.unitChanged()[j]);
      // the unit's own section says the same
      String section = html.substring(html.indexOf("id=\"neuron-" + j + "\""));
      assertThat(section.substring(0, section.indexOf("</p>")))
          .contains(
              "knocked out: accuracy "
                  + rows.group(2)
                  + " pp ("
                  + rows.group(4)
                  + " predictions change)");
    }
    assertThat(rows.find()).isFalse();
    // the costliest unit's section charts each class's accuracy change, the one it hurts most too
    int j = order[0];
    int worst = a.mostHurtClass(j);
    String section = html.substring(html.indexOf("id=\"neuron-" + j + "\""));
    section = section.substring(0, section.indexOf("</section>"));
    assertThat(section)
        .contains("aria-label=\"each class&#39;s accuracy with it knocked out\"")
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "<title>%d: %+.2f pp</title>",
                worst,
                100 * a.classAccuracyChange(j, worst)));
    assertThat(block.split("<circle class=\"scatter\"", -1)).hasSize(128 - DEAD.length + 1);
    // the cumulative knock-outs: their sentence and a line per order
    neuronlens.vis.KnockOutCurve curve =
        neuronlens.vis.KnockOutCurve.of(
            mlp, 0, DatasetExamples.of(mlp, 0, test, Kernels.get()), test, a, 42, 2);
    String after = html.substring(html.indexOf("id=\"knockouts-dense\""));
    after = after.substring(0, after.indexOf("<div class=\"neurons\">"));
    assertThat(after)
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "the %d of the %d live units whose single knock-outs cost least can all go",
                curve.spare(1, 0.01),
                128 - DEAD.length))
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "with the 10 costliest out it is %.2f %%",
                100 * curve.accuracy(0, 10)));
    assertThat(after.split("<polyline class=\"line thin order", -1)).hasSize(4 + 1);
  }

  /**
   * "How little it takes": each first test image's card says what the library's walk to the model's
   * second choice took.
   */
  @Test
  void theWalksSayWhatTheLibrarysWalksTook() {
    Mlp mlp = KerasWeights.read(Mnist.seedWeights()).model();
    Dataset test = Mnist.test();
    Evaluation eval = Evaluation.of(mlp, test);
    String section = html.substring(html.indexOf("id=\"walks\""));
    section = section.substring(0, section.indexOf("</section>"));
    int cards = 0;
    for (int i : DatasetExamples.firstOfEachClass(test, 10)) {
      float[] raw = DatasetExamples.pixels(test, i);
      int p = eval.predictions()[i];
      int second = neuronlens.vis.Counterfactual.way(mlp, raw, p, Kernels.get()).against();
      neuronlens.vis.Counterfactual w =
          neuronlens.vis.Counterfactual.walk(mlp, raw, second, Kernels.get());
      assertThat(w.reached()).isTrue();
      assertThat(section)
          .contains("<strong>#" + i + " · " + p + " → " + second + "</strong>")
          .contains(
              "read as "
                  + second
                  + " after "
                  + w.steps()
                  + (w.steps() == 1 ? " step: " : " steps: ")
                  + w.changed()
                  + " pixels changed");
      cards++;
    }
    assertThat(cards).isEqualTo(10);
    assertThat(section).contains("changed its answer on 10 of 10");
  }

  @Test
  void everyNeuronHasASectionAndTheDeadOnesAreFlagged() {
    assertThat(count("<section class=\"neuron\" id=\"neuron-")).isEqualTo(128);
    List<Integer> dead = new ArrayList<>();
    Matcher m = Pattern.compile("<a class=\"card dead\" href=\"#neuron-(\\d+)\"").matcher(html);
    while (m.find()) {
      dead.add(Integer.parseInt(m.group(1)));
    }
    assertThat(dead).containsExactly(java.util.Arrays.stream(DEAD).boxed().toArray(Integer[]::new));
    assertThat(html).contains("<span class=\"value\">32 of 128</span>");
  }

  @Test
  void testAccuracyIs9790() {
    assertThat(html).contains("id=\"test-accuracy\">97.90%<").contains("(9,790)");
  }

  @Test
  void confusionMatrixSumsTo10000AndMatchesEvaluation() {
    int[][] expected =
        Evaluation.of(
                KerasWeights.read(Mnist.seedWeights()).model(),
                new DataLoader(CacheDirs.defaultRoot(), FetchProgress.silent())
                    .load("mnist")
                    .splits()
                    .test())
            .confusion();
    String table = html.substring(html.indexOf("<table class=\"confusion\""));
    table = table.substring(0, table.indexOf("</table>"));
    Matcher m =
        Pattern.compile("title=\"true (\\d), predicted (\\d): \\d+\">(\\d+)</td>").matcher(table);
    int[][] found = new int[10][10];
    int cells = 0;
    int sum = 0;
    while (m.find()) {
      int v = Integer.parseInt(m.group(3));
      found[Integer.parseInt(m.group(1))][Integer.parseInt(m.group(2))] = v;
      sum += v;
      cells++;
    }
    assertThat(cells).isEqualTo(100);
    assertThat(sum).isEqualTo(10_000);
    assertThat(found).isDeepEqualTo(expected);
  }

  @Test
  void pageReachesNothingOutsideItself() {
    // every picture is inlined and decodes to a PNG
    Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
    int images = 0;
    while (src.find()) {
      String s = src.group(1);
      assertThat(s).startsWith("data:image/png;base64,");
      byte[] png = Base64.getDecoder().decode(s.substring(s.indexOf(',') + 1));
      assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
      images++;
    }
    assertThat(images).isGreaterThan(128 * 3);
    // every link is to an anchor on the page
    Set<String> ids = new HashSet<>();
    Matcher id = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
    while (id.find()) {
      ids.add(id.group(1));
    }
    Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
    int links = 0;
    while (href.find()) {
      String h = href.group(1);
      assertThat(h).startsWith("#");
      assertThat(ids).as("target of " + h).contains(h.substring(1));
      links++;
    }
    assertThat(links).isGreaterThan(128 * 4);
    String text = html.replaceAll("data:image/png;base64,[A-Za-z0-9+/=]*", "");
    assertThat(text)
        .doesNotContain("http:")
        .doesNotContain("https:")
        .doesNotContain("//")
        .doesNotContain("<link")
        .doesNotContain("<script")
        .doesNotContain("@import")
        .doesNotContain("url(")
        .doesNotContain("@font-face");
  }

  @Test
  void historyBesideTheWeightsGivesTrainingCurves(@TempDir Path tmp) throws Exception {
    Path weights = tmp.resolve("model.weights.h5");
    Files.copy(Mnist.seedWeights(), weights);
    Files.writeString(
        tmp.resolve("history.json"),
        "{\"epochs\": ["
            + "{\"epoch\": 1, \"train_loss\": 0.30, \"train_accuracy\": 0.91, \"dev_loss\": 0.15,"
            + " \"dev_accuracy\": 0.955, \"seconds\": 2.0},"
            + "{\"epoch\": 2, \"train_loss\": 0.12, \"train_accuracy\": 0.964, \"dev_loss\": 0.10,"
            + " \"dev_accuracy\": 0.97, \"seconds\": 2.0}]}");
    CliRun r =
        CliRun.of(
            "report",
            "--weights",
            weights.toString(),
            "--out",
            tmp.resolve("r").toString(),
            "--cache",
            Mnist.cacheRoot(),
            "--am-steps",
            "5",
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Json.MAPPER.readTree(r.out()).get("epochs").asInt()).isEqualTo(2);
    String page = Files.readString(tmp.resolve("r").resolve("index.html"));
    assertThat(page)
        .contains("aria-label=\"loss per epoch\"")
        .contains("aria-label=\"accuracy per epoch\"")
        .contains("After epoch 2")
        .doesNotContain("dead units per epoch"); // this history has not recorded them
    assertThat(html).contains("No training history was found");
  }

  /**
   * A history that recorded each epoch's units silent on the dev set gets a chart of them and a
   * sentence with the first and last counts; one recorded for another model's layers, or holding
   * anything but counts, gets neither.
   */
  @Test
  void deadUnitsPerEpochAreChartedWhenTheHistoryHasThem(@TempDir Path tmp) throws Exception {
    Path weights = tmp.resolve("model.weights.h5");
    Files.copy(Mnist.seedWeights(), weights);
    String[] page = new String[4];
    String[][] dead = {
      {"[30]", "[27]"}, {"[30, 4]", "[27, 5]"}, {"[\"30\"]", "[27]"}, {"[-1]", "[27]"}
    };
    for (int i = 0; i < dead.length; i++) {
      Files.writeString(
          tmp.resolve("history.json"),
          "{\"epochs\": ["
              + "{\"epoch\": 1, \"train_loss\": 0.30, \"train_accuracy\": 0.91, \"dev_loss\": 0.15,"
              + " \"dev_accuracy\": 0.955, \"seconds\": 2.0, \"dev_dead_units\": "
              + dead[i][0]
              + "},"
              + "{\"epoch\": 2, \"train_loss\": 0.12, \"train_accuracy\": 0.964, \"dev_loss\": 0.10,"
              + " \"dev_accuracy\": 0.97, \"seconds\": 2.0, \"dev_dead_units\": "
              + dead[i][1]
              + "}]}");
      Path out = tmp.resolve("r" + i);
      CliRun r =
          CliRun.of(
              "report",
              "--weights",
              weights.toString(),
              "--out",
              out.toString(),
              "--cache",
              Mnist.cacheRoot(),
              "--am-steps",
              "5");
      assertThat(r.exit()).as(r.err()).isZero();
      page[i] = Files.readString(out.resolve("index.html"));
    }
    assertThat(page[0])
        .contains("aria-label=\"dead units per epoch\"")
        .contains("dense 30 of 128 after epoch 1, 27 after epoch 2");
    for (int i = 1; i < 4; i++) { // another model's layers, a string, a negative count
      assertThat(page[i]).doesNotContain("dead units per epoch").doesNotContain("of 128 after");
    }
  }

  @Test
  void missingHistoryFileIsAUsageError(@TempDir Path tmp) {
    CliRun r =
        CliRun.of(
            "report",
            "--weights",
            Mnist.seedWeights().toString(),
            "--out",
            tmp.toString(),
            "--history",
            tmp.resolve("nope.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--history").contains("nope.json");
  }

  private static int count(String needle) {
    int n = 0;
    for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
