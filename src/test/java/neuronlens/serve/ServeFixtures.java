package neuronlens.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import neuronlens.data.CacheDirs;
import neuronlens.data.ClassNames;
import neuronlens.data.DataLoader;
import neuronlens.data.Dataset;
import neuronlens.data.FetchProgress;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;

/**
 * One {@link ServeModel} for all serve tests, built once: the seed's trained model with the MNIST
 * test set when they are there, else a seeded untrained 784-128-10 model without examples.
 */
final class ServeFixtures {
  private static ServeModel model;

  private ServeFixtures() {}

  static synchronized ServeModel model() {
    if (model == null) {
      Path seed = Path.of("..", "shared", "seed", "model.weights.h5");
      boolean trained = Files.isRegularFile(seed);
      Mlp mlp = trained ? KerasWeights.read(seed).model() : Mlp.glorot(new int[] {128}, 10, 42);
      model =
          ServeModel.build(
              mlp,
              mnistTest(),
              ClassNames.DIGITS,
              Kernels.get(),
              2,
              trained ? seed.toString() : "untrained (seed weights missing)");
    }
    return model;
  }

  /** Whether the model is the seed's trained one (predictions mean something). */
  static boolean trained() {
    return !model().source().startsWith("untrained");
  }

  private static Dataset mnistTest() {
    try {
      return new DataLoader(CacheDirs.defaultRoot(), FetchProgress.silent())
          .load("mnist")
          .splits()
          .test();
    } catch (RuntimeException e) {
      return null; // the pages then show no examples; the tests that need them skip
    }
  }
}
