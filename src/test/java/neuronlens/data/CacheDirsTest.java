package neuronlens.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheDirsTest {
  @Test
  void optionWinsThenEnvThenXdgThenHome() {
    Map<String, String> env = Map.of("NEURONLENS_CACHE", "/e", "XDG_CACHE_HOME", "/x");
    assertThat(CacheDirs.root(Path.of("/o"), env, "/h")).isEqualTo(Path.of("/o"));
    assertThat(CacheDirs.root(null, env, "/h")).isEqualTo(Path.of("/e"));
    assertThat(CacheDirs.root(null, Map.of("XDG_CACHE_HOME", "/x"), "/h"))
        .isEqualTo(Path.of("/x/neuronlens"));
    assertThat(CacheDirs.root(null, Map.of(), "/h")).isEqualTo(Path.of("/h/.cache/neuronlens"));
  }

  @Test
  void relativeXdgIsIgnoredAsTheSpecSays() {
    assertThat(CacheDirs.root(null, Map.of("XDG_CACHE_HOME", "rel"), "/h"))
        .isEqualTo(Path.of("/h/.cache/neuronlens"));
  }
}
