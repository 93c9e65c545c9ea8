package neuronlens.nn;

import static neuronlens.tensor.AllClose.assertBitEqual;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import neuronlens.tensor.Kernels;
import neuronlens.tensor.ScalarKernels;
import neuronlens.tensor.VectorKernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sparse first-layer path ({@link Forward#loadBytes}) against the dense one ({@link
 * Forward#input()} filled by hand, then {@link Forward#setRows}): the dense kernels skip zero
 * inputs and the sparse ones visit the non-zeros in the same order, so activations and gradients
 * must be bit-identical, not just close. Also checks that {@code order} and {@code first} pick the
 * right images and labels.
 */
class SparseInputPathTest {

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector"})
  void sparseAndDenseInputGiveIdenticalForwardAndBackward(String which) {
    Kernels k = which.equals("scalar") ? new ScalarKernels() : new VectorKernels();
    Mlp mlp = GradientCheckTest.model(new int[] {16, 8}, 10, 21);
    int count = 9;
    byte[] images = GradientCheckTest.images(count, 22);
    Arrays.fill(images, 2 * Mlp.INPUTS, 3 * Mlp.INPUTS, (byte) 0); // an all-black image
    byte[] labels = GradientCheckTest.labels(count, 10, 23);
    int[] order = {8, 2, 5, 0, 7, 1, 3, 6, 4};
    int first = 2;
    int rows = 6;

    Forward sparse = new Forward(mlp, 7);
    sparse.loadBytes(images, order, first, rows);
    assertThat(sparse.sparse()).isTrue();
    sparse.run(k);
    Backward sb = new Backward(sparse);
    sb.run(k, labels, order, first);

    Forward dense = new Forward(mlp, 7);
    float[] in = dense.input();
    for (int r = 0; r < rows; r++) {
      int img = order[first + r];
      for (int i = 0; i < Mlp.INPUTS; i++) {
        in[r * Mlp.INPUTS + i] = (images[img * Mlp.INPUTS + i] & 0xff) * Mlp.RESCALE;
      }
    }
    dense.setRows(rows);
    assertThat(dense.sparse()).isFalse();
    dense.run(k);
    Backward db = new Backward(dense);
    // Labels laid out in batch order, so the dense run needs no order array.
    byte[] batchLabels = new byte[rows];
    for (int r = 0; r < rows; r++) {
      batchLabels[r] = labels[order[first + r]];
    }
    db.run(k, batchLabels, null, 0);

    assertThat(sparse.rows()).isEqualTo(dense.rows()).isEqualTo(rows);
    assertBitEqual(
        "rescaled input",
        Arrays.copyOf(dense.input(), rows * Mlp.INPUTS),
        Arrays.copyOf(sparse.input(), rows * Mlp.INPUTS));
    for (int l = 0; l < mlp.layers().size(); l++) {
      int n = rows * mlp.layers().get(l).units();
      assertBitEqual(
          k.name() + " z(" + l + ")", Arrays.copyOf(dense.z(l), n), Arrays.copyOf(sparse.z(l), n));
      assertBitEqual(
          k.name() + " a(" + l + ")", Arrays.copyOf(dense.a(l), n), Arrays.copyOf(sparse.a(l), n));
    }
    for (int v = 0; v < sb.grads().length; v++) {
      assertBitEqual(k.name() + " gradient " + v, db.grads()[v], sb.grads()[v]);
    }
  }
}
