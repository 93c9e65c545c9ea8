package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import org.junit.jupiter.api.Test;

/**
 * The warm-up runs beside the real work on the same kernels: it must complete, and change nothing
 * in what runs beside it (no state shared through the kernels' scratch or anywhere else).
 */
class WarmupTest {
  @Test
  void aWarmUpBesideAnActivationMaximizationChangesNothingInIt() {
    Mlp mlp = Mlp.glorot(new int[] {128}, 10, 5L);
    AmConfig c = AmConfig.naturalPreset().withSteps(40);
    ActivationMaximizer am = new ActivationMaximizer(mlp, Kernels.get(), 2);
    AmResult alone = am.run(1, Gallery.all(10), c, null);
    CompletableFuture<Void> warmUp = CompletableFuture.runAsync(Warmup::run);
    int runs = 0;
    do {
      AmResult beside = am.run(1, Gallery.all(10), c, null);
      assertThat(beside.images()).as("run %d beside the warm-up", runs).isEqualTo(alone.images());
      assertThat(beside.trace()).as("run %d beside the warm-up", runs).isEqualTo(alone.trace());
      runs++;
    } while (!warmUp.isDone());
    warmUp.join(); // rethrows what the warm-up threw
  }
}
