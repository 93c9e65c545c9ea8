package neuronlens.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library example of docs/library.md runs and finds what a trained model should. */
class LibraryExampleTest {
  @TempDir Path dir;

  @Test
  void theDocumentedExampleTrainsSavesEvaluatesMaximizesAndExplains() throws Exception {
    Path weights = dir.resolve("model.weights.h5");
    LibraryExample.Findings f = LibraryExample.run(1, weights);
    assertThat(f.testAccuracy()).isGreaterThan(0.95); // one epoch of the seed's recipe
    assertThat(Files.size(weights)).isPositive();
    assertThat(f.neuron2()).hasSize(784);
    assertThat(f.predicted()).isEqualTo(7); // test image 0 is a 7
    assertThat(f.why().sum()).isCloseTo(f.why().logit() - f.why().baselineLogit(), within(1e-3));
  }

  @Test
  void thePageShowsTheExamplesCode() throws Exception {
    // the page quotes the example's body: keep them the same
    String page = Files.readString(Path.of("docs", "library.md"));
    String code = Files.readString(Path.of("src/test/java/neuronlens/example/LibraryExample.java"));
    String body =
        code.substring(
            code.indexOf("    // MNIST from the cache"), code.indexOf("    return new Findings("));
    assertThat(page).contains(body.stripTrailing().stripIndent().strip());
  }
}
