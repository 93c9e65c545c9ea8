package neuronlens.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import neuronlens.nn.Mlp;
import neuronlens.train.AdamState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write then read gives back the same bits, for the seed and for a deeper random model. */
class RoundTripTest {
  @TempDir Path dir;

  @Test
  void seedModelRoundTripsBitExact() {
    LoadedWeights seed = KerasWeights.read(KerasFixtures.seed());
    Path out = dir.resolve("seed_copy.weights.h5");

    KerasWeights.write(out, seed.model(), seed.adam());
    LoadedWeights back = KerasWeights.read(out);

    assertSameBits(back, seed);
  }

  @Test
  void randomDeepModelWithAdamRoundTripsBitExact() {
    Mlp model = KerasFixtures.randomModel(new int[] {256, 128}, 10, 20240601L);
    AdamState adam = KerasFixtures.randomAdam(model, 12345, 99L);
    Path out = dir.resolve("deep.weights.h5");

    KerasWeights.write(out, model, adam);
    LoadedWeights back = KerasWeights.read(out, new int[] {784, 256, 128, 10});

    assertSameBits(back, new LoadedWeights(model, adam));
  }

  @Test
  void modelWithoutAdamStateReadsBackWithoutIt() {
    Mlp model = KerasFixtures.randomModel(new int[] {64}, 10, 5L);
    Path out = dir.resolve("no_adam.weights.h5");

    KerasWeights.write(out, model, null);
    LoadedWeights back = KerasWeights.read(out);

    assertThat(back.adam()).isNull();
    assertSameBits(back, new LoadedWeights(model, null));
  }

  @Test
  void overwritesAnExistingFileAndLeavesNoTemporaryFiles() throws Exception {
    Path out = dir.resolve("m.weights.h5");
    Files.writeString(out, "old content");
    Mlp model = KerasFixtures.randomModel(new int[] {64}, 10, 6L);

    KerasWeights.write(out, model, AdamState.zeros(model.variables()));

    assertThat(KerasWeights.read(out).model().sizes()).containsExactly(784, 64, 10);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.weights.h5");
    }
  }

  @Test
  void refusesAdamStateThatDoesNotMatchTheModel() {
    Mlp model = KerasFixtures.randomModel(new int[] {64}, 10, 7L);
    Mlp other = KerasFixtures.randomModel(new int[] {32}, 10, 7L);
    AdamState wrong = AdamState.zeros(other.variables());
    Path out = dir.resolve("x.weights.h5");

    assertThatThrownBy(() -> KerasWeights.write(out, model, wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("variable 0");
    assertThat(out).doesNotExist();
  }

  static void assertSameBits(LoadedWeights found, LoadedWeights expected) {
    assertThat(found.model().sizes()).containsExactly(expected.model().sizes());
    assertBits("model variable", found.model().variables(), expected.model().variables());
    if (expected.adam() == null) {
      assertThat(found.adam()).isNull();
      return;
    }
    assertThat(found.adam().iterations()).isEqualTo(expected.adam().iterations());
    assertBits("Adam m", List.of(found.adam().m()), List.of(expected.adam().m()));
    assertBits("Adam v", List.of(found.adam().v()), List.of(expected.adam().v()));
  }

  private static void assertBits(String what, List<float[]> found, List<float[]> expected) {
    assertThat(found).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      // Arrays.mismatch, not containsExactly: AssertJ is quadratic-slow on 200k-element arrays
      int at = java.util.Arrays.mismatch(bits(found.get(i)), bits(expected.get(i)));
      assertThat(at).as(what + " " + i + ": first differing index").isEqualTo(-1);
    }
  }

  private static int[] bits(float[] a) {
    int[] b = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = Float.floatToRawIntBits(a[i]);
    }
    return b;
  }
}
