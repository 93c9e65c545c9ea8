package neuronlens.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import neuronlens.nn.Dense;
import org.junit.jupiter.api.Test;

/**
 * Reads the seed's Keras file and checks it against values h5py read from it
 * (src/test/resources/keras/seed_values.json, made by seed_values.py beside it).
 */
class SeedFileTest {
  /** Float64 sums of ~100k float32 values, summed in another order: agree far closer than this. */
  private static final double SUM_TOLERANCE = 1e-6;

  @Test
  void readsTheSeedsArchitectureValuesAndAdamState() throws IOException {
    Path seed = KerasFixtures.seed();
    JsonNode truth =
        new ObjectMapper().readTree(KerasFixtures.resource("seed_values.json").toFile());

    LoadedWeights w = KerasWeights.read(seed);

    assertThat(w.model().sizes()).containsExactly(784, 128, 10);
    assertThat(w.adam()).isNotNull();
    assertThat(w.adam().iterations()).isEqualTo(truth.get("iterations").asLong()).isEqualTo(11000);
    for (JsonNode v : truth.get("values")) {
      String path = v.get("path").asText();
      int[] index = new int[v.get("index").size()];
      for (int i = 0; i < index.length; i++) {
        index[i] = v.get("index").get(i).asInt();
      }
      float found = valueAt(w, path, index);
      assertThat(Float.floatToRawIntBits(found))
          .as(path + " " + v.get("index"))
          .isEqualTo(v.get("bits").asInt());
    }
    truth
        .get("sums")
        .properties()
        .forEach(
            e -> {
              double sum = 0;
              for (float f : array(w, e.getKey())) {
                sum += f;
              }
              assertThat(sum)
                  .as(e.getKey())
                  .isCloseTo(
                      e.getValue().asDouble(), org.assertj.core.data.Offset.offset(SUM_TOLERANCE));
            });
  }

  @Test
  void acceptsTheSeedAsTheExpectedArchitecture() {
    LoadedWeights w = KerasWeights.read(KerasFixtures.seed(), new int[] {784, 128, 10});
    assertThat(w.model().parameterCount()).isEqualTo(101_770);
  }

  private static float valueAt(LoadedWeights w, String path, int[] index) {
    float[] a = array(w, path);
    int flat = index.length == 2 ? index[0] * columns(w, path) + index[1] : index[0];
    return a[flat];
  }

  private static int columns(LoadedWeights w, String path) {
    return layerOf(w, path).units();
  }

  private static Dense layerOf(LoadedWeights w, String path) {
    if (path.startsWith("layers/")) {
      return w.model().layer(path.split("/")[1]);
    }
    int variable = (Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)) - 1) / 2;
    return w.model().layers().get(variable / 2);
  }

  private static float[] array(LoadedWeights w, String path) {
    if (path.startsWith("layers/")) {
      Dense d = layerOf(w, path);
      return path.endsWith("/0") ? d.kernel() : d.bias();
    }
    int n = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
    int variable = (n - 1) / 2;
    return n % 2 == 1 ? w.adam().m()[variable] : w.adam().v()[variable];
  }
}
