package neuronlens.bench.djl;

/**
 * The command line of {@link Compare}.
 *
 * @param epochs passes over the training split per run
 * @param runs timed runs of each contender; the median is reported
 * @param warmup untimed runs of each contender before the timed ones (the JIT compiler's, and
 *     libtorch's, first-use costs)
 * @param json print one JSON object instead of the table
 * @param easyTrain also time DJL's Trainer API ({@code EasyTrain.fit})
 * @param amSteps Adam steps of the activation-maximisation timing (0 skips it)
 */
record Options(
    int epochs, int runs, int warmup, boolean json, boolean easyTrain, int amSteps) {

  static final String USAGE = """
      usage: Compare [--epochs N] [--runs N] [--warmup N] [--json] [--no-easy-train] [--am-steps N]
        --epochs N       epochs per training run (default 10)
        --runs N         timed runs of each contender, the median is reported (default 3)
        --warmup N       untimed runs of each contender before the timed ones (default 1)
        --json           print one JSON object instead of a table
        --no-easy-train  skip the DJL Trainer API (EasyTrain) contender
        --am-steps N     Adam steps of the DJL activation-maximisation timing (default 4000, 0 skips)
      """;

  static Options parse(String[] args) {
    int epochs = 10;
    int runs = 3;
    int warmup = 1;
    boolean json = false;
    boolean easy = true;
    int amSteps = 4000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--epochs" -> epochs = positive(args, ++i, 1);
        case "--runs" -> runs = positive(args, ++i, 1);
        case "--warmup" -> warmup = positive(args, ++i, 0);
        case "--am-steps" -> amSteps = positive(args, ++i, 0);
        case "--json" -> json = true;
        case "--no-easy-train" -> easy = false;
        case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
    }
    return new Options(epochs, runs, warmup, json, easy, amSteps);
  }

  private static int positive(String[] args, int i, int min) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + ": expected a number\n" + USAGE);
    }
    try {
      int v = Integer.parseInt(args[i]);
      if (v < min) {
        throw new IllegalArgumentException(args[i - 1] + ": expected >= " + min + ", found " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(args[i - 1] + ": expected a number, found " + args[i]);
    }
  }
}
