package neuronlens.vis;

/**
 * Settings of one activation-maximization run. Two presets: {@link #seedPreset()} reproduces the
 * original notebook, {@link #naturalPreset()} (the default) gives clipped, regularized images with
 * recognisable strokes. The loss minimized is {@code -objective + l2·‖x‖² + tv·TV(x)}, with {@code
 * x} in {@link #space()} units; TV is the sum of squared differences between neighbouring pixels.
 *
 * @param objective what to raise; null means the layer's default ({@link Objective#defaultFor})
 * @param optimizer Adam or plain ascent
 * @param steps optimization steps, at least 1
 * @param learningRate step size, finite and positive
 * @param start the starting image
 * @param space rescaled [0, 1] or raw [0, 255] pixels
 * @param clip whether to clip to the valid range after every step
 * @param l2 weight of the L2 decay term, at least 0
 * @param tv weight of the total-variation term, at least 0
 * @param blurEvery apply a Gaussian blur every this many steps; 0 = never
 * @param blurSigma standard deviation of that blur in pixels
 * @param jitter each step, shift the image by up to this many pixels (seeded) before the pass
 * @param seed seeds the noise start and the jitter
 * @param frameEvery keep a copy of the images every this many steps for an animation; 0 = none
 */
public record AmConfig(
    Objective objective,
    Optimizer optimizer,
    int steps,
    double learningRate,
    StartImage start,
    PixelSpace space,
    boolean clip,
    double l2,
    double tv,
    int blurEvery,
    double blurSigma,
    int jitter,
    long seed,
    int frameEvery) {

  /** The seed used when none is given. */
  public static final long DEFAULT_SEED = 42L;

  /** Checks every value; a bad one is a caller's mistake. */
  public AmConfig {
    if (steps < 1) {
      throw new IllegalArgumentException("steps: expected >= 1, found " + steps);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate: expected a finite number > 0, found " + learningRate);
    }
    if (!(l2 >= 0) || !(tv >= 0) || Double.isInfinite(l2) || Double.isInfinite(tv)) {
      throw new IllegalArgumentException(
          "l2, tv: expected finite numbers >= 0, found " + l2 + ", " + tv);
    }
    if (blurEvery < 0 || (blurEvery > 0 && !(blurSigma > 0 && blurSigma < 28))) {
      throw new IllegalArgumentException(
          "blur: expected every >= 0 and 0 < sigma < 28, found " + blurEvery + ", " + blurSigma);
    }
    if (jitter < 0 || jitter > 14 || frameEvery < 0) {
      throw new IllegalArgumentException(
          "jitter 0..14 and frame interval >= 0 expected, found " + jitter + ", " + frameEvery);
    }
    if (optimizer == null || start == null || space == null) {
      throw new IllegalArgumentException("optimizer, start and space must be given");
    }
  }

  /**
   * The original notebook's procedure: N(0, 1) noise fed after the Rescaling layer, Adam with
   * learning rate 0.001, 4,000 steps, the post-ReLU activation as objective (for output units the
   * logit), no clipping and no regularizer.
   */
  public static AmConfig seedPreset() {
    return new AmConfig(
        Objective.POST_ACTIVATION,
        Optimizer.ADAM,
        4000,
        0.001,
        StartImage.NOISE,
        PixelSpace.RESCALED,
        false,
        0,
        0,
        0,
        0,
        0,
        DEFAULT_SEED,
        0);
  }

  /**
   * The default: a black start (as MNIST's background), Adam with learning rate 0.05 in rescaled
   * units, clipped to [0, 1] every step, L2 decay 0.5, total variation 0.5, a blur (σ 0.5) every 4
   * steps and jitter of up to 1 pixel; 500 steps; the layer's default objective.
   */
  public static AmConfig naturalPreset() {
    return new AmConfig(
        null,
        Optimizer.ADAM,
        500,
        0.05,
        StartImage.ZEROS,
        PixelSpace.RESCALED,
        true,
        0.5,
        0.5,
        4,
        0.5,
        1,
        DEFAULT_SEED,
        0);
  }

  /** The preset with this name ({@code seed} or {@code natural}), or null. */
  public static AmConfig preset(String name) {
    return switch (name) {
      case "seed" -> seedPreset();
      case "natural" -> naturalPreset();
      default -> null;
    };
  }

  /** The objective for a layer: the one given, else the layer's default. */
  public Objective objectiveFor(boolean outputLayer) {
    if (objective == null) {
      return Objective.defaultFor(outputLayer);
    }
    if (objective.forOutput() == outputLayer) {
      return objective;
    }
    // the presets name one objective; map post-ReLU to the logit and back as the seed would
    return outputLayer ? Objective.LOGIT : Objective.PRE_ACTIVATION;
  }

  /** A copy with other steps. */
  public AmConfig withSteps(int n) {
    return new AmConfig(
        objective,
        optimizer,
        n,
        learningRate,
        start,
        space,
        clip,
        l2,
        tv,
        blurEvery,
        blurSigma,
        jitter,
        seed,
        frameEvery);
  }
}
