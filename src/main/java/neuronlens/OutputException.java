package neuronlens;

/** An output file or directory cannot be written. Exit code 5. */
public class OutputException extends NeuronlensException {
  private static final long serialVersionUID = 1L;

  public static final int EXIT_CODE = 5;

  public OutputException(String message, Throwable cause) {
    super(message, EXIT_CODE, cause);
  }

  public OutputException(String message) {
    super(message, EXIT_CODE);
  }
}
