package neuronlens.keras;

import java.nio.file.Path;
import neuronlens.BadModelFileException;
import neuronlens.nn.Mlp;
import neuronlens.train.AdamState;

/**
 * Reads and writes Keras 3 {@code .weights.h5} files of the seed's model, {@code Rescaling →
 * Flatten → Dense (ReLU) ... → Dense (softmax)}, with Adam's state. The layout (see the seed's
 * README): {@code layers/dense/vars/0} kernel (inputs, units) float32, {@code .../1} bias, {@code
 * layers/dense_1/...}, {@code optimizer/vars/0} iterations (int32 scalar), then m and v per
 * variable in model order; empty {@code vars} groups elsewhere; no attributes.
 */
public final class KerasWeights {
  private KerasWeights() {}

  /**
   * Reads a weights file of any Dense chain taking 784 inputs; layer sizes come from the kernel
   * shapes. Float64 datasets are accepted and rounded to float32, as Keras' own loading would.
   *
   * @throws BadModelFileException with a one-line message naming the file, the HDF5 path, what was
   *     expected and what was found, for any file content that is not such a weights file
   */
  public static LoadedWeights read(Path file) {
    return WeightsReader.read(file, null);
  }

  /**
   * Reads a weights file and checks that it holds exactly this architecture.
   *
   * @param expectedSizes sizes along the chain, e.g. {@code {784, 128, 10}}
   * @throws BadModelFileException also when the file holds another architecture, naming the layer
   *     and both shapes
   */
  public static LoadedWeights read(Path file, int[] expectedSizes) {
    if (expectedSizes == null || expectedSizes.length < 2 || expectedSizes[0] != Mlp.INPUTS) {
      throw new IllegalArgumentException(
          "expected sizes must start with " + Mlp.INPUTS + " and name at least one layer");
    }
    return WeightsReader.read(file, expectedSizes.clone());
  }

  /**
   * Writes {@code model} and, if not null, {@code adam} in the seed's exact layout, atomically.
   * Without Adam's state the {@code optimizer/vars} group is written empty.
   *
   * @throws IllegalArgumentException if {@code adam} does not match the model's variables
   * @throws neuronlens.OutputException if the file cannot be written
   */
  public static void write(Path file, Mlp model, AdamState adam) {
    WeightsWriter.write(file, model, adam);
  }
}
