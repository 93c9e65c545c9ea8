package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import neuronlens.vis.AmConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The script {@code completion} prints, sourced by bash and asked for completions as bash's
 * programmable completion asks (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT).
 */
class CompletionCommandTest {
  @TempDir static Path dir;
  static Path script;

  @BeforeAll
  static void writeScript() throws IOException {
    CliRun r = CliRun.of("completion");
    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    script = dir.resolve("neuronlens.bash");
    Files.writeString(script, r.out());
  }

  @Test
  void completesTheCommandsAndTheirOptions() throws Exception {
    assertThat(complete("neuronlens", ""))
        .containsExactlyInAnyOrder(
            "run",
            "train",
            "evaluate",
            "weights",
            "maximize",
            "compare",
            "examples",
            "ablate",
            "match",
            "saliency",
            "report",
            "serve",
            "data",
            "bench",
            "completion",
            "help");
    assertThat(complete("neuronlens", "ma")).containsExactlyInAnyOrder("maximize", "match");
    assertThat(complete("neuronlens", "max")).containsExactly("maximize");
    assertThat(complete("./neuronlens", "ev")).containsExactly("evaluate"); // as the README runs it
    assertThat(complete("neuronlens", "data", "")).containsExactlyInAnyOrder("fetch", "info");
    assertThat(complete("neuronlens", "train", "--ep"))
        .containsExactlyInAnyOrder("--epochs", "--epsilon");
    assertThat(complete("neuronlens", "train", "--hidden", "128", "--ba"))
        .containsExactly("--batch-size");
  }

  @Test
  void completesEachNamedValueWithItsOwnList() throws Exception {
    // picocli names the script's lists after the option's label: options sharing a label got
    // each other's values
    assertThat(complete("neuronlens", "maximize", "--preset", ""))
        .containsExactly("natural", "seed");
    assertThat(complete("neuronlens", "maximize", "--objective", "p"))
        .containsExactly("pre", "post", "probability");
    assertThat(complete("neuronlens", "maximize", "--optimizer", ""))
        .containsExactly("adam", "ascent");
    assertThat(complete("neuronlens", "maximize", "--start", ""))
        .containsExactly("noise", "zeros", "gray", "mean");
    assertThat(complete("neuronlens", "maximize", "--space", ""))
        .containsExactly("rescaled", "raw");
    assertThat(complete("neuronlens", "maximize", "--dataset", ""))
        .containsExactly("mnist", "fashion-mnist");
    assertThat(complete("neuronlens", "run", "--dataset", "f")).containsExactly("fashion-mnist");
    assertThat(complete("neuronlens", "weights", "--colormap", ""))
        .containsExactly("diverging", "gray");
    assertThat(complete("neuronlens", "evaluate", "--split", ""))
        .containsExactly("test", "dev", "train");
  }

  @Test
  void everyOptionThatTakesAValueNamesItAndNamedValuesHaveLabelsOfTheirOwn() {
    List<String> problems = new ArrayList<>();
    walk(new CommandLine(new Main(), new Factory(new Console(System.out, System.err))), problems);
    assertThat(problems).isEmpty();
  }

  /** Help shows picocli's {@code <field>} for an option without a label; the script mixes lists. */
  private static void walk(CommandLine cl, List<String> problems) {
    Set<String> labels = new HashSet<>();
    for (OptionSpec o : cl.getCommandSpec().options()) {
      if (o.arity().max() == 0) {
        continue;
      }
      String where = cl.getCommandSpec().qualifiedName() + " " + o.longestName();
      if (o.paramLabel().startsWith("<")) {
        problems.add(where + ": no label (" + o.paramLabel() + ")");
      }
      if (o.completionCandidates() != null && !labels.add(o.paramLabel())) {
        problems.add(where + ": label " + o.paramLabel() + " shared with another named value");
      }
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      walk(sub, problems);
    }
  }

  @Test
  void everyPresetItOffersIsOne() {
    for (String p : new Names.Presets()) {
      assertThat(AmConfig.preset(p)).as(p).isNotNull();
    }
  }

  @Test
  void completesFileNamesWhereAFileIsExpected() throws Exception {
    Path models = Files.createDirectories(dir.resolve("models"));
    Files.writeString(models.resolve("seed.weights.h5"), "");
    Files.writeString(models.resolve("notes.txt"), "");
    assertThat(complete("neuronlens", "evaluate", "--weights", models + "/se"))
        .containsExactly(models + "/seed.weights.h5");
  }

  /** What the script's completion function offers for the last of {@code words}. */
  private static List<String> complete(String... words) throws Exception {
    StringBuilder cmd = new StringBuilder();
    cmd.append("compopt() { :; }\n"); // bash allows it only while it runs a completion itself
    cmd.append("source \"$0\"\n");
    cmd.append("COMP_WORDS=(");
    for (String w : words) {
      cmd.append(quoted(w)).append(' ');
    }
    cmd.append(")\n");
    cmd.append("COMP_CWORD=").append(words.length - 1).append('\n');
    cmd.append("COMP_LINE=").append(quoted(String.join(" ", words))).append('\n');
    cmd.append("COMP_POINT=${#COMP_LINE}\n");
    cmd.append("_complete_neuronlens\n");
    cmd.append("printf '%s\\n' \"${COMPREPLY[@]}\"\n");
    Process p =
        new ProcessBuilder("bash", "-c", cmd.toString(), script.toString())
            .redirectErrorStream(false)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isZero();
    List<String> offered = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        offered.add(line.strip());
      }
    }
    return offered;
  }

  private static String quoted(String w) {
    return "'" + w.replace("'", "'\\''") + "'";
  }
}
