package neuronlens.bench.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.train.ExponentialDecay;
import neuronlens.train.TrainConfig;

/**
 * The seed's recipe through DJL's high-level API, as a DJL user would write it: a {@link
 * SequentialBlock} of two {@link Linear} layers, {@link ArrayDataset} batches of 50 shuffled each
 * epoch, softmax cross-entropy, DJL's Adam (its update is Keras' form: bias-corrected step size,
 * ε outside the square root) with the same exponential decay, and {@link EasyTrain#fit}, which
 * also validates on the dev split each epoch. It starts from neuronlens' Glorot weights.
 */
final class DjlEasyTrainer {
  private final TrainConfig config;

  DjlEasyTrainer(TrainConfig config) {
    this.config = config;
  }

  RunResult train(Mlp init, MnistArrays train, MnistArrays dev, MnistArrays test) {
    long total = config.stepsPerEpoch(train.count) * config.epochs();
    ExponentialDecay schedule = config.schedule(total);
    Tracker rate = step -> schedule.at(step);
    SequentialBlock block = new SequentialBlock()
        .add(Linear.builder().setUnits(init.layers().get(0).units()).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(init.classes()).build());
    try (Model model = Model.newInstance("mlp", Device.cpu())) {
      model.setBlock(block);
      NDManager manager = model.getNDManager();
      ArrayDataset trainSet = dataset(manager, train, true);
      ArrayDataset devSet = dataset(manager, dev, false);
      DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(
          Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam()
              .optLearningRateTracker(rate)
              .optBeta1((float) config.beta1())
              .optBeta2((float) config.beta2())
              .optEpsilon((float) config.epsilon())
              .build())
          .optDevices(new Device[] {Device.cpu()});
      try (Trainer trainer = model.newTrainer(trainingConfig)) {
        trainer.initialize(new Shape(1, Mlp.INPUTS));
        copyWeights(init, block);
        long t0 = System.nanoTime();
        EasyTrain.fit(trainer, config.epochs(), trainSet, devSet);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long steps = config.epochs() * config.stepsPerEpoch(train.count);
        return new RunResult(seconds, steps, accuracy(trainer, manager, test));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (TranslateException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private ArrayDataset dataset(NDManager manager, MnistArrays split, boolean shuffle) {
    float[] labels = new float[split.count];
    for (int i = 0; i < split.count; i++) {
      labels[i] = split.labels[i];
    }
    return new ArrayDataset.Builder()
        .setData(manager.create(split.pixels, new Shape(split.count, Mlp.INPUTS)))
        .optLabels(manager.create(labels))
        .setSampling(shuffle ? config.batchSize() : 500, shuffle)
        .build();
  }

  /** Sets DJL's (units × inputs) weights from neuronlens' Keras-layout (inputs × units) kernels. */
  private static void copyWeights(Mlp init, SequentialBlock block) {
    int layer = 0;
    for (ai.djl.util.Pair<String, Parameter> p : block.getParameters()) {
      Dense d = init.layers().get(layer);
      NDArray array = p.getValue().getArray();
      if (p.getKey().endsWith("weight")) {
        float[] k = d.kernel();
        float[] t = new float[k.length];
        for (int i = 0; i < d.inputs(); i++) {
          for (int u = 0; u < d.units(); u++) {
            t[u * d.inputs() + i] = k[i * d.units() + u];
          }
        }
        array.set(t);
      } else {
        array.set(d.bias());
        layer++;
      }
    }
  }

  private static double accuracy(Trainer trainer, NDManager manager, MnistArrays split) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray xs = scope.create(split.pixels, new Shape(split.count, Mlp.INPUTS));
      NDList out = trainer.evaluate(new NDList(xs));
      long[] predicted = out.singletonOrThrow().argMax(1).toLongArray();
      int correct = 0;
      for (int i = 0; i < split.count; i++) {
        if (predicted[i] == split.labels[i]) {
          correct++;
        }
      }
      return (double) correct / split.count;
    }
  }
}
