package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives one clear line, a distinct non-zero exit, no stack trace, no partial file. */
class BadInputTest {

  @Test
  void nonPositiveBatchSizeIsAUsageError(@TempDir Path out) {
    CliRun r = CliRun.of("train", "--batch-size", "0", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--batch-size").contains("found 0");
    assertOneLineNoTrace(r);
  }

  @Test
  void nonPositiveEpochsIsAUsageError(@TempDir Path out) {
    CliRun r = CliRun.of("train", "--epochs", "-3", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--epochs").contains("found -3");
  }

  @Test
  void nanLearningRateIsAUsageError(@TempDir Path out) {
    CliRun r = CliRun.of("train", "--learning-rate", "NaN", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--learning-rate").contains("NaN");
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun r = CliRun.of("train", "--bogus");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--bogus");
  }

  @Test
  void weightsFileThatIsNotHdf5(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("not.weights.h5");
    Files.writeString(f, "this is not an HDF5 file\n");
    CliRun r = CliRun.of("evaluate", "--weights", f.toString());
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains(f.toString());
    assertOneLineNoTrace(r);
  }

  @Test
  void missingWeightsFileNamesIt(@TempDir Path dir) {
    Path f = dir.resolve("missing.weights.h5");
    CliRun r = CliRun.of("evaluate", "--weights", f.toString());
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains(f.toString());
  }

  @Test
  void debugShowsTheStackTrace(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("not.weights.h5");
    Files.writeString(f, "junk");
    CliRun r = CliRun.of("evaluate", "--debug", "--weights", f.toString());
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err()).contains("\tat neuronlens.");
  }

  @Test
  void unwritableOutputDirectoryIsRefusedBeforeTraining(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "x");
    CliRun r = CliRun.of("train", "--out", file.resolve("sub").toString(), "--epochs", "1");
    assertThat(r.exit()).isEqualTo(5);
    assertThat(r.err()).contains(file.resolve("sub").toString());
    assertOneLineNoTrace(r);
  }

  @Test
  void foreignFilesAreNotOverwrittenWithoutForce(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("model.weights.h5"), "someone else's");
    CliRun r = CliRun.of("train", "--out", dir.toString(), "--epochs", "1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--force");
    assertThat(Files.readString(dir.resolve("model.weights.h5"))).isEqualTo("someone else's");
  }

  @Test
  void badDataDirectoryNamesTheMissingFile(@TempDir Path dir) {
    CliRun r = CliRun.of("data", "info", "--data", dir.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains(dir.toString());
    assertOneLineNoTrace(r);
  }

  private static void assertOneLineNoTrace(CliRun r) {
    String[] lines = r.err().strip().split("\n");
    assertThat(lines).as(r.err()).hasSizeLessThanOrEqualTo(2);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }
}
