package neuronlens.serve;

import java.util.Map;
import neuronlens.vis.AmConfig;

/**
 * A validated activation-maximization request: which unit, which preset with which steps and
 * learning rate, how many frames to keep and how long to pause between streamed frames. Read from a
 * JSON body ({@code POST /api/maximize}) or a query ({@code GET /api/maximize/stream}); every value
 * is range-checked, a bad one is a 400.
 *
 * @param layer layer index
 * @param unit unit in that layer
 * @param preset {@code natural} or {@code seed}
 * @param config the settings, frames kept every {@code config.frameEvery()} steps
 * @param delayMs pause between streamed frames, so that the evolution can be watched
 */
record AmRequest(int layer, int unit, String preset, AmConfig config, int delayMs) {
  /** Most steps a request may ask for: bounds the work one request can cause. */
  static final int MAX_STEPS = 10_000;

  /** Most frames a request may ask for. */
  static final int MAX_FRAMES = 200;

  /** Parses {@code p} (string values by name) against {@code model}. */
  static AmRequest parse(ServeModel model, Map<String, String> p, int defaultDelay) {
    int l = model.layerIndex(p.getOrDefault("layer", "0"));
    int unit = model.unit(l, Text.integer("neuron", p.get("neuron")));
    String preset = p.getOrDefault("preset", "natural");
    AmConfig base = AmConfig.preset(preset);
    if (base == null) {
      throw ApiException.badRequest("preset: expected natural or seed, found " + Text.clip(preset));
    }
    long steps = p.containsKey("steps") ? Text.integer("steps", p.get("steps")) : base.steps();
    if (steps < 1 || steps > MAX_STEPS) {
      throw ApiException.badRequest("steps: expected 1.." + MAX_STEPS + ", found " + steps);
    }
    double lr = p.containsKey("lr") ? number("lr", p.get("lr")) : base.learningRate();
    if (!(lr > 0 && lr <= 10)) {
      throw ApiException.badRequest("lr: expected a number in (0, 10], found " + p.get("lr"));
    }
    long frames = p.containsKey("frames") ? Text.integer("frames", p.get("frames")) : 40;
    if (frames < 1 || frames > MAX_FRAMES) {
      throw ApiException.badRequest("frames: expected 1.." + MAX_FRAMES + ", found " + frames);
    }
    long delay =
        p.containsKey("delay_ms") ? Text.integer("delay_ms", p.get("delay_ms")) : defaultDelay;
    if (delay < 0 || delay > 500) {
      throw ApiException.badRequest("delay_ms: expected 0..500, found " + delay);
    }
    int every = (int) Math.max(1, steps / frames);
    AmConfig c =
        new AmConfig(
            base.objective(),
            base.optimizer(),
            (int) steps,
            lr,
            base.start(),
            base.space(),
            base.clip(),
            base.l2(),
            base.tv(),
            base.blurEvery(),
            base.blurSigma(),
            base.jitter(),
            base.seed(),
            every);
    return new AmRequest(l, unit, preset, c, (int) delay);
  }

  private static double number(String what, String s) {
    try {
      if (s != null && s.length() < 40) {
        return Double.parseDouble(s);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(what + ": expected a number, found " + Text.clip(s));
  }

  /** The step at which frame {@code f} was taken. */
  int frameStep(int f) {
    return Math.min(f * config.frameEvery(), config.steps());
  }
}
