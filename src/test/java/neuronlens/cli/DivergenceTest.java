package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loss that turns NaN or infinite stops training with exit 6 and keeps the last good epoch. */
class DivergenceTest {

  @Test
  void hugeLearningRateStopsWithExit6AndKeepsTheGoodCheckpoint(@TempDir Path tmp) throws Exception {
    String data = TinyData.write(tmp.resolve("data")).toString();
    Path out = tmp.resolve("out");
    Path weights = TinyData.trainModel(Path.of(data), out);
    byte[] good = Files.readAllBytes(weights);
    byte[] history = Files.readAllBytes(out.resolve("history.json"));

    CliRun r =
        CliRun.of(
            "train",
            "--data",
            data,
            "--hidden",
            "16",
            "--epochs",
            "3",
            "--learning-rate",
            "1e30",
            "--resume",
            weights.toString(),
            "--out",
            out.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(6);
    assertThat(ErrorLines.errorLines(r.err()))
        .singleElement()
        .asString()
        .contains("diverged")
        .contains("not finite")
        .contains("checkpoint");
    ErrorLines.assertNoTrace(r.err());
    assertThat(Files.readAllBytes(weights)).isEqualTo(good);
    assertThat(Files.readAllBytes(out.resolve("history.json"))).isEqualTo(history);
  }
}
