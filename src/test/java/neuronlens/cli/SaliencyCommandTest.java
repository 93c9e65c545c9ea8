package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import neuronlens.data.Dataset;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.vis.DatasetExamples;
import neuronlens.vis.SanityCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neuronlens saliency --raw --json} on the seed's model: the figure, the three arrays, and
 * integrated gradients whose written values add up to what the JSON says, and to the logit's
 * change.
 */
class SaliencyCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheFigureAndTheArraysAndTheAttributionsAddUp() throws Exception {
    Path out = dir.resolve("saliency");
    CliRun r =
        CliRun.of(
            "saliency",
            "--weights",
            Mnist.seedWeights().toString(),
            "--cache",
            Mnist.cacheRoot(),
            "--image",
            "8",
            "--class",
            "6",
            "--raw",
            "--json",
            "--out",
            out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertThat(j.get("label").asInt())
        .isEqualTo(5); // test image 8, which the seed's model reads as 6
    JsonNode ig = j.get("integrated_gradients");
    double change = ig.get("logit").asDouble() - ig.get("baseline_logit").asDouble();
    assertThat(ig.get("sum").asDouble()).isCloseTo(change, within(1e-4));
    assertThat(ig.get("pieces").asInt()).isGreaterThan(1);

    String stem = "image_8_class_6_saliency";
    assertThat(out.resolve(stem + ".png")).isRegularFile();
    for (String kind : new String[] {"gradient", "smoothgrad", "integrated"}) {
      assertThat(out.resolve(stem + "_" + kind + ".npy")).isRegularFile();
    }
    float[] written = npyFloats(out.resolve(stem + "_integrated.npy"));
    assertThat(written).hasSize(784);
    double sum = 0;
    for (float v : written) {
      sum += v;
    }
    assertThat(sum).isCloseTo(ig.get("sum").asDouble(), within(1e-4));

    // the sanity check: what the library computes for the same model, image, class and seed
    Mlp mlp = KerasWeights.read(Mnist.seedWeights()).model();
    Dataset test = Mnist.test();
    SanityCheck want = SanityCheck.of(mlp, DatasetExamples.pixels(test, 8), 6, 42, Kernels.get());
    JsonNode sanity = j.get("sanity_check");
    assertThat(sanity.get("pixels").asInt()).isEqualTo(want.pixels()).isBetween(50, 400);
    for (int m = 0; m < SanityCheck.METHODS.size(); m++) {
      JsonNode c = sanity.get(SanityCheck.METHODS.get(m));
      assertThat(c.get("last_layer").asDouble()).isEqualTo(want.lastLayer()[m]);
      assertThat(c.get("all_layers").asDouble()).isEqualTo(want.allLayers()[m]);
    }
  }

  /** The float32 values of a little-endian {@code .npy} file. */
  static float[] npyFloats(Path file) throws Exception {
    byte[] b = Files.readAllBytes(file);
    int headerLength = (b[8] & 0xff) | (b[9] & 0xff) << 8; // version 1.0
    String header = new String(b, 10, headerLength, StandardCharsets.ISO_8859_1);
    assertThat(header).contains("'descr': '<f4'");
    ByteBuffer data =
        ByteBuffer.wrap(b, 10 + headerLength, b.length - 10 - headerLength)
            .order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[data.remaining() / 4];
    data.asFloatBuffer().get(v);
    return v;
  }
}
