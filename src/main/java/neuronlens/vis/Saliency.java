package neuronlens.vis;

import java.util.SplittableRandom;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;

/**
 * Saliency maps: the gradient of a class's score with respect to the input pixels (Simonyan et al.
 * 2014), and SmoothGrad (Smilkov et al. 2017), its average over {@code samples} copies of the image
 * with Gaussian noise of standard deviation {@code sigma} (rescaled units) added, seeded. Gradients
 * are with respect to the rescaled input.
 */
public final class Saliency {
  /** SmoothGrad's default sample count. */
  public static final int SAMPLES = 50;

  /** SmoothGrad's default noise: 15% of the [0, 1] pixel range, as the paper suggests. */
  public static final double SIGMA = 0.15;

  private Saliency() {}

  /** Gradient of class {@code cls}'s score ({@code objective}) at {@code raw} (784, 0–255). */
  public static float[] gradient(Mlp mlp, float[] raw, int cls, Objective objective, Kernels k) {
    InputGradient ig = new InputGradient(mlp, mlp.layers().size() - 1, new int[] {cls}, objective);
    float[] x = new float[Mlp.INPUTS];
    for (int i = 0; i < Mlp.INPUTS; i++) {
      x[i] = raw[i] * Mlp.RESCALE;
    }
    float[] g = new float[Mlp.INPUTS];
    ig.compute(k, x, new float[1], g);
    return g;
  }

  /** SmoothGrad of class {@code cls} at {@code raw}, all samples in one batch. */
  public static float[] smoothGrad(
      Mlp mlp,
      float[] raw,
      int cls,
      Objective objective,
      int samples,
      double sigma,
      long seed,
      Kernels k) {
    int[] units = new int[samples];
    java.util.Arrays.fill(units, cls);
    InputGradient ig = new InputGradient(mlp, mlp.layers().size() - 1, units, objective);
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[samples * Mlp.INPUTS];
    for (int s = 0; s < samples; s++) {
      for (int i = 0; i < Mlp.INPUTS; i++) {
        x[s * Mlp.INPUTS + i] =
            (float) (raw[i] * Mlp.RESCALE + sigma * ActivationMaximizer.nextGaussian(rng));
      }
    }
    float[] g = new float[x.length];
    ig.compute(k, x, new float[samples], g);
    float[] mean = new float[Mlp.INPUTS];
    for (int s = 0; s < samples; s++) {
      k.axpy(Mlp.INPUTS, 1f / samples, g, s * Mlp.INPUTS, mean, 0);
    }
    return mean;
  }
}
