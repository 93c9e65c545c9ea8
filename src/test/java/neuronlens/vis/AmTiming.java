package neuronlens.vis;

import java.nio.file.Path;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;

/**
 * Timing harness, not a unit test: AM with the seed preset (4,000 steps) for all 128 hidden and all
 * 10 output units of the seed's model, best of 5. Run with {@code java --add-modules
 * jdk.incubator.vector -cp target/classes:target/test-classes:... neuronlens.vis.AmTiming [file]}.
 */
public final class AmTiming {
  private AmTiming() {}

  public static void main(String[] args) {
    Path p = Path.of(args.length > 0 ? args[0] : "../shared/seed/model.weights.h5");
    Mlp mlp = KerasWeights.read(p).model();
    int threads = Integer.getInteger("threads", 2);
    ActivationMaximizer am = new ActivationMaximizer(mlp, Kernels.get(), threads);
    AmConfig c = AmConfig.seedPreset();
    double best = Double.MAX_VALUE;
    for (int rep = 0; rep < 5; rep++) {
      long t0 = System.nanoTime();
      am.run(0, Gallery.all(128), c, null);
      am.run(1, Gallery.all(10), c, null);
      double s = (System.nanoTime() - t0) / 1e9;
      best = Math.min(best, s);
      System.out.printf("run %d: %.3f s%n", rep, s);
    }
    System.out.printf(
        "best of 5: %.3f s (%s kernels, %d threads)%n", best, Kernels.get().name(), threads);
  }
}
