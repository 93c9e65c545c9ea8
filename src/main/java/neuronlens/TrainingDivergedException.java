package neuronlens;

/** The training loss became NaN or infinite; the last good checkpoint is kept. Exit code 6. */
public class TrainingDivergedException extends NeuronlensException {
  private static final long serialVersionUID = 1L;

  public static final int EXIT_CODE = 6;

  public TrainingDivergedException(String message) {
    super(message, EXIT_CODE);
  }
}
