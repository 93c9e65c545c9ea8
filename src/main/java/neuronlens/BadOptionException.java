package neuronlens;

/** A command-line value is out of range or inconsistent with the others. Exit code 2 (usage). */
public class BadOptionException extends NeuronlensException {
  private static final long serialVersionUID = 1L;

  public static final int EXIT_CODE = 2;

  public BadOptionException(String message) {
    super(message, EXIT_CODE);
  }
}
