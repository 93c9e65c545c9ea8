package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No command writes over a file it did not make: a directory without neuronlens' marker that holds
 * a file the command would write is refused (exit 2, naming the file and --force), untouched.
 */
class ForeignOutputsTest {
  private static final String THEIRS = "someone else's file\n";

  @TempDir static Path tmp;
  static String data;
  static String model;

  @BeforeAll
  static void setUp() {
    data = TinyData.write(tmp.resolve("data")).toString();
    model = TinyData.trainModel(Path.of(data), tmp.resolve("trained")).toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"weights", "maximize", "compare", "examples", "ablate", "match", "saliency"})
  void visualizationsRefuseADirectoryOfOtherFiles(String cmd, @TempDir Path out) throws Exception {
    Path theirs = Files.writeString(out.resolve("dense_0.png"), THEIRS);
    CliRun r = CliRun.of(args(cmd, out));
    assertRefused(r, theirs, out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"model.weights.h5", "history.json"})
  void trainRefusesToReplaceTheirCheckpointOrHistory(String name, @TempDir Path out)
      throws Exception {
    Path theirs = Files.writeString(out.resolve(name), THEIRS);
    assertRefused(
        CliRun.of(
            "train", "--data", data, "--hidden", "16", "--epochs", "1", "--out", out.toString()),
        theirs,
        out);
  }

  @Test
  void reportRefusesToReplaceTheirIndex(@TempDir Path out) throws Exception {
    Path theirs = Files.writeString(out.resolve("index.html"), THEIRS);
    assertRefused(
        CliRun.of(
            "report",
            "--weights",
            model,
            "--data",
            data,
            "--am-steps",
            "5",
            "--out",
            out.toString()),
        theirs,
        out);
  }

  @Test
  void runRefusesTheirPicturesBeforeTraining(@TempDir Path out) throws Exception {
    Path theirs =
        Files.writeString(
            Files.createDirectories(out.resolve("weights")).resolve("dense_0.png"), THEIRS);
    CliRun r =
        CliRun.of(
            "run", "--data", data, "--hidden", "16", "--epochs", "1", "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(theirs.toString()).contains("--force");
    assertThat(Files.readString(theirs)).isEqualTo(THEIRS);
    assertThat(out.resolve("model.weights.h5")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"weights", "maximize", "compare", "examples", "ablate", "match", "saliency"})
  void ourOwnDirectoryIsRewrittenAndForceOverrides(String cmd, @TempDir Path out) throws Exception {
    assertThat(CliRun.of(args(cmd, out)).exit()).isZero();
    CliRun again = CliRun.of(args(cmd, out));
    assertThat(again.exit()).as(again.err()).isZero();
    Path elsewhere = Files.createDirectories(out.resolve("theirs"));
    Files.writeString(elsewhere.resolve("notes.txt"), THEIRS);
    CliRun forced =
        CliRun.of(TrainCommandTest.concat(args(cmd, elsewhere), new String[] {"--force"}));
    assertThat(forced.exit()).as(forced.err()).isZero();
    assertThat(Files.readString(elsewhere.resolve("notes.txt"))).isEqualTo(THEIRS);
  }

  private static String[] args(String cmd, Path out) {
    String[] base = {cmd, "--weights", model, "--out", out.toString()};
    String[] more =
        switch (cmd) {
          case "maximize" -> new String[] {"--neuron", "3", "--steps", "5"};
          case "compare" -> new String[] {"--neuron", "3", "--steps", "5"};
          case "examples", "ablate" -> new String[] {"--neuron", "3", "--data", data};
          case "match" -> new String[] {"--other", model, "--data", data};
          case "saliency" -> new String[] {"--data", data};
          default -> new String[] {"--neuron", "3"};
        };
    return TrainCommandTest.concat(base, more);
  }

  private static void assertRefused(CliRun r, Path theirs, Path out) throws Exception {
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(theirs.toString()).contains("--force");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(Files.readString(theirs)).isEqualTo(THEIRS);
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.toList()).containsExactly(theirs);
    }
  }
}
