package neuronlens.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON API: answers, their shapes, and a JSON 400 for every bad input. */
class ServeApiTest {
  private static NeuronServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    server = NeuronServer.start(ServeFixtures.model(), "127.0.0.1", 0, System.err::println);
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void modelSummaryNamesTheLayers() throws Exception {
    JsonNode m = Http.json(http.get("/api/model"));
    assertThat(m.get("class_noun").asText()).isEqualTo("digit");
    assertThat(m.get("class_names")).hasSize(10);
    assertThat(m.get("class_names").get(7).asText()).isEqualTo("7");
    assertThat(m.get("model").asText()).isEqualTo("784-128-10");
    assertThat(m.get("layers").get(0).get("name").asText()).isEqualTo("dense");
    assertThat(m.get("layers").get(1).get("units").asInt()).isEqualTo(10);
  }

  @Test
  void layerGalleryHasAnImagePairPerUnit() throws Exception {
    JsonNode g = Http.json(http.get("/api/layers/dense"));
    assertThat(g.get("weights")).hasSize(128);
    assertThat(g.get("am")).hasSize(128);
    assertThat(g.get("weights").get(0)).hasSize(784);
    assertThat(Http.json(http.get("/api/layers/1")).get("layer").asText()).isEqualTo("dense_1");
    if (ServeFixtures.model().test() != null) {
      // each unit's best class, -1 exactly for the dead ones
      JsonNode top = g.get("top_class");
      assertThat(top).hasSize(128);
      for (int j = 0; j < 128; j++) {
        assertThat(top.get(j).asInt() < 0).isEqualTo(g.get("dead").get(j).asBoolean());
        assertThat(top.get(j).asInt()).isBetween(-1, 9);
      }
    }
  }

  @Test
  void neuronPageHasWeightsAmAndOutgoingWeights() throws Exception {
    JsonNode n = Http.json(http.get("/api/neurons/dense/2"));
    assertThat(n.get("weights")).hasSize(784);
    assertThat(n.get("am")).hasSize(784);
    assertThat(n.get("outgoing")).hasSize(10);
    assertThat(n.get("correlation").isNumber()).isTrue();
    if (ServeFixtures.model().test() != null) {
      assertThat(n.get("top")).hasSize(9);
      assertThat(n.get("dead").asBoolean()).isFalse();
      // the same numbers as the dataset examples the server computed once
      double[] means =
          ServeFixtures.model()
              .layers()
              .get(0)
              .examples()
              .meanByClass(ServeFixtures.model().test(), 2, 10);
      assertThat(n.get("class_means")).hasSize(10);
      for (int c = 0; c < 10; c++) {
        assertThat(n.get("class_means").get(c).asDouble()).isEqualTo(means[c]);
      }
    }
  }

  @Test
  void predictAnswersProbabilitiesHiddenAndContributions() throws Exception {
    float[] px = new float[784];
    for (int r = 4; r < 24; r++) {
      px[r * 28 + 14] = 255; // a vertical stroke
    }
    HttpResponse<String> res = http.post("/api/predict", Http.pixels(px));
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode p = Http.json(res);
    assertThat(p.get("probabilities")).hasSize(10);
    assertThat(p.get("hidden")).hasSize(128);
    assertThat(p.get("contributions")).hasSize(128);
    double sum = 0;
    for (JsonNode v : p.get("probabilities")) {
      sum += v.asDouble();
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    if (ServeFixtures.trained()) {
      assertThat(p.get("prediction").asInt()).isEqualTo(1);
    }
  }

  @Test
  void predictMatchesTheModelOnATestImage() throws Exception {
    ServeModel m = ServeFixtures.model();
    org.junit.jupiter.api.Assumptions.assumeTrue(m.test() != null && ServeFixtures.trained());
    float[] px = neuronlens.vis.DatasetExamples.pixels(m.test(), 0);
    JsonNode p = Http.json(http.post("/api/predict", Http.pixels(px)));
    assertThat(p.get("prediction").asInt()).isEqualTo(m.test().label(0));
  }

  @Test
  void testImagesAreTheTestFilesBytes() throws Exception {
    ServeModel m = ServeFixtures.model();
    org.junit.jupiter.api.Assumptions.assumeTrue(m.test() != null, "needs the MNIST test set");
    // the IDX files themselves, read here without the project's loader: images after a 16-byte
    // header, labels after an 8-byte one
    java.nio.file.Path dir = neuronlens.data.CacheDirs.defaultRoot().resolve("mnist");
    byte[] images = idx(dir, "t10k-images-idx3-ubyte");
    byte[] labels = idx(dir, "t10k-labels-idx1-ubyte");
    for (int i : new int[] {0, 1, 4321, 9999}) {
      JsonNode t = Http.json(http.get("/api/test/" + i));
      assertThat(t.get("index").asInt()).isEqualTo(i);
      assertThat(t.get("count").asInt()).isEqualTo(10_000);
      assertThat(t.get("label").asInt()).isEqualTo(labels[8 + i]);
      int[] px = new int[784];
      for (int q = 0; q < 784; q++) {
        px[q] = t.get("pixels").get(q).asInt();
      }
      int[] want = new int[784];
      for (int q = 0; q < 784; q++) {
        want[q] = images[16 + i * 784 + q] & 0xff;
      }
      assertThat(px).containsExactly(want);
    }
  }

  private static byte[] idx(java.nio.file.Path dir, String name) throws java.io.IOException {
    java.nio.file.Path raw = dir.resolve(name);
    if (java.nio.file.Files.isRegularFile(raw)) {
      return java.nio.file.Files.readAllBytes(raw);
    }
    try (var in =
        new java.util.zip.GZIPInputStream(
            java.nio.file.Files.newInputStream(dir.resolve(name + ".gz")))) {
      return in.readAllBytes();
    }
  }

  @Test
  void withoutATestSetTestImagesAre404() throws Exception {
    ServeModel m = ServeFixtures.model();
    ServeModel none =
        new ServeModel(
            m.mlp(), m.kernels(), m.threads(), m.source(), null, m.layers(), m.classes());
    NeuronServer alone = NeuronServer.start(none, "127.0.0.1", 0, System.err::println);
    try {
      HttpResponse<String> r = new Http(alone.uri()).get("/api/test/0");
      assertError(r, 404);
      assertThat(r.body()).contains("no test set");
      assertThat(Http.json(new Http(alone.uri()).get("/api/model")).get("examples").asBoolean())
          .isFalse();
    } finally {
      alone.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "10000", "2147483648", "x", "1.5", ""})
  void testImageIndicesOutOfRangeAre400(String index) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(ServeFixtures.model().test() != null);
    HttpResponse<String> r = http.get("/api/test/" + index);
    assertError(r, 400);
    assertThat(r.body()).contains("index");
  }

  @Test
  void predictExplainsItsClassOnRequestWithAttributionsThatAddUp() throws Exception {
    float[] px = new float[784];
    for (int r = 4; r < 24; r++) {
      px[r * 28 + 14] = 255;
      px[r * 28 + 15] = 128;
    }
    JsonNode plain = Http.json(http.post("/api/predict", Http.pixels(px)));
    assertThat(plain.has("attribution")).isFalse();
    String body = Http.pixels(px).replaceFirst("\\}$", ", \"attribution\": true}");
    JsonNode p = Http.json(http.post("/api/predict", body));
    JsonNode a = p.get("attribution");
    int k = p.get("prediction").asInt();
    assertThat(a.get("class").asInt()).isEqualTo(k);
    assertThat(a.get("values")).hasSize(784);
    double sum = 0;
    for (int i = 0; i < 784; i++) {
      double v = a.get("values").get(i).asDouble();
      sum += v;
      if (px[i] == 0) {
        assertThat(v).as("a black pixel takes no part").isZero();
      }
    }
    double logit = a.get("logit").asDouble();
    double change = logit - a.get("baseline_logit").asDouble();
    assertThat(sum)
        .isCloseTo(change, org.assertj.core.data.Offset.offset(1e-3 * (1 + Math.abs(change))));
    // the exact walk's logit (double) against the model's own (float kernels)
    assertThat(logit)
        .isCloseTo(p.get("logits").get(k).asDouble(), org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void predictExplainsAnyClassAskedFor() throws Exception {
    float[] px = new float[784];
    for (int r = 4; r < 24; r++) {
      px[r * 28 + 14] = 255;
    }
    for (int c : new int[] {0, 3, 9}) {
      String body =
          Http.pixels(px).replaceFirst("\\}$", ", \"attribution\": true, \"class\": " + c + "}");
      JsonNode p = Http.json(http.post("/api/predict", body));
      JsonNode a = p.get("attribution");
      assertThat(a.get("class").asInt()).isEqualTo(c);
      double sum = 0;
      for (JsonNode v : a.get("values")) {
        sum += v.asDouble();
      }
      assertThat(sum)
          .isCloseTo(
              a.get("logit").asDouble() - a.get("baseline_logit").asDouble(),
              org.assertj.core.data.Offset.offset(1e-3));
      assertThat(a.get("logit").asDouble())
          .isCloseTo(p.get("logits").get(c).asDouble(), org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  /**
   * With units knocked out, the probabilities are those of the output layer fed the hidden
   * activations less the knocked-out ones (a softmax in double here); the whole model's answer
   * comes beside them, and the knocked-out units contribute nothing.
   */
  @Test
  void knockedOutUnitsAreHeldAtZero() throws Exception {
    float[] px = new float[784];
    for (int r = 4; r < 24; r++) {
      px[r * 28 + 13] = 200;
      px[r * 28 + 14] = 255;
    }
    JsonNode whole = Http.json(http.post("/api/predict", Http.pixels(px)));
    // the units that push the winner most, and one that is silent on this image
    JsonNode hidden = whole.get("hidden");
    Integer[] order = new Integer[128];
    for (int j = 0; j < 128; j++) {
      order[j] = j;
    }
    JsonNode contrib = whole.get("contributions");
    Arrays.sort(
        order, (x, y) -> Double.compare(contrib.get(y).asDouble(), contrib.get(x).asDouble()));
    int[] knocked = {order[0], order[1], order[2], order[127]};
    String body =
        Http.pixels(px)
            .replaceFirst(
                "\\}$",
                ", \"knock_out\": ["
                    + knocked[0]
                    + ","
                    + knocked[1]
                    + ","
                    + knocked[2]
                    + ","
                    + knocked[3]
                    + "], \"attribution\": true}");
    JsonNode p = Http.json(http.post("/api/predict", body));
    neuronlens.nn.Dense out = ServeFixtures.model().mlp().layers().get(1);
    double[] z = new double[10];
    for (int c = 0; c < 10; c++) {
      z[c] = out.bias()[c];
      for (int j = 0; j < 128; j++) {
        final int unit = j;
        if (Arrays.stream(knocked).noneMatch(q -> q == unit)) {
          z[c] += hidden.get(j).asDouble() * out.kernel()[j * 10 + c];
        }
      }
    }
    double max = Arrays.stream(z).max().orElseThrow();
    double sum = Arrays.stream(z).map(v -> Math.exp(v - max)).sum();
    for (int c = 0; c < 10; c++) {
      assertThat(p.get("probabilities").get(c).asDouble())
          .as("class %d", c)
          .isCloseTo(Math.exp(z[c] - max) / sum, org.assertj.core.data.Offset.offset(2e-5));
      assertThat(p.get("logits").get(c).asDouble())
          .isCloseTo(z[c], org.assertj.core.data.Offset.offset(1e-3));
    }
    assertThat(p.get("hidden")).isEqualTo(hidden); // their own outputs are what they were
    int[] sorted = knocked.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 4; i++) {
      assertThat(p.get("knocked_out").get(i).asInt()).isEqualTo(sorted[i]);
      assertThat(p.get("contributions").get(knocked[i]).asDouble()).isZero();
    }
    assertThat(p.get("intact").get("prediction")).isEqualTo(whole.get("prediction"));
    assertThat(p.get("intact").get("probabilities")).isEqualTo(whole.get("probabilities"));
    // the explanation is of the model without them: it adds up to its logit
    JsonNode a = p.get("attribution");
    assertThat(a.get("logit").asDouble())
        .isCloseTo(z[a.get("class").asInt()], org.assertj.core.data.Offset.offset(1e-3));
  }

  /**
   * The way towards a class: the gradient of its logit less the strongest other one's, against
   * central differences of the logits the API answers for the image with one pixel moved.
   */
  @Test
  void theWayTowardsAClassIsTheGradientOfItsMargin() throws Exception {
    float[] px = new float[784];
    for (int r = 4; r < 24; r++) {
      px[r * 28 + 13] = 120;
      px[r * 28 + 14] = 200;
    }
    String body = Http.pixels(px).replaceFirst("\\}$", ", \"towards\": 3}");
    JsonNode t = Http.json(http.post("/api/predict", body)).get("towards");
    assertThat(t.get("class").asInt()).isEqualTo(3);
    int against = t.get("against").asInt();
    assertThat(against).isNotEqualTo(3);
    JsonNode g = t.get("gradient");
    assertThat(g).hasSize(784);
    int checked = 0;
    for (int i : new int[] {13 + 28 * 10, 14 + 28 * 12, 15 + 28 * 12, 12 + 28 * 8, 200, 400}) {
      float h = 4; // raw pixel units; the pixels chosen sit away from 0 and 255
      float[] up = px.clone();
      float[] down = px.clone();
      up[i] = Math.min(255, px[i] + h);
      down[i] = Math.max(0, px[i] - h);
      JsonNode lu = Http.json(http.post("/api/predict", Http.pixels(up))).get("logits");
      JsonNode ld = Http.json(http.post("/api/predict", Http.pixels(down))).get("logits");
      double fd =
          ((lu.get(3).asDouble() - lu.get(against).asDouble())
                  - (ld.get(3).asDouble() - ld.get(against).asDouble()))
              / (up[i] - down[i]);
      assertThat(g.get(i).asDouble())
          .as("pixel %d", i)
          .isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-4 + 0.05 * Math.abs(fd)));
      checked++;
    }
    assertThat(checked).isEqualTo(6);
    JsonNode bad =
        Http.json(
            http.post("/api/predict", Http.pixels(px).replaceFirst("\\}$", ", \"towards\": 10}")));
    assertThat(bad.get("error").asText()).contains("towards");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"3\"", "3", "[128]", "[-1]", "[2.5]", "[4, 4]", "[\"4\"]", "{}"})
  void knockOutsMustBeDistinctUnitsOfTheFirstHiddenLayer(String value) throws Exception {
    String body =
        Http.pixels(new float[784]).replaceFirst("\\}$", ", \"knock_out\": " + value + "}");
    HttpResponse<String> r = http.post("/api/predict", body);
    assertError(r, 400);
    assertThat(r.body()).contains("knock_out");
  }

  @Test
  void aNeuronPageSaysWhatKnockingItOutDoesOnTheTestSet() throws Exception {
    ServeModel m = ServeFixtures.model();
    org.junit.jupiter.api.Assumptions.assumeTrue(m.test() != null);
    neuronlens.vis.Ablation want =
        neuronlens.vis.Ablation.of(
            m.mlp(),
            0,
            neuronlens.vis.DatasetExamples.of(m.mlp(), 0, m.test(), m.kernels()),
            m.test(),
            1);
    for (int j : new int[] {want.byLossChange()[0], want.byLossChange()[127]}) {
      JsonNode k = Http.json(http.get("/api/neurons/dense/" + j)).get("knock_out");
      assertThat(k.get("images").asInt()).isEqualTo(m.test().count());
      assertThat(k.get("accuracy_change").asDouble()).isEqualTo(want.accuracyChange(j));
      assertThat(k.get("loss_change").asDouble()).isEqualTo(want.lossChange(j));
      assertThat(k.get("changed").asInt()).isEqualTo(want.unitChanged()[j]);
      assertThat(k.get("selectivity").isNull()).isEqualTo(want.dead(j));
    }
    assertThat(Http.json(http.get("/api/neurons/dense_1/3")).get("knock_out").isNull()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"class\": 3",
        "\"attribution\": false, \"class\": 3",
        "\"attribution\": true, \"class\": 10",
        "\"attribution\": true, \"class\": -1",
        "\"attribution\": true, \"class\": 2.5",
        "\"attribution\": true, \"class\": \"2\""
      })
  void aClassToExplainMustBeInRangeAndComeWithTheAttribution(String fields) throws Exception {
    String body = Http.pixels(new float[784]).replaceFirst("\\}$", ", " + fields + "}");
    HttpResponse<String> r = http.post("/api/predict", body);
    assertError(r, 400);
    assertThat(r.body()).contains("class");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"yes\"", "1", "null", "[]"})
  void attributionMustBeABoolean(String value) throws Exception {
    String body =
        Http.pixels(new float[784]).replaceFirst("\\}$", ", \"attribution\": " + value + "}");
    HttpResponse<String> r = http.post("/api/predict", body);
    assertError(r, 400);
    assertThat(r.body()).contains("attribution");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "{\"pixels\": 3}",
        "{\"pixels\": [1, 2, 3]}",
        "{\"pixels\": [NaN]}",
        "not json",
        ""
      })
  void badPredictBodiesAre400(String body) throws Exception {
    assertError(http.post("/api/predict", body), 400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "256", "1e400", "\"7\"", "null", "true"})
  void badPixelValuesAre400(String value) throws Exception {
    String[] v = new String[784];
    Arrays.fill(v, "0");
    v[100] = value;
    HttpResponse<String> r =
        http.post("/api/predict", "{\"pixels\":[" + String.join(",", v) + "]}");
    assertError(r, 400);
    assertThat(r.body()).contains("pixels[100]");
  }

  @Test
  void pixelCountMustBe784() throws Exception {
    String[] v = new String[785];
    Arrays.fill(v, "0");
    assertError(http.post("/api/predict", "{\"pixels\":[" + String.join(",", v) + "]}"), 400);
  }

  @Test
  void bodiesOver64KbAre413() throws Exception {
    assertError(http.post("/api/predict", "{\"pixels\":\"" + "x".repeat(70_000) + "\"}"), 413);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/neurons/dense/128",
        "/api/neurons/dense/-1",
        "/api/neurons/dense/x",
        "/api/neurons/dense_9/0",
        "/api/layers/2",
        "/api/neurons/dense_1/10",
        "/api/maximize/stream?neuron=0&steps=10001",
        "/api/maximize/stream?neuron=0&steps=0",
        "/api/maximize/stream?neuron=200",
        "/api/maximize/stream?neuron=0&lr=-1",
        "/api/maximize/stream?neuron=0&lr=NaN",
        "/api/maximize/stream?neuron=0&preset=x",
        "/api/maximize/stream?layer=5&neuron=0",
        "/api/maximize/stream?neuron=0&frames=0",
        "/api/maximize/stream"
      })
  void badIndicesAndSettingsAre400(String path) throws Exception {
    assertError(http.get(path), 400);
  }

  @Test
  void maximizeAnswersFramesThatChange() throws Exception {
    JsonNode m =
        Http.json(
            http.post(
                "/api/maximize", "{\"layer\": 0, \"neuron\": 5, \"steps\": 200, \"frames\": 4}"));
    assertThat(m.get("frames")).hasSize(5);
    assertThat(m.get("frame_steps").toString()).isEqualTo("[0,50,100,150,200]");
    assertThat(m.get("objective")).hasSize(201);
    assertThat(m.get("frames").get(0)).isNotEqualTo(m.get("frames").get(4));
    assertThat(m.get("final_objective").asDouble())
        .isGreaterThan(m.get("objective").get(0).asDouble());
  }

  @Test
  void maximizeStreamSendsFrameEventsThenDone() throws Exception {
    HttpResponse<String> r =
        http.get(
            "/api/maximize/stream?layer=dense_1&neuron=3&steps=100"
                + "&frames=5&delay_ms=0&preset=seed&lr=0.01");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    assertThat(r.body().split("event: frame\n", -1)).hasSize(7); // 6 frames: steps 0, 20, ..., 100
    assertThat(r.body()).contains("event: done\n");
  }

  @Test
  void unknownApiPathsAndWrongMethodsAreJson() throws Exception {
    assertError(http.get("/api/nothing"), 404);
    assertError(http.get("/api/predict"), 405);
    assertError(http.post("/api/model", "{}"), 405);
  }

  static void assertError(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode e = Http.json(r);
    assertThat(e.get("error").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
