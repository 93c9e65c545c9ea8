package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neuronlens ablate} on the seed's model: the JSON's units, the CSV's rows and the raw array
 * say the same about every unit, and the listed units are those whose knock-out raises the loss
 * most.
 */
class AblateCommandTest {
  @TempDir Path dir;

  @Test
  void theJsonTheCsvAndTheArrayAgree() throws Exception {
    Path out = dir.resolve("ablation");
    CliRun r =
        CliRun.of(
            "ablate",
            "--weights",
            Mnist.seedWeights().toString(),
            "--cache",
            Mnist.cacheRoot(),
            "--top",
            "5",
            "--raw",
            "--json",
            "--out",
            out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertThat(j.get("images").asInt()).isEqualTo(10_000);
    assertThat(j.get("accuracy").asDouble()).isEqualTo(0.979); // the seed file's 9790
    assertThat(j.get("dead").asInt()).isEqualTo(32);

    List<String> csv = Files.readAllLines(out.resolve("ablation.csv"), StandardCharsets.UTF_8);
    assertThat(csv).hasSize(129);
    List<String> header = List.of(csv.get(0).split(","));
    double[] lossChange = new double[128];
    int dead = 0;
    for (int u = 0; u < 128; u++) {
      String[] f = csv.get(u + 1).split(",", -1);
      assertThat(f).hasSize(header.size());
      assertThat(Integer.parseInt(f[0])).isEqualTo(u);
      lossChange[u] = Double.parseDouble(f[header.indexOf("loss_change")]);
      if (Boolean.parseBoolean(f[header.indexOf("dead")])) {
        dead++;
        assertThat(lossChange[u]).isZero(); // a unit that never fires changes nothing
      }
    }
    assertThat(dead).isEqualTo(32);
    float[] change = SaliencyCommandTest.npyFloats(out.resolve("ablation_class_change.npy"));
    assertThat(change).hasSize(128 * 10);

    JsonNode units = j.get("units");
    assertThat(units).hasSize(5);
    double last = Double.POSITIVE_INFINITY;
    for (JsonNode unit : units) {
      int u = unit.get("unit").asInt();
      double d = unit.get("loss_change").asDouble();
      assertThat(d).isEqualTo(lossChange[u]).isLessThanOrEqualTo(last);
      last = d;
      String[] f = csv.get(u + 1).split(",", -1);
      assertThat(Double.parseDouble(f[header.indexOf("accuracy_change")]))
          .isEqualTo(unit.get("accuracy_change").asDouble());
      assertThat(Integer.parseInt(f[header.indexOf("changed")]))
          .isEqualTo(unit.get("changed").asInt());
      for (int c = 0; c < 10; c++) {
        double byClass = unit.get("class_accuracy_change").get(c).asDouble();
        assertThat(Double.parseDouble(f[header.indexOf("class_" + c + "_change")]))
            .isEqualTo(byClass);
        assertThat(change[u * 10 + c]).isEqualTo((float) byClass);
      }
    }
    // the five listed are the five that raise the loss most
    assertThat(java.util.Arrays.stream(lossChange).filter(d -> d > lastListed(units)).count())
        .isEqualTo(4);
    assertThat(out.resolve("ablation.png")).isRegularFile();
    assertThat(out.resolve("ablation_curve.png")).isRegularFile();
    // the cumulative knock-outs: the CSV's accuracies are the JSON's counts of 10,000
    List<String> curve =
        Files.readAllLines(out.resolve("ablation_curve.csv"), StandardCharsets.UTF_8);
    assertThat(curve).hasSize(1 + 96 + 1);
    JsonNode cumulative = j.get("cumulative");
    String[] cols = curve.get(0).split(",");
    for (int k = 0; k <= 96; k++) {
      String[] f = curve.get(k + 1).split(",", -1);
      assertThat(Integer.parseInt(f[0])).isEqualTo(k);
      int o = 0;
      for (JsonNode order : cumulative) {
        assertThat(Double.parseDouble(f[1 + 2 * o]) * 10_000)
            .as("%s at %d", cols[1 + 2 * o], k)
            .isCloseTo(order.get("correct").get(k).asDouble(), within(1e-6));
        if (k > 0) {
          assertThat(Integer.parseInt(f[2 + 2 * o]))
              .isEqualTo(order.get("units").get(k - 1).asInt());
        }
        o++;
      }
    }
    // the costliest order starts with the unit the table lists first
    assertThat(cumulative.get("costliest first").get("units").get(0))
        .isEqualTo(units.get(0).get("unit"));
  }

  /** MNIST's dev split: the last 5,000 training images. */
  private static neuronlens.data.Dataset dev() {
    return new neuronlens.data.DataLoader(
            Path.of(Mnist.cacheRoot()), neuronlens.data.FetchProgress.silent())
        .load("mnist")
        .splits()
        .dev();
  }

  private static double lastListed(JsonNode units) {
    return units.get(units.size() - 1).get("loss_change").asDouble();
  }

  @Test
  void oneUnitOnTheDevSplitInText() {
    CliRun r =
        CliRun.of(
            "ablate",
            "--weights",
            Mnist.seedWeights().toString(),
            "--cache",
            Mnist.cacheRoot(),
            "--split",
            "dev",
            "--neuron",
            "85",
            "--out",
            dir.resolve("a").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("dense on 5,000 dev images: accuracy ");
    // the header, then the one unit asked for
    assertThat(lines.get(3).trim()).startsWith("85 ");
    // then its class by class accuracies, before and after: the changes add up to the unit's
    assertThat(lines.get(4)).isEqualTo("Unit 85 knocked out, each class's test accuracy:");
    double correctChange = 0;
    neuronlens.data.Dataset dev = dev();
    int[] counts = dev.classCounts();
    for (int c = 0; c < 10; c++) {
      String[] f = lines.get(5 + c).trim().split("\\s+");
      assertThat(f[0]).isEqualTo(Integer.toString(c));
      correctChange += Double.parseDouble(f[6]) / 100 * counts[c];
    }
    String[] row = lines.get(3).trim().split("\\s+");
    double unitChange = Double.parseDouble(row[3]) / 100 * dev.count(); // pp of 5,000 images
    assertThat(correctChange).isCloseTo(unitChange, within(0.6)); // printed to 0.01 pp
    assertThat(lines.get(15)).contains("dead units and");
  }
}
