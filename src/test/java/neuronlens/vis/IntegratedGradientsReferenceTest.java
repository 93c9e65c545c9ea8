package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import neuronlens.data.CacheDirs;
import neuronlens.data.DataLoader;
import neuronlens.data.Dataset;
import neuronlens.data.FetchProgress;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import org.junit.jupiter.api.Test;

/**
 * The exact walk against PyTorch: {@code src/test/resources/reference/integrated_gradients.json},
 * written by {@code src/test/python/integrated_gradients.py} (autograd in float64 at 100,000
 * midpoints of the path, for the seed's model on three MNIST test images, each for its predicted
 * and its true class). Tolerances: the midpoint sum misses each switch of a unit by at most half a
 * step's share of the jump in the gradient there; over the path's 31-48 switches that is about 1e-5
 * of a pixel's attribution, and up to a few 1e-4 of their sum.
 */
class IntegratedGradientsReferenceTest {
  static final double PIXEL_TOL = 5e-5;
  static final double SUM_TOL = 1e-3;
  static final double LOGIT_TOL = 1e-4;

  @Test
  void theWalkMatchesPyTorchsFineRiemannSum() throws IOException {
    JsonNode fixture;
    try (InputStream in = getClass().getResourceAsStream("/reference/integrated_gradients.json")) {
      assertThat(in).as("fixture on the test class path").isNotNull();
      fixture = new ObjectMapper().readTree(in);
    }
    Path seed = Path.of("..", "shared", "seed", "model.weights.h5");
    assertThat(Files.isRegularFile(seed)).as("the seed's weights at " + seed).isTrue();
    Mlp mlp = KerasWeights.read(seed).model();
    Dataset test =
        new DataLoader(CacheDirs.defaultRoot(), FetchProgress.silent())
            .load("mnist")
            .splits()
            .test();
    assertThat(fixture.get("images")).hasSize(4);
    for (JsonNode e : fixture.get("images")) {
      int i = e.get("index").asInt();
      int c = e.get("class").asInt();
      assertThat(test.label(i)).isEqualTo(e.get("label").asInt());
      IntegratedGradients.Result r =
          IntegratedGradients.of(mlp, DatasetExamples.pixels(test, i), c);
      String what = "test image " + i + ", class " + c;
      assertThat(r.logit()).as(what).isCloseTo(e.get("logit").asDouble(), within(LOGIT_TOL));
      assertThat(r.baselineLogit())
          .as(what)
          .isCloseTo(e.get("baseline_logit").asDouble(), within(LOGIT_TOL));
      double riemannSum = 0;
      double worst = 0;
      for (int q = 0; q < 784; q++) {
        double want = e.get("attributions").get(q).asDouble();
        riemannSum += want;
        worst = Math.max(worst, Math.abs(r.attributions()[q] - want));
      }
      assertThat(worst).as(what + ": the largest difference at a pixel").isLessThan(PIXEL_TOL);
      assertThat(r.sum()).as(what).isCloseTo(riemannSum, within(SUM_TOL));
    }
  }
}
