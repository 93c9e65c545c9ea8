package neuronlens.bench.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import neuronlens.data.Dataset;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.train.TrainConfig;

/**
 * The seed's recipe as a lean hand-written DJL loop: the model is four arrays, the forward pass is
 * {@code relu(x·W1 + b1)·W2 + b2}, the loss is the mean of {@code -log softmax} at the label, the
 * gradients come from DJL's autograd and {@link KerasAdamNd} applies them. It starts from the same
 * Glorot weights as neuronlens and takes the same number of steps; only the shuffling differs.
 * Each epoch ends with a dev-set evaluation, as neuronlens' trainer does.
 */
final class DjlLeanTrainer {
  private final TrainConfig config;

  DjlLeanTrainer(TrainConfig config) {
    this.config = config;
  }

  RunResult train(Mlp init, MnistArrays train, MnistArrays dev, MnistArrays test) {
    int batch = config.batchSize();
    int n = train.count;
    long stepsPerEpoch = config.stepsPerEpoch(n);
    long total = stepsPerEpoch * config.epochs();
    try (NDManager root = NDManager.newBaseManager(Device.cpu())) {
      NDArray x = root.create(train.pixels, new Shape(n, Mlp.INPUTS));
      NDArray y = root.create(train.oneHot, new Shape(n, Dataset.CLASSES));
      List<Dense> layers = init.layers();
      NDArray w1 = weights(root, layers.get(0));
      NDArray b1 = root.create(layers.get(0).bias());
      NDArray w2 = weights(root, layers.get(1));
      NDArray b2 = root.create(layers.get(1).bias());
      List<NDArray> params = List.of(w1, b1, w2, b2);
      for (NDArray p : params) {
        p.setRequiresGradient(true);
      }
      KerasAdamNd adam = new KerasAdamNd(root, params, config.schedule(total), config.beta1(),
          config.beta2(), config.epsilon());
      SplittableRandom rng = new SplittableRandom(config.seed());
      long t0 = System.nanoTime();
      for (int epoch = 0; epoch < config.epochs(); epoch++) {
        try (NDManager epochScope = root.newSubManager()) {
          NDArray order = epochScope.create(shuffled(n, rng));
          NDArray xs = x.get(epochScope, new NDIndex("{}", order));
          NDArray ys = y.get(epochScope, new NDIndex("{}", order));
          for (long s = 0; s < stepsPerEpoch; s++) {
            int first = (int) (s * batch);
            int end = Math.min(first + batch, n);
            try (NDManager stepScope = epochScope.newSubManager()) {
              NDArray xb = xs.get(stepScope, new NDIndex("{}:{}", first, end));
              NDArray yb = ys.get(stepScope, new NDIndex("{}:{}", first, end));
              try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = forward(xb, w1, b1, w2, b2);
                NDArray loss = logits.logSoftmax(1).mul(yb).sum().neg().div(end - first);
                gc.backward(loss);
              }
              adam.step(stepScope);
            }
          }
        }
        accuracy(root, dev, w1, b1, w2, b2);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new RunResult(seconds, adam.iterations(), accuracy(root, test, w1, b1, w2, b2));
    }
  }

  /** Logits of a batch; temporaries land in {@code xb}'s manager. */
  static NDArray forward(NDArray xb, NDArray w1, NDArray b1, NDArray w2, NDArray b2) {
    return Activation.relu(xb.matMul(w1).add(b1)).matMul(w2).add(b2);
  }

  /** Accuracy of the current weights on {@code split}, in one batch. */
  static double accuracy(NDManager parent, MnistArrays split, NDArray w1, NDArray b1, NDArray w2,
      NDArray b2) {
    try (NDManager scope = parent.newSubManager()) {
      NDArray xs = scope.create(split.pixels, new Shape(split.count, Mlp.INPUTS));
      long[] predicted = forward(xs, w1, b1, w2, b2).argMax(1).toLongArray();
      int correct = 0;
      for (int i = 0; i < split.count; i++) {
        if (predicted[i] == split.labels[i]) {
          correct++;
        }
      }
      return (double) correct / split.count;
    }
  }

  /** A Keras-layout kernel (inputs × units, row-major) as an array of that shape. */
  static NDArray weights(NDManager manager, Dense layer) {
    return manager.create(layer.kernel(), new Shape(layer.inputs(), layer.units()));
  }

  private static long[] shuffled(int n, SplittableRandom rng) {
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      long t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
