package neuronlens.vis;

import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;

/**
 * A small version of the gallery's activation maximization on a throwaway network, for the JIT
 * compiler to start on early: the {@code natural} preset, {@value #STEPS} steps, {@value
 * #OUTPUT_UNITS} output and {@value #HIDDEN_UNITS} hidden units. It initializes the Vector API and
 * hands the kernels to the compiler. Its network and buffers are its own and kernels keep no state
 * across calls, so nothing it does reaches another computation. Drawing and encoding a few figures
 * as well was tried and dropped (five interleaved pairs of {@code run}: 9.8 s mean without, 10.1 s
 * with).
 */
public final class Warmup {
  static final int STEPS = 30;
  static final int OUTPUT_UNITS = 5;
  static final int HIDDEN_UNITS = 8;

  private Warmup() {}

  /** Runs the work on the calling thread and drops its results. */
  public static void run() {
    Mlp mlp = Mlp.glorot(new int[] {128}, 10, 1L);
    ActivationMaximizer am = new ActivationMaximizer(mlp, Kernels.get(), 1);
    AmConfig c = AmConfig.naturalPreset().withSteps(STEPS);
    am.run(1, Gallery.all(OUTPUT_UNITS), c, null);
    am.run(0, Gallery.all(HIDDEN_UNITS), c, null);
  }
}
