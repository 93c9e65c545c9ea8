package neuronlens;

/**
 * Root of the project's own unchecked exceptions. Each subclass carries the exit code the CLI uses
 * for it, and its message is a single line: what went wrong, where, expected versus found.
 */
public class NeuronlensException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public NeuronlensException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public NeuronlensException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit code the CLI uses for this kind of failure (see README, "Exit codes"). */
  public int exitCode() {
    return exitCode;
  }
}
