package neuronlens.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Helpers of {@link VectorKernels}' stencils on 28 × 28 images (activation maximization's
 * total-variation gradient and Gaussian blur): the masks of pixels with a left and a right
 * neighbour, and one pass of a separable convolution.
 */
final class VectorStencils {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorStencils() {}

  // the images of activation maximization (28 × 28): whether each pixel has a left and a right
  // neighbour in its row
  static final int TV_SIDE = 28;
  static final boolean[] HAS_LEFT = new boolean[TV_SIDE * TV_SIDE];
  static final boolean[] HAS_RIGHT = new boolean[TV_SIDE * TV_SIDE];

  static {
    for (int p = 0; p < TV_SIDE * TV_SIDE; p++) {
      HAS_LEFT[p] = p % TV_SIDE != 0;
      HAS_RIGHT[p] = p % TV_SIDE != TV_SIDE - 1;
    }
  }

  /**
   * {@code out[outAt + j] = +0 + kernel[0] · src[at + j - radius · stride] + ... + kernel[2 radius]
   * · src[at + j + radius · stride]} for {@code j < n}, the taps added in that order.
   */
  static void convolve(
      float[] src, int at, int stride, int n, float[] kernel, float[] out, int outAt) {
    int radius = kernel.length / 2;
    int j = 0;
    for (; j + L <= n; j += L) {
      FloatVector acc = FloatVector.zero(S);
      for (int t = -radius; t <= radius; t++) {
        acc = acc.add(FloatVector.fromArray(S, src, at + j + t * stride).mul(kernel[t + radius]));
      }
      acc.intoArray(out, outAt + j);
    }
    for (; j < n; j++) {
      float acc = 0f;
      for (int t = -radius; t <= radius; t++) {
        acc += kernel[t + radius] * src[at + j + t * stride];
      }
      out[outAt + j] = acc;
    }
  }
}
