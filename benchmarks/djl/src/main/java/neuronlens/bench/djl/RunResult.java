package neuronlens.bench.djl;

/**
 * One timed training run.
 *
 * @param seconds wall time of the training call alone (data loading and warm-up excluded)
 * @param steps optimizer steps taken
 * @param testAccuracy accuracy on the 10,000 test images after training
 */
record RunResult(double seconds, long steps, double testAccuracy) {

  /** Milliseconds per optimizer step. */
  double msPerStep() {
    return steps == 0 ? 0 : seconds * 1000 / steps;
  }
}
