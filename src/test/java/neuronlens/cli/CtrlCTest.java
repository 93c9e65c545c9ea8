package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import neuronlens.keras.KerasWeights;
import neuronlens.keras.LoadedWeights;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT in the middle of an epoch: exit 130, a message naming the checkpoint and --resume, the
 * last complete epoch saved, and resuming from it ends bit-identical to a run never interrupted.
 */
class CtrlCTest {
  private static final long STEPS_PER_EPOCH = 1100;
  private static final int EPOCHS = 4;

  @Test
  void interruptedRunResumesToTheUninterruptedWeights(
      @TempDir Path a, @TempDir Path b, @TempDir Path logs) throws Exception {
    String cache = Mnist.cacheRoot();
    String[] common = {
      "train",
      "--cache",
      cache,
      "--hidden",
      "16",
      "--epochs",
      Integer.toString(EPOCHS),
      "--seed",
      "11"
    };
    Path weights = a.resolve("model.weights.h5");
    int exit;
    String err;
    try (Subprocess p =
        Subprocess.start(
            logs.resolve("train.log"),
            TrainCommandTest.concat(common, new String[] {"--out", a.toString()}))) {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!Files.exists(weights) && p.alive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Assumptions.assumeFalse(p.ignoresSigint(), "SIGINT is ignored in this environment");
      p.signal("INT"); // epoch 1 is saved, epoch 2 has begun or is about to
      exit = p.waitFor(60);
      err = p.err();
    }
    assertThat(exit).as(err).isEqualTo(130);
    assertThat(err).contains("interrupted").contains(weights.toString()).contains("--resume");
    ErrorLines.assertNoTrace(err);
    LoadedWeights saved = KerasWeights.read(weights);
    long done = saved.adam().iterations();
    assertThat(done % STEPS_PER_EPOCH).isZero();
    assertThat(done).isBetween(STEPS_PER_EPOCH, (EPOCHS - 1) * STEPS_PER_EPOCH);

    CliRun resumed =
        CliRun.of(
            TrainCommandTest.concat(
                common, new String[] {"--out", a.toString(), "--resume", weights.toString()}));
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    CliRun straight =
        CliRun.of(TrainCommandTest.concat(common, new String[] {"--out", b.toString()}));
    assertThat(straight.exit()).as(straight.err()).isZero();
    LoadedWeights wa = KerasWeights.read(weights);
    LoadedWeights wb = KerasWeights.read(b.resolve("model.weights.h5"));
    assertThat(wa.adam().iterations()).isEqualTo(EPOCHS * STEPS_PER_EPOCH);
    List<float[]> va = wa.model().variables();
    for (int i = 0; i < va.size(); i++) {
      assertThat(va.get(i)).as("variable %d", i).containsExactly(wb.model().variables().get(i));
    }
  }
}
