package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train, evaluate and maximize 20 times in one JVM: live threads and open file descriptors end
 * where they started, so a long-lived caller (the server) can run commands without leaking.
 */
class LeakTest {
  private static final int RUNS = 20;
  private static final int SLACK = 3;

  @Test
  void repeatedPipelineLeaksNoThreadsOrFiles(@TempDir Path tmp) throws Exception {
    String data = TinyData.write(tmp.resolve("data")).toString();
    Path out = tmp.resolve("out");
    pipeline(data, out); // warm up: class loading, the kernel choice, lazily opened jars
    pipeline(data, out);
    int threads = settledThreads(Integer.MAX_VALUE);
    long fds = openFiles();
    for (int i = 0; i < RUNS; i++) {
      pipeline(data, out);
    }
    assertThat(settledThreads(threads + SLACK)).isLessThanOrEqualTo(threads + SLACK);
    assertThat(openFiles()).isLessThanOrEqualTo(fds + SLACK);
  }

  private static void pipeline(String data, Path out) {
    String weights = out.resolve("model.weights.h5").toString();
    ok(
        CliRun.of(
            "train", "--data", data, "--hidden", "16", "--epochs", "1", "--out", out.toString()));
    ok(CliRun.of("evaluate", "--data", data, "--weights", weights));
    ok(
        CliRun.of(
            "maximize",
            "--weights",
            weights,
            "--steps",
            "10",
            "--threads",
            "2",
            "--out",
            out.resolve("maximize").toString()));
  }

  private static void ok(CliRun r) {
    assertThat(r.exit()).as(r.err()).isZero();
  }

  /** Live threads, after giving finished pools up to 2 s to wind down to {@code target}. */
  private static int settledThreads(int target) throws InterruptedException {
    int n = Thread.getAllStackTraces().size();
    for (int i = 0; i < 40 && n > target; i++) {
      Thread.sleep(50);
      n = Thread.getAllStackTraces().size();
    }
    return n;
  }

  private static long openFiles() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
