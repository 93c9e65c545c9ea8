package neuronlens.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jHDF 0.13.0 trailer bug, its repair, and the repair's refusal to touch unknown files. */
class JhdfTrailerRepairTest {
  @TempDir Path dir;

  @Test
  void plainJhdfBreaksTheRootsEmptyGroupAndTheRepairFixesIt() throws IOException {
    Path h5dump = KerasFixtures.h5dump();
    Path p = dir.resolve("plain.h5");
    try (WritableHdfFile f = HdfFile.write(p)) {
      f.putGroup("layers").putDataset("x", new float[] {1f, 2f});
      f.putGroup("vars");
    }
    assertThat(run(h5dump, p).exit()).as("jHDF still has the trailer bug").isNotZero();

    JhdfTrailerRepair.repair(p);

    KerasFixtures.Result fixed = run(h5dump, p);
    assertThat(fixed.exit()).as(fixed.err()).isZero();
    assertThat(fixed.out()).contains("GROUP \"vars\"");
  }

  @Test
  void leavesAnIntactFileAlone() throws IOException {
    byte[] bytes = new byte[100];
    System.arraycopy(
        JhdfTrailerRepair.EMPTY_GROUP_HEADER,
        0,
        bytes,
        100 - JhdfTrailerRepair.EMPTY_GROUP_HEADER.length,
        JhdfTrailerRepair.EMPTY_GROUP_HEADER.length);
    Path p = Files.write(dir.resolve("intact.h5"), bytes);

    JhdfTrailerRepair.repair(p);

    assertThat(Files.readAllBytes(p)).isEqualTo(bytes);
  }

  @Test
  void refusesAFileEndingInUnknownBytes() throws IOException {
    byte[] bytes = new byte[100];
    Arrays.fill(bytes, (byte) 7);
    Path p = Files.write(dir.resolve("unknown.h5"), bytes);

    assertThatThrownBy(() -> JhdfTrailerRepair.repair(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not expect");
    assertThat(Files.readAllBytes(p)).isEqualTo(bytes);
  }

  private static KerasFixtures.Result run(Path h5dump, Path file) {
    return KerasFixtures.run(List.of(h5dump.toString(), file.toString()));
  }
}
