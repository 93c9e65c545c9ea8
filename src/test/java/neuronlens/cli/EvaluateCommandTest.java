package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class EvaluateCommandTest {

  @Test
  void seedWeightsClassify9790TestImagesCorrectly() throws Exception {
    CliRun r =
        CliRun.of(
            "evaluate",
            "--weights",
            Mnist.seedWeights().toString(),
            "--cache",
            Mnist.cacheRoot(),
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertThat(j.get("correct").asInt()).isEqualTo(9790);
    assertThat(j.get("total").asInt()).isEqualTo(10000);
    assertThat(j.get("accuracy").asDouble()).isEqualTo(0.979);
    assertThat(j.get("model").asText()).isEqualTo("784-128-10");
  }

  @Test
  void textOutputNamesTheCounts() {
    CliRun r =
        CliRun.of(
            "evaluate", "--weights", Mnist.seedWeights().toString(), "--cache", Mnist.cacheRoot());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("9790 of 10000 correct");
  }

  /**
   * Knocked-out units, evaluated as the float model without them, give the knock-outs' counts
   * (computed in double from the activations): one unit alone, and the five costliest together.
   */
  @Test
  void knockedOutUnitsGiveTheKnockOutsCounts() throws Exception {
    neuronlens.nn.Mlp mlp = neuronlens.keras.KerasWeights.read(Mnist.seedWeights()).model();
    neuronlens.data.Dataset test = Mnist.test();
    neuronlens.vis.DatasetExamples ex =
        neuronlens.vis.DatasetExamples.of(mlp, 0, test, neuronlens.tensor.Kernels.get());
    neuronlens.vis.Ablation a = neuronlens.vis.Ablation.of(mlp, 0, ex, test, 2);
    neuronlens.vis.KnockOutCurve c = neuronlens.vis.KnockOutCurve.of(mlp, 0, ex, test, a, 42, 2);
    int[] five = java.util.Arrays.copyOf(c.orders()[0], 5);
    String list =
        java.util.Arrays.stream(five)
            .mapToObj(Integer::toString)
            .collect(java.util.stream.Collectors.joining(","));
    for (String units : new String[] {Integer.toString(five[0]), list}) {
      CliRun r =
          CliRun.of(
              "evaluate",
              "--weights",
              Mnist.seedWeights().toString(),
              "--cache",
              Mnist.cacheRoot(),
              "--knock-out",
              units,
              "--json");
      assertThat(r.exit()).as(r.err()).isZero();
      JsonNode j = Json.MAPPER.readTree(r.out());
      int k = units.split(",").length;
      assertThat(j.get("knocked_out")).hasSize(k);
      assertThat(j.get("correct").asInt()).as(units).isEqualTo(c.correct()[0][k]);
    }
    assertThat(c.correct()[0][1]).isEqualTo(a.unitCorrect()[five[0]]);
  }
}
