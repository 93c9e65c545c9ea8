package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import neuronlens.vis.ShuffledUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neuronlens match}: the seed's model against a file of itself with its hidden units
 * shuffled (written and read back as Keras weights) gets every shuffled unit matched back, with a
 * correlation of 1 and the same prediction on every image.
 */
class MatchCommandTest {
  @TempDir Path dir;

  @Test
  void aShuffledCopyOfTheSeedModelIsMatchedBack() throws Exception {
    Mlp seed = KerasWeights.read(Mnist.seedWeights()).model();
    int[] perm = new int[128];
    for (int q = 0; q < 128; q++) {
      perm[q] = (q * 5 + 17) % 128;
    }
    Path shuffled = dir.resolve("shuffled.weights.h5");
    KerasWeights.write(shuffled, ShuffledUnits.of(seed, perm), null);
    Path out = dir.resolve("match");
    CliRun r = match(shuffled, out, "--raw");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertThat(j.get("same_prediction").asInt()).isEqualTo(10_000);
    assertThat(j.get("accuracy").asDouble())
        .isEqualTo(0.979)
        .isEqualTo(j.get("other_accuracy").asDouble());
    assertThat(j.get("live").get(0).asInt()).isEqualTo(96);
    assertThat(j.get("mean_matched_r").asDouble()).isCloseTo(1.0, within(1e-9));
    assertThat(j.get("matched_at_least").get("0.9").asInt()).isEqualTo(96);
    List<String> csv = Files.readAllLines(out.resolve("match.csv"), StandardCharsets.UTF_8);
    assertThat(csv).hasSize(129);
    int[] inverse = new int[128];
    for (int q = 0; q < 128; q++) {
      inverse[perm[q]] = q;
    }
    for (int p = 0; p < 128; p++) {
      String[] f = csv.get(p + 1).split(",", -1);
      if (Boolean.parseBoolean(f[1])) {
        assertThat(f[2]).isEmpty(); // a dead unit is matched with nothing
      } else {
        assertThat(Integer.parseInt(f[2])).as("unit %d", p).isEqualTo(inverse[p]);
        assertThat(Double.parseDouble(f[3])).isCloseTo(1.0, within(1e-9));
      }
    }
    float[] c = SaliencyCommandTest.npyFloats(out.resolve("match_correlation.npy"));
    assertThat(c).hasSize(128 * 128);
    assertThat(c[85 * 128 + inverse[85]]).isCloseTo(1f, within(1e-6f));
    assertThat(out.resolve("match.png")).isRegularFile();
    assertThat(out.resolve("match_histogram.png")).isRegularFile();

    // --all lists every unit: the matched ones, most alike first, then the 32 dead ones
    CliRun all = match(shuffled, out, "--all");
    assertThat(all.exit()).as(all.err()).isZero();
    JsonNode pairs = Json.MAPPER.readTree(all.out()).get("pairs");
    assertThat(pairs).hasSize(128);
    for (int i = 0; i < 128; i++) {
      assertThat(pairs.get(i).get("match").isNull()).isEqualTo(i >= 96);
    }
  }

  /** {@code match --json} of the seed's model against {@code other}, with {@code more}. */
  private static CliRun match(Path other, Path out, String more) {
    return CliRun.of(
        "match",
        "--weights",
        Mnist.seedWeights().toString(),
        "--other",
        other.toString(),
        "--cache",
        Mnist.cacheRoot(),
        more,
        "--json",
        "--out",
        out.toString());
  }
}
