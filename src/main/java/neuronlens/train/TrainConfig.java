package neuronlens.train;

import java.util.Arrays;
import neuronlens.BadOptionException;
import neuronlens.nn.Mlp;

/**
 * Everything that decides a training run, defaulting to the seed's: one hidden layer of 128, batch
 * 50, 10 epochs, Adam (β1 0.9, β2 0.999, ε 1e-7) with the learning rate decayed exponentially from
 * 0.01 by a factor of 0.1 over all steps, seed 42.
 *
 * @param hidden hidden layer sizes ({@code dense}, {@code dense_1}, ...)
 * @param epochs passes over the training split
 * @param batchSize images per step; the last batch of an epoch may be smaller
 * @param learningRate initial learning rate of the exponential decay
 * @param decayRate factor by which the rate falls over {@code decaySteps}
 * @param decaySteps steps over which the rate falls by {@code decayRate}; 0 means all steps
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's ε, added to √v as Keras does
 * @param seed the only source of randomness: initial weights and the order of every epoch
 * @param threads worker threads; results do not depend on it
 */
public record TrainConfig(
    int[] hidden,
    int epochs,
    int batchSize,
    double learningRate,
    double decayRate,
    long decaySteps,
    double beta1,
    double beta2,
    double epsilon,
    long seed,
    int threads) {

  /**
   * Most values in one kernel or one batch's activations of a layer: the most a weights file may
   * hold per dataset, and far below Java's array limit, so sizes never overflow an index.
   */
  public static final long MAX_VALUES = 1L << 26;

  /** The default seed, documented in the README. */
  public static final long DEFAULT_SEED = 42;

  /** Checks every value; the message names the option to fix. */
  public TrainConfig {
    hidden = hidden.clone();
    if (hidden.length == 0) {
      throw new BadOptionException("--hidden: expected at least one size, found none");
    }
    for (int h : hidden) {
      if (h <= 0 || h > 65536) {
        throw new BadOptionException("--hidden: expected sizes in 1..65536, found " + h);
      }
    }
    positive("--epochs", epochs, 100000);
    positive("--batch-size", batchSize, 1 << 16); // a batch row takes 16 bits (ByPixel)
    fitsInArrays(hidden, batchSize);
    positive("--threads", threads, 1024);
    finitePositive("--learning-rate", learningRate);
    finitePositive("--decay-rate", decayRate);
    if (decaySteps < 0) {
      throw new BadOptionException(
          "--decay-steps: expected >= 0 (0 = all steps), found " + decaySteps);
    }
    unit("--beta1", beta1);
    unit("--beta2", beta2);
    finitePositive("--epsilon", epsilon);
  }

  /** The seed's configuration. */
  public static TrainConfig defaults() {
    return new TrainConfig(
        new int[] {128}, 10, 50, 0.01, 0.1, 0, 0.9, 0.999, 1e-7, DEFAULT_SEED, 1);
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /** Steps in one epoch over {@code trainCount} images. */
  public long stepsPerEpoch(int trainCount) {
    return (trainCount + batchSize - 1) / batchSize;
  }

  /** The schedule over {@code totalSteps} steps (used when {@code decaySteps} is 0). */
  public ExponentialDecay schedule(long totalSteps) {
    return new ExponentialDecay(learningRate, decaySteps == 0 ? totalSteps : decaySteps, decayRate);
  }

  public TrainConfig withSeed(long s) {
    return new TrainConfig(
        hidden,
        epochs,
        batchSize,
        learningRate,
        decayRate,
        decaySteps,
        beta1,
        beta2,
        epsilon,
        s,
        threads);
  }

  public TrainConfig withThreads(int t) {
    return new TrainConfig(
        hidden,
        epochs,
        batchSize,
        learningRate,
        decayRate,
        decaySteps,
        beta1,
        beta2,
        epsilon,
        seed,
        t);
  }

  public TrainConfig withEpochs(int e) {
    return new TrainConfig(
        hidden,
        e,
        batchSize,
        learningRate,
        decayRate,
        decaySteps,
        beta1,
        beta2,
        epsilon,
        seed,
        threads);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainConfig c
        && Arrays.equals(hidden, c.hidden)
        && epochs == c.epochs
        && batchSize == c.batchSize
        && learningRate == c.learningRate
        && decayRate == c.decayRate
        && decaySteps == c.decaySteps
        && beta1 == c.beta1
        && beta2 == c.beta2
        && epsilon == c.epsilon
        && seed == c.seed
        && threads == c.threads;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hidden) * 31 + Long.hashCode(seed);
  }

  @Override
  public String toString() {
    return "TrainConfig[hidden="
        + Arrays.toString(hidden)
        + ", epochs="
        + epochs
        + ", batch="
        + batchSize
        + ", lr="
        + learningRate
        + ", decayRate="
        + decayRate
        + ", seed="
        + seed
        + ", threads="
        + threads
        + "]";
  }

  private static void positive(String option, long value, long max) {
    if (value <= 0 || value > max) {
      throw new BadOptionException(option + ": expected 1.." + max + ", found " + value);
    }
  }

  /** Each kernel, and a batch of each layer's activations, must fit {@link #MAX_VALUES}. */
  private static void fitsInArrays(int[] hidden, int batchSize) {
    long in = Mlp.INPUTS;
    long widest = in;
    for (int i = 0; i <= hidden.length; i++) {
      long out = i < hidden.length ? hidden[i] : 10;
      if (in * out > MAX_VALUES) {
        throw new BadOptionException(
            "--hidden: expected at most "
                + MAX_VALUES
                + " weights per layer, found "
                + in
                + " x "
                + out
                + " = "
                + in * out);
      }
      widest = Math.max(widest, out);
      in = out;
    }
    if (batchSize * widest > MAX_VALUES) {
      throw new BadOptionException(
          "--batch-size: expected batch x widest layer <= "
              + MAX_VALUES
              + ", found "
              + batchSize
              + " x "
              + widest
              + " = "
              + batchSize * widest);
    }
  }

  private static void finitePositive(String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new BadOptionException(option + ": expected a finite number > 0, found " + value);
    }
  }

  private static void unit(String option, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new BadOptionException(option + ": expected a number in [0, 1), found " + value);
    }
  }
}
