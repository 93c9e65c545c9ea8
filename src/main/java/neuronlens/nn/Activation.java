package neuronlens.nn;

/** Activation of a Dense layer, named as in Keras. */
public enum Activation {
  /** {@code max(0, z)}: the hidden layers. */
  RELU("relu"),
  /** {@code exp(z_i) / sum_j exp(z_j)}: the output layer. */
  SOFTMAX("softmax");

  private final String kerasName;

  Activation(String kerasName) {
    this.kerasName = kerasName;
  }

  /** The name Keras uses for this activation. */
  public String kerasName() {
    return kerasName;
  }
}
