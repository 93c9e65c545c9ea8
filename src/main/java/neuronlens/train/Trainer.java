package neuronlens.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import neuronlens.InParts;
import neuronlens.TrainingDivergedException;
import neuronlens.data.Dataset;
import neuronlens.data.SparseImages;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;

/**
 * Trains an {@link Mlp} as the seed did: each epoch visits the training split in a fresh order
 * drawn from the seed and the epoch number, in batches; each batch takes one Keras Adam step on the
 * mean cross-entropy. A run resumed from an optimizer state continues with exactly the steps the
 * uninterrupted run would have taken.
 */
public final class Trainer {
  /** Whether a training in this process has already run its first epoch. */
  private static final AtomicBoolean WARM = new AtomicBoolean();

  private final TrainConfig config;

  /**
   * The outcome: the trained model and optimizer, per-epoch statistics and whether it stopped
   * early.
   */
  public record Result(Mlp mlp, AdamState adam, List<EpochStats> history, boolean stopped) {}

  public Trainer(TrainConfig config) {
    this.config = config;
  }

  /**
   * Trains {@code mlp} in place, continuing from {@code adam.iterations()}.
   *
   * @param stop polled between steps; when it answers true training returns after that step
   */
  public Result train(
      Mlp mlp,
      AdamState adam,
      Dataset train,
      Dataset dev,
      TrainListener listener,
      BooleanSupplier stop) {
    return train(
        mlp,
        adam,
        train,
        SparseImages.of(train, config.threads()),
        dev,
        SparseImages.of(dev, config.threads()),
        listener,
        stop);
  }

  /**
   * {@link #train(Mlp, AdamState, Dataset, Dataset, TrainListener, BooleanSupplier)} on images
   * whose non-zero pixels are already listed ({@link SparseImages#of}: 25-75 ms for MNIST's 55,000
   * training images on two threads, once per data set), as a benchmark prepares its data before it
   * starts the clock. The same results.
   */
  public Result train(
      Mlp mlp,
      AdamState adam,
      Dataset train,
      SparseImages sparse,
      Dataset dev,
      SparseImages devSparse,
      TrainListener listener,
      BooleanSupplier stop) {
    if (sparse.count() != train.count() || devSparse.count() != dev.count()) {
      throw new IllegalArgumentException(
          "listed images: expected "
              + train.count()
              + " and "
              + dev.count()
              + ", found "
              + sparse.count()
              + " and "
              + devSparse.count());
    }
    Kernels k = Kernels.get();
    int n = train.count();
    long stepsPerEpoch = config.stepsPerEpoch(n);
    long total = stepsPerEpoch * config.epochs();
    Adam optimizer =
        new Adam(config.schedule(total), config.beta1(), config.beta2(), config.epsilon());
    Forward[] evalFwd = new Forward[Math.max(1, Math.min(config.threads(), dev.count() / 500))];
    for (int t = 0; t < evalFwd.length; t++) {
      evalFwd[t] = new Forward(mlp, 500);
    }
    int classes = mlp.classes();
    List<EpochStats> history = new ArrayList<>();
    int[] order = new int[n];
    // the first epoch a process trains runs on one thread: until the compiler has turned the
    // kernels into machine code they are slow, and a second training thread would take the core
    // the compiler needs (results do not depend on the number of threads). That thread runs the
    // threads' phases one after another (an inline engine), so that they are compiled as the
    // threads will run them
    boolean warmUp = !WARM.getAndSet(true) && config.threads() > 1;
    StepEngine engine =
        new StepEngine(k, mlp, adam, config.batchSize(), config.threads(), optimizer, warmUp);
    try {
      int firstEpoch = (int) (adam.iterations() / stepsPerEpoch);
      for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
        long t0 = System.nanoTime();
        if (warmUp && epoch > firstEpoch) {
          warmUp = false;
          engine.close();
          engine = new StepEngine(k, mlp, adam, config.batchSize(), config.threads(), optimizer);
        }
        permutation(config.seed(), epoch, order);
        long firstStep = adam.iterations() - epoch * stepsPerEpoch;
        listener.epochStarted(epoch + 1, config.epochs(), stepsPerEpoch);
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        for (long s = firstStep; s < stepsPerEpoch; s++) {
          int first = (int) (s * config.batchSize());
          int rows = Math.min(config.batchSize(), n - first);
          int nextFirst = first + rows;
          int nextRows = s + 1 < stepsPerEpoch ? Math.min(config.batchSize(), n - nextFirst) : 0;
          engine.step(
              sparse,
              train.labels(),
              order,
              first,
              rows,
              optimizer.alpha(adam.iterations()),
              nextFirst,
              nextRows);
          if (!Double.isFinite(engine.lossSum)
              || hasNonFinite(engine.probabilities(), rows * classes)) {
            throw new TrainingDivergedException(
                "training diverged at epoch "
                    + (epoch + 1)
                    + ", step "
                    + (s + 1)
                    + ": the loss is not finite (learning rate "
                    + config.learningRate()
                    + "); expected a finite loss, kept the last good"
                    + " checkpoint");
          }
          lossSum += engine.lossSum;
          correct += engine.correct;
          seen += rows;
          listener.stepDone(epoch + 1, s + 1, lossSum / seen, (double) correct / seen);
          if (stop.getAsBoolean()) {
            engine.publish();
            return new Result(mlp, adam, history, true);
          }
        }
        engine.publish();
        if (epoch + 1 < config.epochs()) {
          engine.rebalance(); // the cut between the threads' pixels follows their speeds
        }
        // on the engine's threads, which would otherwise spin beside the evaluation's own
        StepEngine on = engine;
        Evaluation ev =
            Evaluation.of(
                mlp,
                dev,
                devSparse,
                evalFwd,
                on.threads() >= evalFwd.length
                    ? (parts, part) -> on.inParts(parts, part)
                    : InParts::run);
        EpochStats stats =
            new EpochStats(
                epoch + 1,
                seen == 0 ? 0 : lossSum / seen,
                seen == 0 ? 0 : (double) correct / seen,
                ev.loss(),
                ev.accuracy(),
                (System.nanoTime() - t0) / 1e9,
                ev.deadUnits());
        history.add(stats);
        listener.epochDone(stats, mlp, adam);
      }
    } finally {
      engine.close();
    }
    return new Result(mlp, adam, history, false);
  }

  /** The order of epoch {@code epoch}: a Fisher–Yates shuffle from the seed and the epoch. */
  static void permutation(long seed, int epoch, int[] order) {
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch + 1);
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private static boolean hasNonFinite(float[] a, int n) {
    for (int i = 0; i < n; i++) {
      if (!Float.isFinite(a[i])) {
        return true;
      }
    }
    return false;
  }
}
