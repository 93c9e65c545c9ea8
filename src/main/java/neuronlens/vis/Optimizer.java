package neuronlens.vis;

/** How activation maximization steps. */
public enum Optimizer {
  /** Keras' Adam (β1 0.9, β2 0.999, ε 1e-7), as the seed used. */
  ADAM("adam"),
  /** Plain gradient ascent: {@code x += lr · gradient}. */
  ASCENT("ascent");

  private final String id;

  Optimizer(String id) {
    this.id = id;
  }

  /** The name used on the command line and in JSON. */
  public String id() {
    return id;
  }

  /** The optimizer with this {@link #id()}, or null. */
  public static Optimizer byId(String id) {
    for (Optimizer o : values()) {
      if (o.id.equals(id)) {
        return o;
      }
    }
    return null;
  }
}
