package neuronlens.vis;

import java.nio.file.Files;
import java.nio.file.Path;
import neuronlens.data.CacheDirs;
import neuronlens.data.DataLoader;
import neuronlens.data.Dataset;
import neuronlens.data.FetchProgress;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import org.junit.jupiter.api.Assumptions;

/** Shared test inputs: the seed's trained model and the MNIST test set, skipped when missing. */
final class VisFixtures {
  private static Mlp seed;
  private static Dataset test;

  private VisFixtures() {}

  /** The seed's trained 784-128-10 model. */
  static synchronized Mlp seedModel() {
    if (seed == null) {
      String prop = System.getProperty("neuronlens.seed");
      Path p = prop != null ? Path.of(prop) : Path.of("..", "shared", "seed", "model.weights.h5");
      Assumptions.assumeTrue(Files.isRegularFile(p), "seed weights not found at " + p);
      seed = KerasWeights.read(p).model();
    }
    return seed;
  }

  /** The MNIST test split, through the cache (fetched when missing). */
  static synchronized Dataset mnistTest() {
    if (test == null) {
      try {
        test =
            new DataLoader(CacheDirs.defaultRoot(), FetchProgress.silent())
                .load("mnist")
                .splits()
                .test();
      } catch (RuntimeException e) {
        Assumptions.abort("MNIST not available: " + e.getMessage());
      }
    }
    return test;
  }
}
