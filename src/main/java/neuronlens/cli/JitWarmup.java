package neuronlens.cli;

import neuronlens.vis.Warmup;

/**
 * Starts the JIT compiler's work while the data loads: a daemon thread runs {@link Warmup} (a small
 * activation maximization of a throwaway network) on the core that loading leaves idle, so that the
 * Vector API initializes and the kernels reach the compiler there, instead of on the way of the
 * first epoch and of the analysis after training. Nothing it does reaches a result.
 */
final class JitWarmup {
  private JitWarmup() {}

  /** Starts the warm-up on a daemon thread: it never holds up the exit. */
  static void start() {
    Thread t = new Thread(Warmup::run, "neuronlens-jit-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }
}
