package neuronlens.cli;

import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.vis.ActivationMaximizer;
import neuronlens.vis.AmConfig;
import neuronlens.vis.Gallery;

/**
 * Starts the JIT compiler's work while the data loads. A daemon thread runs a short activation
 * maximization (the {@code natural} preset, {@value #STEPS} steps, {@value #OUTPUT_UNITS} output
 * and {@value #HIDDEN_UNITS} hidden units) of a throwaway network, on the core that loading leaves
 * idle: the Vector API's classes initialize and the vector kernels reach the compiler there,
 * instead of on the way of the first epoch and of the analysis after training. Its network, seed
 * and buffers are its own; kernels keep no state across calls, so nothing it does reaches a result.
 */
final class JitWarmup {
  static final int STEPS = 30;
  static final int OUTPUT_UNITS = 5;
  static final int HIDDEN_UNITS = 8;

  private JitWarmup() {}

  /** Starts the warm-up and returns its thread (a daemon: it never holds up the exit). */
  static Thread start() {
    Thread t = new Thread(JitWarmup::run, "neuronlens-jit-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return t;
  }

  static void run() {
    Mlp mlp = Mlp.glorot(new int[] {128}, 10, 1L);
    ActivationMaximizer am = new ActivationMaximizer(mlp, Kernels.get(), 1);
    AmConfig c = AmConfig.naturalPreset().withSteps(STEPS);
    am.run(1, Gallery.all(OUTPUT_UNITS), c, null);
    am.run(0, Gallery.all(HIDDEN_UNITS), c, null);
  }
}
