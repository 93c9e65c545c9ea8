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
  @Option(names = "--preset", defaultValue = "natural", paramLabel = "NAME",
      description = "natural (default: clipped, regularized) or seed (the original notebook).")
  String preset;

  @Option(names = "--objective", paramLabel = "NAME",
      description = "pre or post (hidden units), logit or probability (output units).")
  String objective;

  @Option(names = "--optimizer", paramLabel = "NAME", description = "adam or ascent.")
  String optimizer;

  @Option(names = "--steps", paramLabel = "N", description = "Optimization steps.")
  Integer steps;

  @Option(names = "--learning-rate", paramLabel = "R", description = "Step size.")
  Double learningRate;

  @Option(names = "--start", paramLabel = "NAME", description = "noise, zeros, gray or mean.")
  String start;

  @Option(names = "--space", paramLabel = "NAME", description = "rescaled ([0,1]) or raw (0-255).")
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

  @Option(names = "--seed", paramLabel = "N", description = "Seed of noise and jitter (default 42).")
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
        throw new BadOptionException("--objective: expected "
            + (outputLayer ? "logit or probability for the output layer"
                : "pre or post for a hidden layer") + ", found " + objective);
      }
    }
    Optimizer opt = optimizer == null ? p.optimizer() : Optimizer.byId(optimizer);
    StartImage st = start == null ? p.start() : StartImage.byId(start);
    PixelSpace sp = space == null ? p.space() : PixelSpace.byId(space);
    if (opt == null || st == null || sp == null) {
      throw new BadOptionException("--optimizer/--start/--space: expected adam|ascent,"
          + " noise|zeros|gray|mean, rescaled|raw; found " + optimizer + ", " + start + ", "
          + space);
    }
    int n = steps == null ? p.steps() : steps;
    if (n < 1) {
      throw new BadOptionException("--steps: expected >= 1, found " + n);
    }
    double lr = learningRate == null ? p.learningRate() : learningRate;
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new BadOptionException("--learning-rate: expected a finite number > 0, found " + lr);
    }
    try {
      return new AmConfig(o, opt, n, lr, st, sp, clip == null ? p.clip() : clip,
          l2 == null ? p.l2() : l2, tv == null ? p.tv() : tv,
          blurEvery == null ? p.blurEvery() : blurEvery,
          blurSigma == null ? (p.blurSigma() > 0 ? p.blurSigma() : 0.5) : blurSigma,
          jitter == null ? p.jitter() : jitter, seed == null ? p.seed() : seed, frameEvery);
    } catch (IllegalArgumentException e) {
      throw new BadOptionException(e.getMessage());
    }
  }
}
