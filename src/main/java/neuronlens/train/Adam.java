package neuronlens.train;

import java.util.List;
import neuronlens.tensor.Kernels;

/**
 * Keras 3's Adam: with {@code t = iterations + 1}, {@code alpha = lr · √(1 - β2ᵗ) / (1 - β1ᵗ)},
 * then per value {@code m += (g - m)(1 - β1)}, {@code v += (g² - v)(1 - β2)}, {@code p -= alpha ·
 * m / (√v + ε)}. The learning rate comes from the schedule at the current iteration count.
 */
public final class Adam {
  private final ExponentialDecay schedule;
  private final float beta1;
  private final float beta2;
  private final float epsilon;

  public Adam(ExponentialDecay schedule, double beta1, double beta2, double epsilon) {
    this.schedule = schedule;
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
  }

  /** The step size after bias correction for the step following {@code iterations}. */
  public float alpha(long iterations) {
    long t = iterations + 1;
    double b1 = Math.pow(beta1, t);
    double b2 = Math.pow(beta2, t);
    return (float) (schedule.at(iterations) * Math.sqrt(1 - b2) / (1 - b1));
  }

  /** Applies one step to {@code variables} with {@code grads} and advances the state. */
  public void step(Kernels k, List<float[]> variables, float[][] grads, AdamState state) {
    float alpha = alpha(state.iterations());
    for (int i = 0; i < grads.length; i++) {
      float[] p = variables.get(i);
      k.adam(p.length, p, grads[i], state.m()[i], state.v()[i], alpha, beta1, beta2, epsilon);
    }
    state.increment();
  }
}
