package neuronlens.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The seed's Keras model: {@code rescaling} (×1/255) → {@code flatten} → Dense layers with ReLU → a
 * last Dense layer with softmax. Layer names follow Keras: {@code dense}, {@code dense_1}, ... The
 * input is 784 pixels, 0–255, row-major.
 */
public final class Mlp {
  /** Pixels of a flattened 28×28×1 image. */
  public static final int INPUTS = 784;

  /** The Rescaling layer's factor, 1/255 as the float32 Keras multiplies by. */
  public static final float RESCALE = 1f / 255f;

  private static final float[] RESCALED = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      RESCALED[v] = v * RESCALE;
    }
  }

  private final List<Dense> layers;

  /** Wraps the given layers; consecutive sizes must chain and the first must take 784 inputs. */
  public Mlp(List<Dense> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("an Mlp needs at least one Dense layer");
    }
    int expected = INPUTS;
    for (int l = 0; l < layers.size(); l++) {
      Dense d = layers.get(l);
      if (d.inputs() != expected) {
        throw new IllegalArgumentException(
            "layer " + d.name() + ": expected " + expected + " inputs, found " + d.inputs());
      }
      Activation want = l == layers.size() - 1 ? Activation.SOFTMAX : Activation.RELU;
      if (d.activation() != want) {
        throw new IllegalArgumentException(
            "layer "
                + d.name()
                + ": expected activation "
                + want.kerasName()
                + ", found "
                + d.activation().kerasName());
      }
      expected = d.units();
    }
    this.layers = List.copyOf(layers);
  }

  /** Keras' name of the {@code index}-th Dense layer: {@code dense}, {@code dense_1}, ... */
  public static String layerName(int index) {
    return index == 0 ? "dense" : "dense_" + index;
  }

  /**
   * A new model with Keras' initialization: kernels glorot-uniform, {@code U(-l, l)} with {@code l
   * = sqrt(6 / (fan_in + fan_out))}, biases zero, all drawn from {@code seed}.
   *
   * @param hidden the hidden layer sizes, e.g. {@code {128}}
   * @param classes output units, 10 for MNIST
   */
  public static Mlp glorot(int[] hidden, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Dense> layers = new ArrayList<>();
    int in = INPUTS;
    for (int l = 0; l <= hidden.length; l++) {
      boolean last = l == hidden.length;
      int units = last ? classes : hidden[l];
      if (units <= 0) {
        throw new IllegalArgumentException("layer sizes must be positive, found " + units);
      }
      float[] kernel = new float[in * units];
      double limit = Math.sqrt(6.0 / (in + units));
      for (int i = 0; i < kernel.length; i++) {
        kernel[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
      }
      layers.add(
          new Dense(
              layerName(l),
              in,
              units,
              last ? Activation.SOFTMAX : Activation.RELU,
              kernel,
              new float[units]));
      in = units;
    }
    return new Mlp(layers);
  }

  /**
   * Each pixel value 0–255 times {@link #RESCALE}, the same float product the Rescaling layer
   * computes: the table the sparse first-layer kernels read a pixel's value through. Shared, not to
   * be modified.
   */
  public static float[] rescaled() {
    return RESCALED;
  }

  /** The layers, input side first (an unmodifiable list, the same one at every call). */
  public List<Dense> layers() {
    return layers; // List.copyOf: unmodifiable already, and a step asks for it several times
  }

  /** The layer with this Keras name, or null. */
  public Dense layer(String name) {
    for (Dense d : layers) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** Sizes along the chain: {@code {784, 128, 10}} for the seed's model. */
  public int[] sizes() {
    int[] s = new int[layers.size() + 1];
    s[0] = INPUTS;
    for (int l = 0; l < layers.size(); l++) {
      s[l + 1] = layers.get(l).units();
    }
    return s;
  }

  /** Number of output classes. */
  public int classes() {
    return layers.get(layers.size() - 1).units();
  }

  /** Total trainable values (101,770 for the seed's model). */
  public int parameterCount() {
    int n = 0;
    for (Dense d : layers) {
      n += d.parameterCount();
    }
    return n;
  }

  /**
   * The trainable arrays in Keras' order: kernel, bias of {@code dense}, then of the next layer.
   */
  public List<float[]> variables() {
    List<float[]> v = new ArrayList<>();
    for (Dense d : layers) {
      v.add(d.kernel());
      v.add(d.bias());
    }
    return v;
  }

  /** A deep copy. */
  public Mlp copy() {
    List<Dense> c = new ArrayList<>();
    for (Dense d : layers) {
      c.add(d.copy());
    }
    return new Mlp(c);
  }

  /**
   * A copy in which units {@code units} of hidden layer {@code layer} are knocked out: their
   * weights into the next layer are 0, so whatever they output, the layers after them see 0 from
   * them (their own outputs are unchanged).
   */
  public Mlp withoutUnits(int layer, int... units) {
    checkUnits(layer, units);
    Mlp m = copy();
    Dense next = m.layers.get(layer + 1);
    int n = next.units();
    for (int j : units) {
      java.util.Arrays.fill(next.kernel(), j * n, (j + 1) * n, 0f); // row j of (inputs, units)
    }
    return m;
  }

  /**
   * Checks that {@code units} are distinct units of hidden layer {@code layer}: an {@link
   * IllegalArgumentException} saying what is wrong otherwise (what {@link #withoutUnits} needs).
   */
  public void checkUnits(int layer, int... units) {
    if (layer < 0 || layer >= layers.size() - 1) {
      throw new IllegalArgumentException(
          "expected a hidden layer 0.." + (layers.size() - 2) + ", found " + layer);
    }
    int n = layers.get(layer).units();
    boolean[] seen = new boolean[n];
    for (int j : units) {
      if (j < 0 || j >= n || seen[j]) {
        throw new IllegalArgumentException(
            "expected distinct units 0.."
                + (n - 1)
                + " of "
                + layers.get(layer).name()
                + ", found "
                + j
                + (j >= 0 && j < n ? " twice" : ""));
      }
      seen[j] = true;
    }
  }

  /** "784-128-10". */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (int s : sizes()) {
      if (sb.length() > 0) {
        sb.append('-');
      }
      sb.append(s);
    }
    return sb.toString();
  }
}
