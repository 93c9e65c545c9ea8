package neuronlens.vis;

import neuronlens.nn.Mlp;

/** The units activation maximization optimizes the pixels in. */
public enum PixelSpace {
  /** After the Rescaling layer: valid pixels are in [0, 1] (the seed optimized here). */
  RESCALED("rescaled", 1f),
  /** Before the Rescaling layer: valid pixels are in [0, 255]. */
  RAW("raw", 255f);

  private final String id;
  private final float max;

  PixelSpace(String id, float max) {
    this.id = id;
    this.max = max;
  }

  /** The name used on the command line and in JSON. */
  public String id() {
    return id;
  }

  /** The brightest valid pixel: 1 or 255. */
  public float max() {
    return max;
  }

  /** Factor from this space to the network's rescaled input: 1 or 1/255. */
  public float toRescaled() {
    return this == RAW ? Mlp.RESCALE : 1f;
  }

  /** Factor from this space to raw 0–255 pixels: 255 or 1. */
  public float toRaw() {
    return this == RAW ? 1f : 255f;
  }

  /** The space with this {@link #id()}, or null. */
  public static PixelSpace byId(String id) {
    for (PixelSpace s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    return null;
  }
}
