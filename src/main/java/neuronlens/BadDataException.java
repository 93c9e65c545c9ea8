package neuronlens;

/** A dataset file is missing, truncated, corrupt or fails its checksum. Exit code 3. */
public class BadDataException extends NeuronlensException {
  private static final long serialVersionUID = 1L;

  public static final int EXIT_CODE = 3;

  public BadDataException(String message) {
    super(message, EXIT_CODE);
  }

  public BadDataException(String message, Throwable cause) {
    super(message, EXIT_CODE, cause);
  }
}
