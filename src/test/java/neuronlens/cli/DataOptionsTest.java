package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The data options written back as arguments, for the hint {@code run} prints: they parse again.
 */
class DataOptionsTest {
  @Command
  static final class Holder {
    @Mixin DataOptions data;
  }

  @Test
  void defaultsNeedNoArguments() {
    assertThat(parse().data.asArguments()).isEmpty();
  }

  @Test
  void aDatasetADirectoryAndACacheComeBackAsTheyWereGiven() {
    assertThat(parse("--dataset", "fashion-mnist").data.asArguments())
        .isEqualTo(" --dataset fashion-mnist");
    assertThat(parse("--data", "/data/mnist", "--cache", "/tmp/c").data.asArguments())
        .isEqualTo(" --data /data/mnist --cache /tmp/c");
  }

  @Test
  void awkwardPathsAreQuotedSoThatAShellGivesThemBackWhole() throws Exception {
    String dir = "/tmp/my data/it's here";
    String args = parse("--data", dir).data.asArguments();
    assertThat(args).isEqualTo(" --data '/tmp/my data/it'\\''s here'");
    // what a POSIX shell makes of it
    Process p = new ProcessBuilder("sh", "-c", "printf '%s\\n'" + args).start();
    String words = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor()).isZero();
    assertThat(words.split("\n")).containsExactly("--data", dir);
    assertThat(parse("--data", dir).data.dir).isEqualTo(Path.of(dir));
  }

  private static Holder parse(String... args) {
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    return h;
  }
}
