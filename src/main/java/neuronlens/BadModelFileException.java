package neuronlens;

/**
 * A weights file is not HDF5, lacks a dataset, has a wrong shape or dtype, holds non-finite values
 * or describes another architecture. Exit code 4.
 */
public class BadModelFileException extends NeuronlensException {
  private static final long serialVersionUID = 1L;

  public static final int EXIT_CODE = 4;

  public BadModelFileException(String message) {
    super(message, EXIT_CODE);
  }

  public BadModelFileException(String message, Throwable cause) {
    super(message, EXIT_CODE, cause);
  }
}
