package neuronlens.cli;

import neuronlens.BadOptionException;
import neuronlens.train.TrainConfig;
import picocli.CommandLine.Option;

/** Training hyperparameters as options; defaults are the seed's (see {@link TrainConfig}). */
final class TrainOptions {
  @Option(
      names = "--hidden",
      split = ",",
      paramLabel = "N[,N...]",
      hideParamSyntax = true,
      defaultValue = "128",
      description = "Hidden layer sizes, e.g. 128 or 256,128 (default: ${DEFAULT-VALUE}).")
  int[] hidden;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      defaultValue = "10",
      description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "50",
      description = "Images per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--learning-rate",
      paramLabel = "R",
      defaultValue = "0.01",
      description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--decay-rate",
      paramLabel = "R",
      defaultValue = "0.1",
      description = "Factor the rate falls by over the decay steps (default: ${DEFAULT-VALUE}).")
  double decayRate;

  @Option(
      names = "--decay-steps",
      paramLabel = "N",
      defaultValue = "0",
      description = "Steps over which the rate falls by the decay rate; 0 = all steps (default).")
  long decaySteps;

  @Option(
      names = "--beta1",
      paramLabel = "B",
      defaultValue = "0.9",
      description = "Adam β1 (default: ${DEFAULT-VALUE}).")
  double beta1;

  @Option(
      names = "--beta2",
      paramLabel = "B",
      defaultValue = "0.999",
      description = "Adam β2 (default: ${DEFAULT-VALUE}).")
  double beta2;

  @Option(
      names = "--epsilon",
      paramLabel = "E",
      defaultValue = "1e-7",
      description = "Adam ε (default: ${DEFAULT-VALUE}).")
  double epsilon;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "Seed of the initial weights and the shuffles (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--threads",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Training threads, 0 = one per core up to 2 (default); results do not depend on it.")
  int threads;

  /** The validated configuration. */
  TrainConfig config() {
    if (threads < 0 || threads > 1024) {
      throw new BadOptionException("--threads: expected 0..1024 (0 = automatic), found " + threads);
    }
    int t = threads == 0 ? Math.min(2, Runtime.getRuntime().availableProcessors()) : threads;
    return new TrainConfig(
        hidden == null ? new int[0] : hidden,
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
}
