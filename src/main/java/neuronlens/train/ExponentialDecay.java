package neuronlens.train;

/**
 * Keras' {@code ExponentialDecay} (not staircase): {@code lr(step) = initial · rate^(step /
 * decaySteps)}, evaluated at the optimizer's iteration count before each step. With {@code
 * decaySteps} = all steps the seed's rate falls from 0.01 at step 0 to just above 0.001 at the last
 * step.
 */
public record ExponentialDecay(double initial, long decaySteps, double rate) {

  public ExponentialDecay {
    if (decaySteps <= 0) {
      throw new IllegalArgumentException("decaySteps must be positive, found " + decaySteps);
    }
  }

  /** The learning rate for the step taken when {@code iterations} steps are already done. */
  public float at(long iterations) {
    return (float) (initial * Math.pow(rate, (double) iterations / decaySteps));
  }
}
