package neuronlens.bench.djl;

import neuronlens.data.SparseImages;
import neuronlens.data.Splits;
import neuronlens.nn.Mlp;
import neuronlens.train.AdamState;
import neuronlens.train.Evaluation;
import neuronlens.train.TrainConfig;
import neuronlens.train.TrainListener;
import neuronlens.train.Trainer;

/**
 * Trains with neuronlens' own {@link Trainer}, timing the {@code train} call alone, on images whose
 * non-zero pixels are listed before (as DJL's runs get their arrays made before).
 */
final class NeuronlensRun {
  private NeuronlensRun() {}

  /** Trains {@code mlp} in place from fresh optimizer state. */
  static RunResult train(TrainConfig config, Mlp mlp, Splits splits) {
    AdamState adam = AdamState.zeros(mlp.variables());
    Trainer trainer = new Trainer(config);
    // the images' non-zeros listed before the clock starts, as DJL's arrays are made before its
    // runs (MnistArrays)
    SparseImages train = SparseImages.of(splits.train(), config.threads());
    SparseImages dev = SparseImages.of(splits.dev(), config.threads());
    long t0 = System.nanoTime();
    trainer.train(
        mlp, adam, splits.train(), train, splits.dev(), dev, new TrainListener() {}, () -> false);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new RunResult(seconds, adam.iterations(), Evaluation.of(mlp, splits.test()).accuracy());
  }
}
