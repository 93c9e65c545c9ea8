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
}
