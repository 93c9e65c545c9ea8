package neuronlens.keras;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import neuronlens.nn.Mlp;
import neuronlens.train.AdamState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files we write must open in libhdf5 (h5py, h5dump) with the seed's exact layout: same paths,
 * kinds, shapes and dtypes, no attributes, and the values we wrote (SHA-256 of their bytes).
 */
class IndependentReaderTest {
  private static final Path LAYOUT_SCRIPT = Path.of("src", "test", "python", "h5_layout.py");

  @TempDir Path dir;

  @Test
  void seedWrittenBackIsIdenticalToTheSeedForH5py() throws Exception {
    KerasFixtures.assumeH5py();
    Path seed = KerasFixtures.seed();
    LoadedWeights w = KerasWeights.read(seed);
    Path out = dir.resolve("seed_copy.weights.h5");
    KerasWeights.write(out, w.model(), w.adam());

    // values, shapes, dtypes, attributes, everything h5py sees
    assertThat(layout(out)).isEqualTo(layout(seed));
  }

  @Test
  void deepModelHasTheSeedsStructureAndOurValuesForH5py() throws Exception {
    KerasFixtures.assumeH5py();
    Mlp model = KerasFixtures.randomModel(new int[] {256, 128}, 10, 3L);
    AdamState adam = KerasFixtures.randomAdam(model, 4242, 4L);
    Path out = dir.resolve("deep.weights.h5");
    KerasWeights.write(out, model, adam);

    JsonNode found = layout(out);

    assertThat(found.get("root_attrs")).isEmpty();
    Map<String, JsonNode> objects = new LinkedHashMap<>();
    found.get("objects").forEach(o -> objects.put(o.get("path").asText(), o));
    Map<String, String> expected = expectedDatasets(model, adam);
    for (var e : expected.entrySet()) {
      JsonNode o = objects.get(e.getKey());
      assertThat(o).as(e.getKey()).isNotNull();
      assertThat(o.get("sha256").asText()).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(objects.get("layers/dense/vars/0").get("shape").toString()).isEqualTo("[784,256]");
    assertThat(objects.get("layers/dense_2/vars/1").get("shape").toString()).isEqualTo("[10]");
    assertThat(objects.get("optimizer/vars/0").get("shape").toString()).isEqualTo("[]");
    assertThat(objects.get("optimizer/vars/0").get("dtype").asText()).isEqualTo("int32");
    objects.values().forEach(o -> assertThat(o.get("attrs")).as(o.get("path").asText()).isEmpty());
    long datasets =
        objects.values().stream().filter(o -> o.get("kind").asText().equals("dataset")).count();
    assertThat(datasets).isEqualTo(expected.size());
    assertThat(objects.keySet())
        .contains("layers/rescaling/vars", "layers/flatten/vars", "vars", "optimizer/vars");
    objects.values().stream()
        .filter(
            o ->
                o.get("kind").asText().equals("dataset")
                    && !o.get("path").asText().equals("optimizer/vars/0"))
        .forEach(o -> assertThat(o.get("dtype").asText()).isEqualTo("float32"));
  }

  @Test
  void h5dumpReadsTheWrittenFileWithTheSeedsTypes() {
    Path h5dump = KerasFixtures.h5dump();
    LoadedWeights w = KerasWeights.read(KerasFixtures.seed());
    Path out = dir.resolve("seed_copy.weights.h5");
    KerasWeights.write(out, w.model(), w.adam());

    KerasFixtures.Result header =
        KerasFixtures.run(List.of(h5dump.toString(), "-H", out.toString()));
    assertThat(header.exit()).as(header.err()).isZero();
    assertThat(header.out())
        .contains(
            "GROUP \"rescaling\"",
            "GROUP \"flatten\"",
            "H5T_IEEE_F32LE",
            "SIMPLE { ( 784, 128 ) / ( 784, 128 ) }",
            "SIMPLE { ( 10 ) / ( 10 ) }",
            "H5T_STD_I32LE",
            "DATASPACE  SCALAR")
        .doesNotContain("ATTRIBUTE");
    KerasFixtures.Result iterations =
        KerasFixtures.run(List.of(h5dump.toString(), "-d", "/optimizer/vars/0", out.toString()));
    assertThat(iterations.exit()).as(iterations.err()).isZero();
    assertThat(iterations.out()).contains("(0): 11000");
    KerasFixtures.Result whole = KerasFixtures.run(List.of(h5dump.toString(), out.toString()));
    assertThat(whole.exit()).as(whole.err()).isZero();
  }

  @Test
  void everyDepthWeWriteOpensInH5dump() {
    // jHDF orders a group's children by hash, so the object its trailer overwrites depends on the
    // layer names; check that the repair holds for every depth from 0 to 6 hidden layers
    Path h5dump = KerasFixtures.h5dump();
    for (int depth = 0; depth <= 6; depth++) {
      int[] hidden = new int[depth];
      java.util.Arrays.fill(hidden, 5);
      Mlp model = KerasFixtures.randomModel(hidden, 10, depth);
      for (AdamState adam : new AdamState[] {null, KerasFixtures.randomAdam(model, depth, 1L)}) {
        Path out = dir.resolve("depth" + depth + (adam == null ? "" : "_adam") + ".weights.h5");
        KerasWeights.write(out, model, adam);
        KerasFixtures.Result r = KerasFixtures.run(List.of(h5dump.toString(), out.toString()));
        assertThat(r.exit()).as(out + ": " + r.err()).isZero();
        assertThat(r.out()).contains("GROUP \"vars\"", "GROUP \"" + Mlp.layerName(depth) + "\"");
        RoundTripTest.assertSameBits(KerasWeights.read(out), new LoadedWeights(model, adam));
      }
    }
  }

  private static JsonNode layout(Path file) throws Exception {
    KerasFixtures.Result r =
        KerasFixtures.run(
            List.of(KerasFixtures.PYTHON.toString(), LAYOUT_SCRIPT.toString(), file.toString()));
    assertThat(r.exit()).as("h5_layout.py " + file + ": " + r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  /** Every dataset path we write and the SHA-256 of its little-endian bytes. */
  private static Map<String, String> expectedDatasets(Mlp model, AdamState adam) throws Exception {
    Map<String, String> m = new LinkedHashMap<>();
    for (int l = 0; l < model.layers().size(); l++) {
      var d = model.layers().get(l);
      m.put(KerasLayout.kernel(Mlp.layerName(l)), sha256(d.kernel()));
      m.put(KerasLayout.bias(Mlp.layerName(l)), sha256(d.bias()));
    }
    ByteBuffer it = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    it.putInt((int) adam.iterations());
    m.put(KerasLayout.iterations(), hex(it.array()));
    for (int i = 0; i < adam.m().length; i++) {
      m.put(KerasLayout.adamM(i), sha256(adam.m()[i]));
      m.put(KerasLayout.adamV(i), sha256(adam.v()[i]));
    }
    return m;
  }

  private static String sha256(float[] values) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return hex(b.array());
  }

  private static String hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
