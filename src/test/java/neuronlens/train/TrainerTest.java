package neuronlens.train;

import static neuronlens.tensor.AllClose.assertBitEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import neuronlens.TrainingDivergedException;
import neuronlens.data.Dataset;
import neuronlens.data.SparseImages;
import neuronlens.nn.Mlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training on small synthetic data (no MNIST): reproducible bit for bit from the seed whatever the
 * thread count, resumable to exactly the uninterrupted run, learning, and refusing to go on once
 * the loss is no longer finite.
 */
class TrainerTest {
  static final TrainListener QUIET = new TrainListener() {};

  /** {@code count} images of 4 classes; class c lights rows 7c..7c+6 with noise, ~70% zeros. */
  static Dataset synthetic(int count, long seed, boolean randomLabels) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] images = new byte[count * Mlp.INPUTS];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      int c = rng.nextInt(4);
      labels[i] = (byte) (randomLabels ? rng.nextInt(4) : c);
      for (int j = 0; j < Mlp.INPUTS; j++) {
        boolean band = j / 28 / 7 == c;
        int px = band ? rng.nextInt(100, 256) : rng.nextInt(10) == 0 ? rng.nextInt(256) : 0;
        images[i * Mlp.INPUTS + j] = (byte) px;
      }
    }
    return new Dataset(images, labels, count, 28, 28);
  }

  static TrainConfig config(int epochs, long decaySteps) {
    // 230 images in batches of 20: 12 steps per epoch, the last one of 10 images.
    return new TrainConfig(
        new int[] {16}, epochs, 20, 0.01, 0.1, decaySteps, 0.9, 0.999, 1e-7, 5, 1);
  }

  static Trainer.Result run(TrainConfig c, Mlp mlp, AdamState adam, Dataset train) {
    return new Trainer(c).train(mlp, adam, train, synthetic(40, 99, false), QUIET, () -> false);
  }

  static Trainer.Result fresh(TrainConfig c, Dataset train) {
    Mlp mlp = Mlp.glorot(c.hidden(), 10, c.seed());
    return run(c, mlp, AdamState.zeros(mlp.variables()), train);
  }

  static void assertSameWeights(String what, Mlp expected, Mlp actual) {
    List<float[]> e = expected.variables();
    List<float[]> a = actual.variables();
    assertThat(a).hasSameSizeAs(e);
    for (int i = 0; i < e.size(); i++) {
      assertBitEqual(what + ", variable " + i, e.get(i), a.get(i));
    }
  }

  @Test
  void sameSeedGivesBitIdenticalWeightsWhateverTheThreads() {
    Dataset train = synthetic(230, 1, false);
    Trainer.Result one = fresh(config(3, 0), train);
    Trainer.Result again = fresh(config(3, 0), train);
    Trainer.Result two = fresh(config(3, 0).withThreads(2), train);
    assertSameWeights("same seed, same threads", one.mlp(), again.mlp());
    assertSameWeights("1 vs 2 threads", one.mlp(), two.mlp());
    assertThat(two.adam().iterations()).isEqualTo(one.adam().iterations()).isEqualTo(36);
    Trainer.Result other = fresh(config(3, 0).withSeed(6), train);
    assertThat(other.mlp().variables().get(0)).isNotEqualTo(one.mlp().variables().get(0));
  }

  /**
   * Training on images listed beforehand (as the benchmarks list them before they start the clock)
   * gives the weights of the call that lists them itself, on two threads; lists of another data set
   * are refused.
   */
  @Test
  void imagesListedBeforehandTrainAlike() {
    Dataset train = synthetic(230, 7, false);
    Dataset dev = synthetic(40, 99, false);
    TrainConfig c = config(2, 0).withThreads(2);
    Trainer.Result plain = fresh(c, train);
    Mlp mlp = Mlp.glorot(c.hidden(), 10, c.seed());
    Trainer.Result listed =
        new Trainer(c)
            .train(
                mlp,
                AdamState.zeros(mlp.variables()),
                train,
                SparseImages.of(train, 2),
                dev,
                SparseImages.of(dev),
                QUIET,
                () -> false);
    assertSameWeights("listed beforehand", plain.mlp(), listed.mlp());
    Mlp other = Mlp.glorot(c.hidden(), 10, c.seed());
    assertThatThrownBy(
            () ->
                new Trainer(c)
                    .train(
                        other,
                        AdamState.zeros(other.variables()),
                        train,
                        SparseImages.of(dev),
                        dev,
                        SparseImages.of(dev),
                        QUIET,
                        () -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 230");
  }

  @Test
  void resumingAfterTwoEpochsEqualsTheUninterruptedRun() {
    Dataset train = synthetic(230, 2, false);
    // A fixed decay horizon: with 0 (= all steps) a 2-epoch run has a different schedule.
    Trainer.Result whole = fresh(config(3, 500), train);
    Trainer.Result first = fresh(config(2, 500), train);
    Mlp mlp = first.mlp().copy();
    AdamState adam = first.adam().copy();
    Trainer.Result rest = run(config(3, 500), mlp, adam, train);
    assertThat(rest.history()).hasSize(1);
    assertThat(rest.history().get(0).epoch()).isEqualTo(3);
    assertSameWeights("resumed after epoch 2", whole.mlp(), rest.mlp());
    for (int i = 0; i < whole.adam().m().length; i++) {
      assertBitEqual("m " + i, whole.adam().m()[i], rest.adam().m()[i]);
      assertBitEqual("v " + i, whole.adam().v()[i], rest.adam().v()[i]);
    }
  }

  @Test
  void resumingFromAStopInsideAnEpochEqualsTheUninterruptedRun() {
    Dataset train = synthetic(230, 3, false);
    TrainConfig c = config(3, 0);
    Trainer.Result whole = fresh(c, train);
    Mlp mlp = Mlp.glorot(c.hidden(), 10, c.seed());
    AdamState adam = AdamState.zeros(mlp.variables());
    Trainer.Result stopped =
        new Trainer(c)
            .train(
                mlp, adam, train, synthetic(40, 99, false), QUIET, () -> adam.iterations() == 19);
    assertThat(stopped.stopped()).isTrue();
    Trainer.Result rest = run(c, stopped.mlp().copy(), stopped.adam().copy(), train);
    assertSameWeights("resumed at step 19", whole.mlp(), rest.mlp());
  }

  /**
   * Each epoch records, per hidden layer, the units silent on every dev image: what an evaluation
   * of that epoch's weights on the dev split finds, on the engine's two threads as on one.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void eachEpochRecordsTheUnitsDeadOnTheDevSet(int threads) {
    TrainConfig c =
        new TrainConfig(new int[] {32, 16}, 3, 20, 0.05, 0.1, 0, 0.9, 0.999, 1e-7, 5, threads);
    Dataset dev = synthetic(60, 98, false);
    List<int[]> found = new ArrayList<>();
    List<int[]> recorded = new ArrayList<>();
    TrainListener check =
        new TrainListener() {
          @Override
          public void epochDone(EpochStats stats, Mlp m, AdamState a) {
            recorded.add(stats.devDeadUnits());
            found.add(Evaluation.of(m, dev).deadUnits());
          }
        };
    Mlp mlp = Mlp.glorot(c.hidden(), 10, c.seed());
    new Trainer(c)
        .train(
            mlp,
            AdamState.zeros(mlp.variables()),
            synthetic(230, 4, false),
            dev,
            check,
            () -> false);
    assertThat(recorded).hasSize(3);
    for (int e = 0; e < 3; e++) {
      assertThat(recorded.get(e)).as("epoch %d", e + 1).hasSize(2).isEqualTo(found.get(e));
    }
    // a learning rate this high silences some units: the counts are not all 0
    assertThat(recorded.stream().mapToInt(d -> d[0] + d[1]).sum()).isPositive();
  }

  @Test
  void lossDecreases() {
    Trainer.Result r = fresh(config(4, 0), synthetic(230, 4, false));
    List<EpochStats> h = r.history();
    assertThat(h).hasSize(4);
    assertThat(h.get(3).trainLoss()).isLessThan(h.get(0).trainLoss() * 0.5);
    assertThat(h.get(3).devLoss()).isLessThan(h.get(0).devLoss());
    assertThat(h.get(3).devAccuracy()).isGreaterThan(0.9);
  }

  @Test
  void hugeLearningRateThrowsTrainingDiverged() {
    TrainConfig c = new TrainConfig(new int[] {16}, 3, 20, 1e30, 0.1, 0, 0.9, 0.999, 1e-7, 5, 1);
    assertThatThrownBy(() -> fresh(c, synthetic(230, 5, true)))
        .isInstanceOf(TrainingDivergedException.class)
        .hasMessageContaining("diverged")
        .hasMessageContaining("not finite");
  }
}
