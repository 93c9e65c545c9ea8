package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

/** The error model every failing command keeps: one line, prefixed, no stack trace. */
final class ErrorLines {
  private ErrorLines() {}

  /** {@code r} failed with {@code exit} and said so in exactly one "neuronlens: error:" line. */
  static void assertOneError(CliRun r, int exit) {
    assertThat(r.exit()).as(r.err()).isEqualTo(exit);
    assertThat(errorLines(r.err())).as(r.err()).hasSize(1);
    assertNoTrace(r.err());
  }

  /** No stack trace and no exception class name in {@code err}. */
  static void assertNoTrace(String err) {
    assertThat(err).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("Error:");
  }

  static java.util.List<String> errorLines(String err) {
    return err.lines().filter(l -> l.startsWith("neuronlens: error: ")).toList();
  }
}
