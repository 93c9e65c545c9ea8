package neuronlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails leaves the old file as it was and no temporary file behind. */
class AtomicFilesTest {
  private static final String OLD = "the previous, good content\n";

  @Test
  void failingPathWriterLeavesTargetAndNoTemporary(@TempDir Path dir) throws Exception {
    Path target = Files.writeString(dir.resolve("model.weights.h5"), OLD);
    assertThatThrownBy(
            () ->
                AtomicFiles.writePath(
                    target,
                    tmp -> {
                      Files.writeString(tmp, "half of a new fi");
                      throw new IOException("disk full");
                    }))
        .isInstanceOf(OutputException.class)
        .hasMessage("cannot write " + target + ": disk full");
    assertThat(Files.readString(target)).isEqualTo(OLD);
    assertThat(entries(dir)).containsExactly("model.weights.h5");
  }

  @Test
  void uncheckedFailureInsideTheWriterAlsoCleansUp(@TempDir Path dir) throws Exception {
    Path target = Files.writeString(dir.resolve("history.json"), OLD);
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write(new byte[1000]);
                      throw new UncheckedIOException(new IOException("the library failed"));
                    }))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(Files.readString(target)).isEqualTo(OLD);
    assertThat(entries(dir)).containsExactly("history.json");
  }

  @Test
  void successReplacesTheWholeFile(@TempDir Path dir) throws Exception {
    Path target = Files.writeString(dir.resolve("a.json"), OLD);
    AtomicFiles.writeString(target, "new\n");
    assertThat(Files.readString(target)).isEqualTo("new\n");
    assertThat(entries(dir)).containsExactly("a.json");
  }

  @Test
  void targetUnderARegularFileIsAnOutputError(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("file"), OLD);
    assertThatThrownBy(() -> AtomicFiles.writeString(file.resolve("x.json"), "{}"))
        .isInstanceOf(OutputException.class)
        .hasMessageContaining(file.resolve("x.json").toString());
    assertThat(Files.readString(file)).isEqualTo(OLD);
  }

  private static java.util.List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}
