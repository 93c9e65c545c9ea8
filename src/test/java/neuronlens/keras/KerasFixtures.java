package neuronlens.keras;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import neuronlens.nn.Mlp;
import neuronlens.train.AdamState;

/** Shared test helpers: where the seed and fixtures are, random models, external tools. */
final class KerasFixtures {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  private static Boolean h5pyPresent;

  private KerasFixtures() {}

  /** The seed's weights file; the test is skipped if it is not beside the repository. */
  static Path seed() {
    String prop = System.getProperty("neuronlens.seed");
    Path p = prop != null ? Path.of(prop) : Path.of("..", "shared", "seed", "model.weights.h5");
    assumeTrue(Files.isRegularFile(p), "seed file not found at " + p.toAbsolutePath());
    return p;
  }

  /** A checked-in fixture under src/test/resources/keras. */
  static Path resource(String name) {
    try {
      return Path.of(KerasFixtures.class.getResource("/keras/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource keras/" + name, e);
    }
  }

  /** Skips the test unless /usr/bin/python3 can import h5py. */
  static void assumeH5py() {
    if (h5pyPresent == null) {
      h5pyPresent =
          Files.isExecutable(PYTHON)
              && run(List.of(PYTHON.toString(), "-c", "import h5py, numpy")).exit == 0;
    }
    assumeTrue(h5pyPresent, "/usr/bin/python3 with h5py is not installed");
  }

  /** The h5dump executable; skips the test if it is not on the PATH. */
  static Path h5dump() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, "h5dump");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    assumeTrue(false, "h5dump (hdf5-tools) is not installed");
    return null;
  }

  /** Exit code and output of a finished process. */
  record Result(int exit, String out, String err) {}

  /** Runs a command with a timeout, collecting stdout and stderr. */
  static Result run(List<String> command) {
    try {
      Path out = Files.createTempFile("neuronlens-out", ".txt");
      Path err = Files.createTempFile("neuronlens-err", ".txt");
      try {
        Process p =
            new ProcessBuilder(new ArrayList<>(command))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("timed out: " + command);
        }
        return new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      return new Result(-1, "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A glorot model with random nonzero biases, so that every value is worth comparing. */
  static Mlp randomModel(int[] hidden, int classes, long seed) {
    Mlp m = Mlp.glorot(hidden, classes, seed);
    SplittableRandom rng = new SplittableRandom(seed + 1);
    for (var d : m.layers()) {
      for (int i = 0; i < d.bias().length; i++) {
        d.bias()[i] = (float) rng.nextGaussian() * 0.1f;
      }
    }
    return m;
  }

  /** A random Adam state for {@code model}: m Gaussian, v non-negative. */
  static AdamState randomAdam(Mlp model, long iterations, long seed) {
    AdamState a = AdamState.zeros(model.variables());
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < a.m().length; i++) {
      for (int j = 0; j < a.m()[i].length; j++) {
        a.m()[i][j] = (float) rng.nextGaussian() * 1e-3f;
        a.v()[i][j] = (float) rng.nextDouble() * 1e-6f;
      }
    }
    return new AdamState(iterations, a.m(), a.v());
  }
}
