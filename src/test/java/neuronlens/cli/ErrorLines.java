package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

/** The error model every failing command keeps: one line, prefixed, no stack trace. */
final class ErrorLines {
  private ErrorLines() {}

  /** No stack trace and no exception class name in {@code err}. */
  static void assertNoTrace(String err) {
    assertThat(err).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("Error:");
  }

  static java.util.List<String> errorLines(String err) {
    return err.lines().filter(l -> l.startsWith("neuronlens: error: ")).toList();
  }
}
