package neuronlens.cli;

import neuronlens.vis.Warmup;

/**
 * Starts the JIT compiler's work while the data loads: a daemon thread runs {@link Warmup} (a small
 * activation maximization of a throwaway network and a few figures drawn and encoded) on the core
 * that loading leaves idle, so that the Vector API and Java2D initialize and the kernels and the
 * drawing code reach the compiler there, instead of on the way of the first epoch, the analysis and
 * the pictures. Nothing it does reaches a result.
 */
final class JitWarmup {
  private JitWarmup() {}

  /** Starts the warm-up and returns its thread (a daemon: it never holds up the exit). */
  static Thread start() {
    Thread t = new Thread(Warmup::run, "neuronlens-jit-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return t;
  }
}
