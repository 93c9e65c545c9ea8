package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import neuronlens.keras.KerasWeights;
import neuronlens.keras.LoadedWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} while a checkpoint is being written: the previous checkpoint is still whole and
 * loadable, the temporary file is never taken for an output, and training resumes from it.
 */
class KillDuringSaveTest {
  private static final long STEPS_PER_EPOCH = 1100; // 55,000 images in batches of 50
  private static final int ROUNDS = 2;

  @Test
  void previousCheckpointSurvivesKillMinusNineDuringASave(@TempDir Path out, @TempDir Path logs)
      throws Exception {
    String cache = Mnist.cacheRoot();
    Path weights = out.resolve("model.weights.h5");
    int killedMidSave = 0;
    long iterations = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String[] args = {
        "train",
        "--cache",
        cache,
        "--hidden",
        "16",
        "--epochs",
        "40",
        "--seed",
        "3",
        "--out",
        out.toString()
      };
      if (Files.exists(weights)) {
        args = TrainCommandTest.concat(args, new String[] {"--resume", weights.toString()});
      }
      try (Subprocess p = Subprocess.start(logs.resolve("round" + round + ".log"), args)) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        boolean killed = false;
        // once a checkpoint exists, kill while the next one is being written beside it
        while (!killed && p.alive() && System.nanoTime() < deadline) {
          if (Files.exists(weights)
              && temporaries(out).stream().anyMatch(t -> t.startsWith(".model.weights.h5."))) {
            p.kill();
            killed = true;
            killedMidSave++;
          }
        }
        if (!killed) {
          p.kill(); // the run ended or no save was caught in time: still a kill at a save's edge
        }
        assertThat(p.waitFor(30)).isNotZero();
      }
      LoadedWeights w = KerasWeights.read(weights);
      assertThat(w.model().sizes()).containsExactly(784, 16, 10);
      assertThat(w.adam().iterations() % STEPS_PER_EPOCH).isZero();
      assertThat(w.adam().iterations()).isGreaterThanOrEqualTo(Math.max(iterations, 1));
      iterations = w.adam().iterations();
      assertThat(visibleFiles(out))
          .allMatch(f -> List.of("model.weights.h5", "history.json", ".neuronlens").contains(f));
      assertThat(temporaries(out))
          .allMatch(f -> f.startsWith(".model.weights.h5.") || f.startsWith(".history.json."));
      // the history follows the weights: a kill between the two leaves it one epoch behind
      int epochs = (int) (iterations / STEPS_PER_EPOCH);
      assertThat(Json.MAPPER.readTree(out.resolve("history.json").toFile()).get("epochs").size())
          .isBetween(epochs - 1, epochs);
    }
    assertThat(killedMidSave).as("kills that hit a save in progress").isPositive();
  }

  private static List<String> temporaries(Path dir) throws IOException {
    return names(dir).stream().filter(n -> n.endsWith(".tmp")).toList();
  }

  private static List<String> visibleFiles(Path dir) throws IOException {
    return names(dir).stream().filter(n -> !n.endsWith(".tmp")).toList();
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}
