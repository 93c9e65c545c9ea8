package neuronlens.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import neuronlens.BadModelFileException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per way a weights file can be wrong. The fixtures under keras/bad are made by
 * make_bad_files.py beside them (h5py, as Keras writes); the rest are made here from bytes.
 */
class BadFileTest {
  @TempDir Path dir;

  @Test
  void readsAKerasStyleFileWrittenByH5py() {
    LoadedWeights w = KerasWeights.read(KerasFixtures.resource("bad/valid_small.h5"));
    assertThat(w.model().sizes()).containsExactly(784, 2, 3);
    assertThat(w.adam().iterations()).isEqualTo(7);
    assertThat(KerasWeights.read(KerasFixtures.resource("bad/no_optimizer.h5")).adam()).isNull();
  }

  @Test
  void findsTheSignatureAfterAUserBlock() {
    LoadedWeights w = KerasWeights.read(KerasFixtures.resource("bad/userblock.h5"));
    assertThat(w.model().sizes()).containsExactly(784, 2, 3);
  }

  @Test
  void acceptsFloat64RoundedToFloat32LikeKeras() {
    LoadedWeights f64 = KerasWeights.read(KerasFixtures.resource("bad/float64.h5"));
    LoadedWeights f32 = KerasWeights.read(KerasFixtures.resource("bad/no_optimizer.h5"));
    // both made from the same float64 draws; float32 is the rounding of float64
    RoundTripTest.assertSameBits(f64, f32);
  }

  @Test
  void emptyFile() throws Exception {
    Path p = Files.write(dir.resolve("empty.h5"), new byte[0]);
    refused(p).hasMessageContaining("empty file");
  }

  @Test
  void notHdf5() throws Exception {
    Path p = Files.writeString(dir.resolve("notes.h5"), "these are not weights\n".repeat(100));
    refused(p).hasMessageContaining("not an HDF5 file").hasMessageContaining("74 68 65 73");
  }

  @Test
  void missingFile() {
    refused(dir.resolve("nothing.h5")).hasMessageContaining("cannot read");
  }

  @Test
  void truncated() throws Exception {
    byte[] whole = Files.readAllBytes(KerasFixtures.resource("bad/valid_small.h5"));
    for (int length : new int[] {8, 100, 1000, whole.length / 2, whole.length - 1}) {
      Path p =
          Files.write(dir.resolve("cut" + length + ".h5"), java.util.Arrays.copyOf(whole, length));
      refused(p);
    }
  }

  @Test
  void missingDataset() {
    refused("missing_dataset.h5")
        .hasMessageContaining("layers/dense_1/vars")
        .hasMessageContaining("expected datasets 0 (kernel) and 1 (bias), found [0]");
  }

  @Test
  void missingLayersGroup() {
    refused("missing_layers.h5").hasMessageContaining("layers: missing group");
  }

  @Test
  void kernelShapeDoesNotFollowThePreviousLayer() {
    refused("wrong_shape.h5")
        .hasMessageContaining(
            "layers/dense_1/vars/0: expected shape "
                + "(2, units): 2 inputs because dense has 2 units, found (5, 3)");
  }

  @Test
  void biasShape() {
    refused("wrong_bias_shape.h5")
        .hasMessageContaining("layers/dense/vars/1: expected shape (2,), found (3,)");
  }

  @Test
  void integerKernel() {
    refused("int_kernel.h5")
        .hasMessageContaining("layers/dense/vars/0: expected dtype float32, found int32");
  }

  @Test
  void nan() {
    refused("nan.h5")
        .hasMessageContaining(
            "layers/dense/vars/0: expected finite float32 values, found NaN at index [10, 1] "
                + "(flat index 21)");
  }

  @Test
  void infinity() {
    refused("inf.h5")
        .hasMessageContaining(
            "layers/dense_1/vars/1: expected finite float32 values, found Infinity at index [1]");
  }

  @Test
  void kernelOfRankThree() {
    refused("rank3.h5")
        .hasMessageContaining(
            "layers/dense/vars/0: expected a rank-2 Dense kernel"
                + " (inputs, units), found shape (784, 2, 1)");
  }

  @Test
  void firstKernelNot784Inputs() {
    refused("first_inputs.h5")
        .hasMessageContaining(
            "layers/dense/vars/0: expected shape "
                + "(784, units): 784 inputs (a flattened 28x28 image), found (100, 2)");
  }

  @Test
  void denseLayersNotConsecutive() {
    refused("gap.h5").hasMessageContaining("layers/dense_2: found dense_2 but no dense_1");
  }

  @Test
  void layerOtherThanDenseWithWeights() {
    refused("conv_layer.h5").hasMessageContaining("layers/conv2d/vars: expected no variables");
  }

  @Test
  void groupWhereTheKernelShouldBe() {
    refused("group_as_kernel.h5")
        .hasMessageContaining("layers/dense/vars/0: expected a dataset, found a group");
  }

  @Test
  void partialOptimizerState() {
    refused("partial_optimizer.h5")
        .hasMessageContaining("optimizer/vars: expected datasets " + "[0, 1, 2, 3, 4, 5, 6, 7, 8]")
        .hasMessageContaining("found [0, 1, 2, 3, 4]");
  }

  @Test
  void iterationsNotAScalar() {
    refused("iterations_shape.h5")
        .hasMessageContaining("optimizer/vars/0: expected a scalar of shape (), found shape (1,)");
  }

  @Test
  void negativeSecondMoment() {
    refused("negative_v.h5")
        .hasMessageContaining(
            "optimizer/vars/8: expected second moments >= 0, found -1.0 at index [2]");
  }

  @Test
  void otherArchitectureThanExpected() {
    Path p = KerasFixtures.resource("bad/valid_small.h5");
    assertThatThrownBy(() -> KerasWeights.read(p, new int[] {784, 128, 10}))
        .isInstanceOf(BadModelFileException.class)
        .hasMessageStartingWith(p.toString())
        .hasMessageContaining(
            "layers/dense/vars/0: expected shape (784, 128) for a 784-128-10 "
                + "model, found (784, 2)");
    assertThatThrownBy(() -> KerasWeights.read(p, new int[] {784, 256, 128, 10}))
        .isInstanceOf(BadModelFileException.class)
        .hasMessageContaining(
            "layers: expected a 784-256-128-10 model (3 Dense layers), found 784-2-3 (2 Dense");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> refused(String fixture) {
    return refused(KerasFixtures.resource("bad/" + fixture));
  }

  static AbstractThrowableAssert<?, ? extends Throwable> refused(Path p) {
    return assertThatThrownBy(() -> KerasWeights.read(p))
        .isInstanceOf(BadModelFileException.class)
        .hasMessageStartingWith(p.toString())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
