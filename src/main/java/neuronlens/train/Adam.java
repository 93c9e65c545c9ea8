package neuronlens.train;

import java.util.List;
import neuronlens.tensor.Kernels;

/**
 * Keras 3's Adam: with {@code t = iterations + 1}, {@code alpha = lr · √(1 - β2ᵗ) / (1 - β1ᵗ)},
 * then per value {@code m += (g - m)(1 - β1)}, {@code v += (g² - v)(1 - β2)}, {@code p -= alpha · m
 * / (√v + ε)}. The learning rate comes from the schedule at the current iteration count.
 */
public final class Adam {
  private final ExponentialDecay schedule;
  private final float beta1;
  private final float beta2;
  private final float oneMinusBeta1;
  private final float oneMinusBeta2;
  private final float epsilon;

  public Adam(ExponentialDecay schedule, double beta1, double beta2, double epsilon) {
    this.schedule = schedule;
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.oneMinusBeta1 = (float) (1 - beta1);
    this.oneMinusBeta2 = (float) (1 - beta2);
    this.epsilon = (float) epsilon;
  }

  /** The step size after bias correction for the step following {@code iterations}. */
  public float alpha(long iterations) {
    long t = iterations + 1;
    // in float32, as Keras computes it: β^t of the float β, then lr·√(1 - β2^t)/(1 - β1^t)
    float b1 = (float) Math.pow(beta1, t);
    float b2 = (float) Math.pow(beta2, t);
    return schedule.at(iterations) * (float) Math.sqrt(1f - b2) / (1f - b1);
  }

  /** {@code 1 - β1} as Keras rounds it (computed in double, then float). */
  public float oneMinusBeta1() {
    return oneMinusBeta1;
  }

  /** {@code 1 - β2} as Keras rounds it. */
  public float oneMinusBeta2() {
    return oneMinusBeta2;
  }

  public float epsilon() {
    return epsilon;
  }

  /** Applies one step to {@code variables} with {@code grads} and advances the state. */
  public void step(Kernels k, List<float[]> variables, float[][] grads, AdamState state) {
    float alpha = alpha(state.iterations());
    for (int i = 0; i < grads.length; i++) {
      float[] p = variables.get(i);
      k.adam(
          p.length,
          p,
          grads[i],
          state.m()[i],
          state.v()[i],
          alpha,
          oneMinusBeta1,
          oneMinusBeta2,
          epsilon);
    }
    state.increment();
  }
}
