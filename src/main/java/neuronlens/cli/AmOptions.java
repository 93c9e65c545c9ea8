package neuronlens.cli;

import neuronlens.BadOptionException;
import neuronlens.vis.AmConfig;
import neuronlens.vis.Objective;
import neuronlens.vis.Optimizer;
import neuronlens.vis.PixelSpace;
import neuronlens.vis.StartImage;
import picocli.CommandLine.Option;

/** Activation-maximization settings: a preset, and any value of it overridden. */
final class AmOptions {
  /** Most optimization steps: the objective's trace keeps a value per step and unit. */
  static final int MAX_STEPS = 1_000_000;

  @Option(
      names = "--preset",
      defaultValue = "natural",
      completionCandidates = Names.Presets.class,
      paramLabel = "PRESET",
      description = "natural (default: clipped, regularized) or seed (the original notebook).")
  String preset;

  @Option(
      names = "--objective",
      completionCandidates = Names.Objectives.class,
      paramLabel = "OBJECTIVE",
      description = "pre or post (hidden units), logit or probability (output units).")
  String objective;

  @Option(
      names = "--optimizer",
      completionCandidates = Names.Optimizers.class,
      paramLabel = "OPTIMIZER",
      description = "adam or ascent.")
  String optimizer;

  @Option(names = "--steps", paramLabel = "N", description = "Optimization steps.")
  Integer steps;

  @Option(names = "--learning-rate", paramLabel = "R", description = "Step size.")
  Double learningRate;

  @Option(
      names = "--start",
      completionCandidates = Names.Starts.class,
      paramLabel = "START",
      description = "noise, zeros, gray or mean.")
  String start;

  @Option(
      names = "--space",
      completionCandidates = Names.Spaces.class,
      paramLabel = "SPACE",
      description = "rescaled ([0,1]) or raw (0-255).")
  String space;

  @Option(names = "--clip", negatable = true, description = "Clip to the valid pixel range.")
  Boolean clip;

  @Option(names = "--l2", paramLabel = "W", description = "L2 decay weight.")
  Double l2;

  @Option(names = "--tv", paramLabel = "W", description = "Total-variation weight.")
  Double tv;

  @Option(names = "--blur-every", paramLabel = "K", description = "Blur every K steps (0: never).")
  Integer blurEvery;

  @Option(names = "--blur-sigma", paramLabel = "S", description = "Blur sigma in pixels.")
  Double blurSigma;

  @Option(names = "--jitter", paramLabel = "J", description = "Random shift of up to J pixels.")
  Integer jitter;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of noise and jitter (default 42).")
  Long seed;

  /** The validated settings; {@code frameEvery} > 0 keeps frames for a GIF. */
  AmConfig config(boolean outputLayer, int frameEvery) {
    AmConfig p = AmConfig.preset(preset);
    if (p == null) {
      throw new BadOptionException("--preset: expected natural or seed, found " + preset);
    }
    Objective o = p.objective();
    if (objective != null) {
      o = Objective.byId(objective);
      if (o == null || o.forOutput() != outputLayer) {
        throw new BadOptionException(
            "--objective: expected "
                + (outputLayer
                    ? "logit or probability for the output layer"
                    : "pre or post for a hidden layer")
                + ", found "
                + objective);
      }
    }
    Optimizer opt =
        optimizer == null
            ? p.optimizer()
            : known("--optimizer", Optimizer.byId(optimizer), optimizer, "adam or ascent");
    StartImage st =
        start == null
            ? p.start()
            : known("--start", StartImage.byId(start), start, "noise, zeros, gray or mean");
    PixelSpace sp =
        space == null
            ? p.space()
            : known("--space", PixelSpace.byId(space), space, "rescaled or raw");
    int n = steps == null ? p.steps() : steps;
    if (n < 1 || n > MAX_STEPS) {
      throw new BadOptionException("--steps: expected 1.." + MAX_STEPS + ", found " + n);
    }
    double lr = learningRate == null ? p.learningRate() : learningRate;
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new BadOptionException("--learning-rate: expected a finite number > 0, found " + lr);
    }
    double l2w = weight("--l2", l2 == null ? p.l2() : l2);
    double tvw = weight("--tv", tv == null ? p.tv() : tv);
    int every = blurEvery == null ? p.blurEvery() : blurEvery;
    if (every < 0) {
      throw new BadOptionException("--blur-every: expected >= 0 (0: never), found " + every);
    }
    double sigma = blurSigma == null ? (p.blurSigma() > 0 ? p.blurSigma() : 0.5) : blurSigma;
    if (every > 0 && !(sigma > 0 && sigma < 28)) {
      throw new BadOptionException(
          "--blur-sigma: expected a number in (0, 28) pixels, found " + sigma);
    }
    int j = jitter == null ? p.jitter() : jitter;
    if (j < 0 || j > 14) {
      throw new BadOptionException("--jitter: expected 0..14 pixels, found " + j);
    }
    return new AmConfig(
        o,
        opt,
        n,
        lr,
        st,
        sp,
        clip == null ? p.clip() : clip,
        l2w,
        tvw,
        every,
        sigma,
        j,
        seed == null ? p.seed() : seed,
        frameEvery);
  }

  private static <T> T known(String option, T value, String found, String expected) {
    if (value == null) {
      throw new BadOptionException(option + ": expected " + expected + ", found " + found);
    }
    return value;
  }

  private static double weight(String option, double w) {
    if (!(w >= 0) || Double.isInfinite(w)) {
      throw new BadOptionException(option + ": expected a finite number >= 0, found " + w);
    }
    return w;
  }
}
