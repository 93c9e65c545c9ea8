package neuronlens.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which names a loaded dataset's classes get: by its name, by its files' hashes, or numbers. */
class ClassNamesTest {
  private static final Splits NO_SPLITS = null;

  @Test
  void aDatasetFetchedByNameGetsItsNames() {
    LoadedData mnist = new LoadedData("mnist", "cache", NO_SPLITS, Map.of());
    LoadedData fashion = new LoadedData("fashion-mnist", "cache", NO_SPLITS, Map.of());
    assertThat(mnist.classes()).isEqualTo(ClassNames.DIGITS);
    assertThat(fashion.classes()).isEqualTo(ClassNames.FASHION);
    assertThat(fashion.classes().name(9)).isEqualTo("Ankle boot");
    assertThat(fashion.classes().name(7)).isEqualTo("Sneaker");
    assertThat(mnist.classes().name(7)).isEqualTo("7");
  }

  @Test
  void aDirectoryHoldingAKnownDatasetsFilesIsRecognizedByTheirHashes() {
    LoadedData dir =
        new LoadedData(
            "/data/clothes", "directory", NO_SPLITS, KnownDataset.FASHION_MNIST.sha256());
    assertThat(dir.classes()).isEqualTo(ClassNames.FASHION);
  }

  @Test
  void otherFilesGetTheirLabelNumbers() {
    Map<MnistFile, String> other = new EnumMap<>(KnownDataset.FASHION_MNIST.sha256());
    other.put(MnistFile.TEST_LABELS, "0".repeat(64)); // one file differs
    LoadedData dir = new LoadedData("/data/mine", "directory", NO_SPLITS, other);
    ClassNames c = dir.classes();
    assertThat(c.noun()).isEqualTo("class");
    assertThat(c.numeric()).isTrue();
    assertThat(c.names()).hasSize(10).startsWith("0", "1").endsWith("9");
    assertThat(c.name(12)).isEqualTo("12"); // a model with more outputs than names
    assertThat(ClassNames.FASHION.numeric()).isFalse();
  }

  @Test
  void articlesGoWithHowTheNameIsSaid() {
    assertThat(ClassNames.DIGITS.withArticle(7)).isEqualTo("a 7");
    assertThat(ClassNames.DIGITS.withArticle(8)).isEqualTo("an 8");
    assertThat(ClassNames.FASHION.withArticle(9)).isEqualTo("an Ankle boot");
    assertThat(ClassNames.FASHION.withArticle(5)).isEqualTo("a Sandal");
    assertThat(ClassNames.numbered(20).withArticle(11)).isEqualTo("an 11");
    assertThat(ClassNames.numbered(20).withArticle(1)).isEqualTo("a 1");
  }
}
