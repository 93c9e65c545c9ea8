package neuronlens.bench.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.train.ExponentialDecay;

/**
 * Times activation maximisation in DJL, batched: one input row per unit (every hidden unit, then
 * every output unit), each row pushed by Keras-style Adam to raise its own unit's pre-activation
 * (hidden: {@code x·W1 + b1}; output: the logit), and clipped to the pixel range [0, 1] after each
 * step. The network's weights are fixed; only the input rows are trained.
 */
final class DjlActivationMax {
  private DjlActivationMax() {}

  /** Seconds for {@code steps} Adam steps on all units of {@code mlp} at learning rate 0.01. */
  static double time(Mlp mlp, int steps, long seed) {
    List<Dense> layers = mlp.layers();
    int hidden = layers.get(0).units();
    int classes = mlp.classes();
    int rows = hidden + classes;
    try (NDManager root = NDManager.newBaseManager(Device.cpu())) {
      NDArray w1 = DjlLeanTrainer.weights(root, layers.get(0));
      NDArray b1 = root.create(layers.get(0).bias());
      NDArray w2 = DjlLeanTrainer.weights(root, layers.get(1));
      NDArray b2 = root.create(layers.get(1).bias());
      float[] mh = new float[rows * hidden];
      float[] mo = new float[rows * classes];
      for (int u = 0; u < hidden; u++) {
        mh[u * hidden + u] = 1f;
      }
      for (int c = 0; c < classes; c++) {
        mo[(hidden + c) * classes + c] = 1f;
      }
      NDArray maskHidden = root.create(mh, new Shape(rows, hidden));
      NDArray maskOutput = root.create(mo, new Shape(rows, classes));
      SplittableRandom rng = new SplittableRandom(seed);
      float[] start = new float[rows * Mlp.INPUTS];
      for (int i = 0; i < start.length; i++) {
        start[i] = (float) (0.4 + 0.2 * rng.nextDouble());
      }
      NDArray x = root.create(start, new Shape(rows, Mlp.INPUTS));
      x.setRequiresGradient(true);
      KerasAdamNd adam = new KerasAdamNd(root, List.of(x), new ExponentialDecay(0.01, 1, 1.0),
          0.9, 0.999, 1e-7);
      long t0 = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        try (NDManager scope = root.newSubManager()) {
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray product = x.matMul(w1);
            product.attach(scope);
            NDArray pre = product.add(b1);
            NDArray logits = Activation.relu(pre).matMul(w2).add(b2);
            NDArray objective = pre.mul(maskHidden).sum().add(logits.mul(maskOutput).sum());
            gc.backward(objective.neg());
          }
          adam.step(scope);
          NDArray clipped = x.clip(0, 1);
          clipped.attach(scope);
          NDArray excess = x.sub(clipped);
          excess.attach(scope);
          x.subi(excess);
        }
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }
}
