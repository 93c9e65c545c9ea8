package neuronlens.data;

import static neuronlens.data.IdxBytes.gzip;
import static neuronlens.data.IdxBytes.images;
import static neuronlens.data.IdxBytes.labels;
import static neuronlens.data.IdxBytes.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import neuronlens.BadDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {
  @TempDir Path dir;

  private void writeSet(int train, int trainLabels, int test) {
    write(dir, "train-images-idx3-ubyte", images(train, 28, 28, 1));
    write(dir, "train-labels-idx1-ubyte.gz", gzip(labels(trainLabels)));
    write(dir, "t10k-images-idx3-ubyte.gz", gzip(images(test, 28, 28, 2)));
    write(dir, "t10k-labels-idx1-ubyte", labels(test));
  }

  @Test
  void loadsMixOfRawAndGzipAndSplitsOffDev() {
    writeSet(30, 30, 7);
    LoadedData d = DataLoader.loadDirectory(dir, 10);
    assertThat(d.splits().train().count()).isEqualTo(20);
    assertThat(d.splits().dev().count()).isEqualTo(10);
    assertThat(d.splits().test().count()).isEqualTo(7);
    assertThat(d.splits().dev().label(0)).isEqualTo(0); // example 20 has label 20 % 10
    assertThat(d.sha256().get(MnistFile.TEST_LABELS)).isEqualTo(Sha256.of(labels(7)));
    assertThat(d.origin()).isEqualTo("directory " + dir);
    DataInfo info = DataInfo.of(d);
    assertThat(info.splitCounts()).containsEntry("train", 20).containsEntry("test", 7);
    assertThat(info.classCounts().get("train")).containsExactly(2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
    assertThat(info.lines()).contains("image size: 28 x 28");
  }

  @Test
  void imageAndLabelCountMismatchNamesBothFiles() {
    writeSet(30, 29, 7);
    assertThatThrownBy(() -> DataLoader.loadDirectory(dir, 10))
        .isInstanceOf(BadDataException.class)
        .hasMessage(
            "train-images-idx3-ubyte has 30 images but train-labels-idx1-ubyte has 29"
                + " labels: expected equal counts");
  }

  @Test
  void labelOutOfRange() {
    writeSet(30, 30, 3);
    byte[] bad = labels(3);
    bad[8 + 2] = 12;
    write(dir, "t10k-labels-idx1-ubyte", bad);
    assertThatThrownBy(() -> DataLoader.loadDirectory(dir, 10))
        .hasMessage("t10k-labels-idx1-ubyte: label 2 (byte 10): expected 0..9, found 12");
  }

  @Test
  void imagesMustBe28By28() {
    writeSet(30, 30, 3);
    write(dir, "t10k-images-idx3-ubyte", images(3, 28, 27, 1));
    assertThatThrownBy(() -> DataLoader.loadDirectory(dir, 10))
        .hasMessage("t10k-images-idx3-ubyte: rows x columns: expected 28 x 28, found 28 x 27");
  }

  @Test
  void tooFewTrainingImagesForDev() {
    writeSet(30, 30, 3);
    assertThatThrownBy(() -> DataLoader.loadDirectory(dir))
        .hasMessage(
            "train-images-idx3-ubyte: image count: expected more than 5000"
                + " (the dev split), found 30");
  }

  @Test
  void missingFilesAreListed() {
    write(dir, "train-images-idx3-ubyte", images(1, 28, 28, 1));
    assertThatThrownBy(() -> DataLoader.loadDirectory(dir))
        .isInstanceOf(BadDataException.class)
        .hasMessageStartingWith(
            dir
                + ": missing train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte: expected the four files");
  }
}
