package neuronlens.vis;

/** Where activation maximization starts. */
public enum StartImage {
  /** Gaussian noise N(0, 1) in rescaled units (×255 in raw space), seeded: the seed's start. */
  NOISE("noise"),
  /** All pixels 0. */
  ZEROS("zeros"),
  /** All pixels mid-gray: 0.5 rescaled, 127.5 raw. */
  GRAY("gray"),
  /** The mean image of a dataset. */
  MEAN("mean");

  private final String id;

  StartImage(String id) {
    this.id = id;
  }

  /** The name used on the command line and in JSON. */
  public String id() {
    return id;
  }

  /** The start with this {@link #id()}, or null. */
  public static StartImage byId(String id) {
    for (StartImage s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    return null;
  }
}
