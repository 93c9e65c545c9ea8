package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import neuronlens.tensor.Kernels;
import neuronlens.tensor.ScalarKernels;
import neuronlens.tensor.VectorKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image operations of activation maximization, the scalar and the vector kernels of the total
 * variation's gradient and of the blur among them, against the plain loops that define them (kept
 * here as the reference: the fast versions must give the same floats, bit for bit) and against
 * their mathematics: the TV gradient is the derivative of {@link ImageOps#tv}.
 */
class ImageOpsTest {
  private static final int S = ImageOps.SIDE;
  private static final int P = ImageOps.PIXELS;

  private static Kernels kernels(String which) {
    return which.equals("scalar") ? new ScalarKernels() : new VectorKernels();
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector"})
  void tvGradientEqualsThePairByPairLoopBitForBit(String which) {
    float[] x = random(3, 1);
    float[] g = random(3, 2);
    x[P + 40] = -0f; // signed zeros and a constant patch: differences of 0 and -0
    g[P + 41] = -0f;
    java.util.Arrays.fill(x, 2 * P + 300, 2 * P + 340, 0.25f);
    float[] expected = g.clone();
    referenceTvGradient(3, x, 0.37f, expected);
    kernels(which).addTvGradient(3, S, x, 0.37f, g);
    assertThat(g).containsExactly(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector"})
  void tvGradientIsTheDerivativeOfTv(String which) {
    float[] x = random(1, 3);
    float[] g = new float[P];
    kernels(which).addTvGradient(1, S, x, 1f, g);
    for (int i : new int[] {0, 27, 28, 29, 400, 755, 783}) {
      double h = 1e-2;
      float[] plus = x.clone();
      float[] minus = x.clone();
      plus[i] += (float) h;
      minus[i] -= (float) h;
      double numeric = (ImageOps.tv(plus, 0) - ImageOps.tv(minus, 0)) / (plus[i] - minus[i]);
      assertThat((double) g[i]).as("pixel %d", i).isCloseTo(numeric, within(1e-3));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector"})
  void blurEqualsTheTapByTapLoopBitForBit(String which) {
    for (double sigma : new double[] {0.5, 1.0, 2.0, 0.2, 10.0}) {
      float[] kernel = ImageOps.gaussian(sigma);
      float[] x = random(2, 4);
      x[P + 5] = -0f;
      float[] expected = x.clone();
      referenceBlur(2, expected, kernel, new float[P]);
      // scratch left dirty by an earlier call: nothing may depend on what it holds
      float[] tmp = random(1, 9);
      tmp = java.util.Arrays.copyOf(tmp, Kernels.blurScratch(S, kernel.length));
      kernels(which).blur(2, S, x, kernel, tmp);
      assertThat(x).as("sigma %s", sigma).containsExactly(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scalar", "vector"})
  void blurKeepsAConstantImageAndSpreadsAPoint(String which) {
    Kernels k = kernels(which);
    float[] kernel = ImageOps.gaussian(1.0);
    float[] tmp = new float[Kernels.blurScratch(S, kernel.length)];
    float[] flat = new float[P];
    java.util.Arrays.fill(flat, 7f);
    k.blur(1, S, flat, kernel, tmp);
    for (float v : flat) {
      assertThat(v).isCloseTo(7f, within(1e-5f));
    }
    float[] point = new float[P];
    point[14 * S + 14] = 1f;
    k.blur(1, S, point, kernel, tmp);
    // away from the borders the blurred point is the outer product of the kernel with itself
    int radius = kernel.length / 2;
    for (int dy = -radius; dy <= radius; dy++) {
      for (int dx = -radius; dx <= radius; dx++) {
        assertThat(point[(14 + dy) * S + 14 + dx])
            .isCloseTo(kernel[dy + radius] * kernel[dx + radius], within(1e-7f));
      }
    }
  }

  @Test
  void rollMovesEveryPixelWithWrapAroundAndRollingBackUndoesIt() {
    float[] x = random(2, 5);
    for (int[] d : new int[][] {{0, 0}, {1, -1}, {-2, 2}, {27, 1}, {-29, 30}}) {
      float[] rolled = new float[2 * P];
      ImageOps.roll(x, rolled, 1, d[0], d[1]);
      for (int y = 0; y < S; y++) {
        for (int c = 0; c < S; c++) {
          int to = P + Math.floorMod(y + d[0], S) * S + Math.floorMod(c + d[1], S);
          assertThat(rolled[to]).isEqualTo(x[P + y * S + c]);
        }
      }
      float[] back = new float[2 * P];
      ImageOps.roll(rolled, back, 1, -d[0], -d[1]);
      for (int i = P; i < 2 * P; i++) {
        assertThat(back[i]).isEqualTo(x[i]);
      }
      for (int i = 0; i < P; i++) {
        assertThat(rolled[i]).as("image 0 untouched").isZero();
      }
    }
  }

  private static float[] random(int rows, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[rows * P];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble(-1, 1);
    }
    return x;
  }

  /** TV gradient as first written: each pair updates both of its pixels in place. */
  private static void referenceTvGradient(int rows, float[] x, float weight, float[] g) {
    float w2 = 2f * weight;
    for (int r = 0; r < rows; r++) {
      int o = r * P;
      for (int y = 0; y < S; y++) {
        for (int c = 0; c < S; c++) {
          int i = o + y * S + c;
          if (c + 1 < S) {
            float d = w2 * (x[i] - x[i + 1]);
            g[i] += d;
            g[i + 1] -= d;
          }
          if (y + 1 < S) {
            float d = w2 * (x[i] - x[i + S]);
            g[i] += d;
            g[i + S] -= d;
          }
        }
      }
    }
  }

  /** Blur as first written: every output pixel sums its clamped taps, one pass then the other. */
  private static void referenceBlur(int rows, float[] x, float[] kernel, float[] tmp) {
    int radius = kernel.length / 2;
    for (int r = 0; r < rows; r++) {
      int o = r * P;
      for (int pass = 0; pass < 2; pass++) {
        for (int y = 0; y < S; y++) {
          for (int c = 0; c < S; c++) {
            float s = 0f;
            for (int t = -radius; t <= radius; t++) {
              int yy = pass == 0 ? y : Math.max(0, Math.min(S - 1, y + t));
              int cc = pass == 0 ? Math.max(0, Math.min(S - 1, c + t)) : c;
              s += kernel[t + radius] * x[o + yy * S + cc];
            }
            tmp[y * S + c] = s;
          }
        }
        System.arraycopy(tmp, 0, x, o, P);
      }
    }
  }
}
