package neuronlens.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the dataset cache lives: the {@code --cache} option if given, else {@code
 * $NEURONLENS_CACHE}, else {@code $XDG_CACHE_HOME/neuronlens}, else {@code ~/.cache/neuronlens}.
 * Each dataset has its own subdirectory named by {@link KnownDataset#id()}.
 */
public final class CacheDirs {
  /** Environment variable that overrides the cache root. */
  public static final String ENV = "NEURONLENS_CACHE";

  private CacheDirs() {}

  /**
   * The cache root.
   *
   * @param option the {@code --cache} value, or null
   * @param env the environment, usually {@code System.getenv()}
   * @param userHome usually {@code System.getProperty("user.home")}
   */
  public static Path root(Path option, Map<String, String> env, String userHome) {
    if (option != null) {
      return option;
    }
    String own = env.get(ENV);
    if (own != null && !own.isBlank()) {
      return Path.of(own);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "neuronlens");
    }
    return Path.of(userHome, ".cache", "neuronlens");
  }

  /** The cache root for this process: no option, the real environment and home. */
  public static Path defaultRoot() {
    return root(null, System.getenv(), System.getProperty("user.home"));
  }
}
