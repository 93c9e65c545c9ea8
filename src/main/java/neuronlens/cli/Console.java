package neuronlens.cli;

import java.io.PrintStream;

/**
 * Where a command writes: results to {@code out}, progress and errors to {@code err}. {@code
 * --debug} turns on stack traces; {@code --json} keeps {@code out} for one JSON object.
 */
final class Console {
  private final PrintStream out;
  private final PrintStream err;
  private boolean debug;

  Console(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  void setDebug(boolean debug) {
    this.debug = debug;
  }

  /** One line on stderr, prefixed so it stands out in a log. */
  void error(String message) {
    err.println(errorLine(message));
    err.flush();
  }

  /**
   * {@code message} as the one error line every failure prints; a message spanning lines (as
   * picocli's for several unmatched arguments, or an exception's) is joined with "; ".
   */
  static String errorLine(String message) {
    return "neuronlens: error: " + String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  /** A progress or status line on stderr. */
  void info(String message) {
    err.println(message);
    err.flush();
  }

  void debugTrace(Throwable t) {
    if (debug) {
      t.printStackTrace(err);
    }
  }

  /** Whether stderr is an interactive terminal (progress bars only then). */
  boolean interactive() {
    return System.console() != null && err == System.err;
  }
}
