package neuronlens.vis;

/** What activation maximization raises for a unit. */
public enum Objective {
  /**
   * A hidden unit's pre-activation {@code z}: the default, since a ReLU at zero passes no gradient.
   */
  PRE_ACTIVATION("pre"),
  /** A hidden unit's post-ReLU activation {@code max(0, z)}: the seed's objective. */
  POST_ACTIVATION("post"),
  /** An output unit's logit {@code z}: the default for the output layer. */
  LOGIT("logit"),
  /** An output unit's softmax probability. */
  PROBABILITY("probability");

  private final String id;

  Objective(String id) {
    this.id = id;
  }

  /** The name used on the command line and in JSON. */
  public String id() {
    return id;
  }

  /** Whether this objective applies to the output layer (true) or to hidden layers (false). */
  public boolean forOutput() {
    return this == LOGIT || this == PROBABILITY;
  }

  /** The default for a layer: pre-activation for hidden layers, the logit for the output layer. */
  public static Objective defaultFor(boolean output) {
    return output ? LOGIT : PRE_ACTIVATION;
  }

  /** The objective with this {@link #id()}, or null. */
  public static Objective byId(String id) {
    for (Objective o : values()) {
      if (o.id.equals(id)) {
        return o;
      }
    }
    return null;
  }
}
