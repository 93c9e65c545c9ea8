package neuronlens.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads Fashion-MNIST from Debian's package when it is installed; skipped otherwise. */
class FashionMnistTest {
  @TempDir Path cache;

  @Test
  void loadsFromTheDebianPackageAndMatchesThePins() {
    assumeTrue(
        Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
        "dataset-fashion-mnist is not installed");
    LoadedData d = new DataLoader(cache, FetchProgress.silent()).load("fashion-mnist");
    assertThat(d.origin()).contains("Debian package dataset-fashion-mnist");
    assertThat(d.splits().train().count()).isEqualTo(55_000);
    assertThat(d.splits().test().count()).isEqualTo(10_000);
    assertThat(d.splits().train().label(0)).isEqualTo(9);
    assertThat(d.classes().name(d.splits().train().label(0))).isEqualTo("Ankle boot");
  }
}
