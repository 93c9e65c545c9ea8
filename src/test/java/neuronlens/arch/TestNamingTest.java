package neuronlens.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Surefire runs only classes named {@code *Test}: a class of tests or properties named otherwise
 * (two jqwik classes were) is silently skipped, and its checks never run.
 */
class TestNamingTest {
  @Test
  void everyClassWithTestsIsNamedSoSurefireRunsIt() throws IOException {
    List<Path> misnamed;
    try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
      misnamed =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.getFileName().toString().endsWith("Test.java"))
              .filter(TestNamingTest::declaresTests)
              .toList();
    }
    assertThat(misnamed).isEmpty();
  }

  private static boolean declaresTests(Path p) {
    try {
      String s = Files.readString(p);
      return s.contains("@Test") || s.contains("@Property") || s.contains("@ParameterizedTest");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
