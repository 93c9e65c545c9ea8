package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random option values never crash the CLI: whatever is passed, the exit code is a documented one
 * (0, 2, 3, 4, 5; never 1, an internal error) and stderr holds no stack trace. The commands fail
 * fast: --weights names no file, or --out lies under a regular file, so nothing is trained.
 */
class OptionPropertiesTest {
  private static final List<Integer> DOCUMENTED = List.of(0, 2, 3, 4, 5);
  private static String model;
  private static String unwritable;

  /** Options of maximize, with values that are sometimes valid and sometimes not. */
  private static final Map<String, Arbitrary<String>> MAXIMIZE =
      Map.ofEntries(
          Map.entry("--neuron", ints()),
          Map.entry("--layer", words("dense", "dense_1")),
          Map.entry("--steps", ints()),
          Map.entry("--learning-rate", doubles()),
          Map.entry("--l2", doubles()),
          Map.entry("--tv", doubles()),
          Map.entry("--jitter", ints()),
          Map.entry("--blur-every", ints()),
          Map.entry("--blur-sigma", doubles()),
          Map.entry("--seed", ints()),
          Map.entry("--optimizer", words("adam", "ascent")),
          Map.entry("--objective", words("pre", "post", "logit", "probability")),
          Map.entry("--preset", words("seed", "natural")),
          Map.entry("--start", words("noise", "zeros", "gray")),
          Map.entry("--space", words("rescaled", "raw")),
          Map.entry("--threads", ints()),
          Map.entry("--gif", ints()));

  @BeforeContainer
  static void files() throws IOException {
    Path seed = Path.of("..", "shared", "seed", "model.weights.h5");
    Path tmp = Files.createTempDirectory("neuronlens-options");
    tmp.toFile().deleteOnExit();
    model =
        Files.isRegularFile(seed)
            ? seed.toString()
            : TinyData.trainModel(TinyData.write(tmp.resolve("data")), tmp.resolve("m")).toString();
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    unwritable = file.resolve("out").toString();
  }

  @Property(tries = 200, seed = "20240620")
  void maximizeOptionsGiveADocumentedExit(@ForAll("maximizeOptions") List<String> options) {
    List<String> args =
        new ArrayList<>(List.of("maximize", "--weights", model, "--out", unwritable));
    args.addAll(options);
    check(CliRun.of(args.toArray(String[]::new)));
  }

  @Property(tries = 200, seed = "20240621")
  void evaluateOptionsGiveADocumentedExit(
      @ForAll("anyValue") String weights,
      @ForAll("anyValue") String split,
      @ForAll("anyValue") String dataset) {
    String missing = "no-such-dir/" + weights.replace('\0', '0') + ".h5";
    check(CliRun.of("evaluate", "--weights", missing, "--split", split, "--dataset", dataset));
    check(CliRun.of("evaluate", "--weights", weights, "--split", split));
  }

  private static void check(CliRun r) {
    assertThat(r.exit()).as(r.err()).isIn(DOCUMENTED);
    ErrorLines.assertNoTrace(r.err());
    if (r.exit() != 0) {
      assertThat(ErrorLines.errorLines(r.err())).as(r.err()).hasSize(1);
    }
  }

  @Provide
  Arbitrary<List<String>> maximizeOptions() {
    List<String> names = List.copyOf(MAXIMIZE.keySet());
    Arbitrary<List<String>> pair =
        Arbitraries.of(names).flatMap(n -> MAXIMIZE.get(n).map(v -> List.of(n, v)));
    return pair.list().ofMaxSize(4).map(ps -> ps.stream().flatMap(List::stream).toList());
  }

  @Provide
  Arbitrary<String> anyValue() {
    return Arbitraries.oneOf(ints(), doubles(), words("test", "dev", "train", "mnist", ".", ""));
  }

  private static Arbitrary<String> ints() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-3, 200).map(String::valueOf),
        Arbitraries.of("-1", "0", "2147483647", "-2147483648", "99999999999", "1e3", "0x10"),
        Arbitraries.integers().map(String::valueOf));
  }

  private static Arbitrary<String> doubles() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().map(String::valueOf),
        Arbitraries.of("NaN", "Infinity", "-Infinity", "-0.0", "1e308", "1e-320", "0", "0.05"));
  }

  private static Arbitrary<String> words(String... valid) {
    return Arbitraries.oneOf(
        Arbitraries.of(valid),
        Arbitraries.strings().ofMaxLength(12),
        Combinators.combine(
                Arbitraries.of("-", "--", "--x", " "), Arbitraries.strings().alpha().ofMaxLength(5))
            .as(String::concat));
  }
}
