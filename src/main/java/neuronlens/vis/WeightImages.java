package neuronlens.vis;

import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;

/**
 * Each unit's weights in pixel space, (units, 784), one 28×28 image per unit. For the first Dense
 * layer these are exactly the unit's incoming weights (column {@code j} of the Keras kernel). For
 * deeper layers they are the "effective weights" {@code W_0 · W_1 · … · W_L}: the map from pixels
 * to the unit's pre-activation if every ReLU were the identity — an approximation, since the ReLUs
 * are ignored.
 *
 * @param layer Keras name of the layer
 * @param units number of units
 * @param exact true for the first layer, false for effective (approximate) weights
 * @param images (units, 784): row {@code j} is unit {@code j}'s image
 */
public record WeightImages(String layer, int units, boolean exact, float[] images) {

  /** The weight images of layer {@code index} of {@code mlp}. */
  public static WeightImages of(Mlp mlp, int index, Kernels k) {
    float[] product = mlp.layers().get(0).kernel(); // (784, units_0)
    int width = mlp.layers().get(0).units();
    for (int l = 1; l <= index; l++) {
      Dense d = mlp.layers().get(l);
      float[] next = new float[Mlp.INPUTS * d.units()];
      k.matmulBias(
          Mlp.INPUTS, d.inputs(), d.units(), product, d.kernel(), new float[d.units()], next);
      product = next;
      width = d.units();
    }
    float[] images = new float[width * Mlp.INPUTS];
    for (int i = 0; i < Mlp.INPUTS; i++) {
      for (int j = 0; j < width; j++) {
        images[j * Mlp.INPUTS + i] = product[i * width + j];
      }
    }
    return new WeightImages(mlp.layers().get(index).name(), width, index == 0, images);
  }

  /** Unit {@code j}'s image, 784 values. */
  public float[] image(int j) {
    float[] out = new float[Mlp.INPUTS];
    System.arraycopy(images, j * Mlp.INPUTS, out, 0, Mlp.INPUTS);
    return out;
  }

  /** The images of the given units, consecutive. */
  public float[] select(int[] which) {
    float[] out = new float[which.length * Mlp.INPUTS];
    for (int i = 0; i < which.length; i++) {
      System.arraycopy(images, which[i] * Mlp.INPUTS, out, i * Mlp.INPUTS, Mlp.INPUTS);
    }
    return out;
  }

  /** "weights" or "effective weights (ReLUs ignored)", for titles. */
  public String kind() {
    return exact ? "weights" : "effective weights (approx., ReLUs ignored)";
  }
}
