package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import neuronlens.keras.KerasWeights;
import neuronlens.keras.LoadedWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

  /** The acceptance bar: the seed's full recipe with the default seed, ≥ 97.8 %. */
  @Test
  void defaultRecipeReachesTheSeedsAccuracy(@TempDir Path out) throws Exception {
    CliRun r = CliRun.of("train", "--cache", Mnist.cacheRoot(), "--out", out.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertThat(j.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.978);
    assertThat(j.get("history")).hasSize(10);
    assertThat(j.get("train_seconds").asDouble()).isPositive();
    LoadedWeights w = KerasWeights.read(out.resolve("model.weights.h5"));
    assertThat(w.adam().iterations()).isEqualTo(11000);
    assertThat(w.model().describe()).isEqualTo("784-128-10");
    // the saved file evaluates to the same count the run reported
    CliRun e =
        CliRun.of(
            "evaluate",
            "--weights",
            out.resolve("model.weights.h5").toString(),
            "--cache",
            Mnist.cacheRoot(),
            "--json");
    assertThat(Json.MAPPER.readTree(e.out()).get("correct").asInt())
        .isEqualTo(j.get("test_correct").asInt());
    assertThat(Json.MAPPER.readTree(e.out()).get("dead_units"))
        .isEqualTo(j.get("test_dead_units"))
        .hasSize(1);
    // the units the last epoch found silent on the dev split are those of the saved weights
    CliRun dev =
        CliRun.of(
            "evaluate",
            "--weights",
            out.resolve("model.weights.h5").toString(),
            "--split",
            "dev",
            "--cache",
            Mnist.cacheRoot(),
            "--json");
    JsonNode recorded = j.get("history").get(9).get("dev_dead_units");
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).asInt()).isBetween(1, 127);
    assertThat(Json.MAPPER.readTree(dev.out()).get("dead_units")).isEqualTo(recorded);
  }

  @Test
  void resumeContinuesToTheSameWeightsAsAnUninterruptedRun(@TempDir Path a, @TempDir Path b)
      throws Exception {
    String cache = Mnist.cacheRoot();
    // the schedule spans 2 epochs in both runs, as it does when a 2-epoch run is interrupted
    String[] common = {"--cache", cache, "--hidden", "16", "--seed", "7", "--decay-steps", "2200"};
    String[] two = {"--epochs", "2"};
    assertThat(CliRun.of(concat(new String[] {"train", "--out", a.toString()}, common, two)).exit())
        .isZero();
    // one epoch, then resume to two: same schedule (epochs=2 both times) and same shuffles
    CliRun first =
        CliRun.of(
            concat(
                new String[] {"train", "--out", b.toString()},
                common,
                new String[] {"--epochs", "1"}));
    assertThat(first.exit()).as(first.err()).isZero();
    CliRun rest =
        CliRun.of(
            concat(
                new String[] {
                  "train",
                  "--out",
                  b.toString(),
                  "--resume",
                  b.resolve("model.weights.h5").toString()
                },
                common,
                two));
    assertThat(rest.exit()).as(rest.err()).isZero();
    assertThat(rest.err()).contains("resuming");
    LoadedWeights wa = KerasWeights.read(a.resolve("model.weights.h5"));
    LoadedWeights wb = KerasWeights.read(b.resolve("model.weights.h5"));
    for (int i = 0; i < wa.model().variables().size(); i++) {
      assertThat(wb.model().variables().get(i)).containsExactly(wa.model().variables().get(i));
    }
  }

  static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
