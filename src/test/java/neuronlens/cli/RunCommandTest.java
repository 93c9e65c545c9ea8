package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import neuronlens.data.DataLoader;
import neuronlens.data.Dataset;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.Evaluation;
import neuronlens.vis.Ablation;
import neuronlens.vis.AmConfig;
import neuronlens.vis.DatasetExamples;
import neuronlens.vis.KnockOutCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neuronlens run --json} on a small dataset, the whole job: what it says of the test set and
 * of the knock-outs is what the library finds in the weights file it wrote, and every folder of
 * pictures and the report are there.
 */
class RunCommandTest {
  @Test
  void theWholeJobAgreesWithItsOwnWeightsFile(@TempDir Path tmp) throws Exception {
    Path data = TinyData.write(tmp.resolve("data"));
    Path out = tmp.resolve("out");
    CliRun r =
        CliRun.of(
            "run",
            "--data",
            data.toString(),
            "--hidden",
            "16",
            "--epochs",
            "1",
            "--json",
            "--out",
            out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertThat(j.get("trained").asBoolean()).isTrue();

    Mlp mlp = KerasWeights.read(out.resolve("model.weights.h5")).model();
    Dataset test = DataLoader.loadDirectory(data).splits().test();
    assertThat(j.get("test_correct").asInt()).isEqualTo(Evaluation.of(mlp, test).correct());
    DatasetExamples ex = DatasetExamples.of(mlp, 0, test, Kernels.get());
    Ablation a = Ablation.of(mlp, 0, ex, test, 1);
    KnockOutCurve c = KnockOutCurve.of(mlp, 0, ex, test, a, AmConfig.DEFAULT_SEED, 1);
    JsonNode k = j.get("visualizations").get("dense_knock_outs");
    assertThat(k.get("costliest_unit").asInt()).isEqualTo(a.byLossChange()[0]);
    assertThat(k.get("costliest_accuracy_change").asDouble())
        .isEqualTo(a.accuracyChange(a.byLossChange()[0]));
    assertThat(k.get("live").asInt()).isEqualTo(a.live());
    assertThat(k.get("spare_1pp").asInt()).isEqualTo(c.spare(1, 0.01));

    for (String dir : RunCommand.PICTURES) {
      try (var files = Files.list(out.resolve(dir))) {
        assertThat(files.filter(p -> p.toString().endsWith(".png")).count()).as(dir).isPositive();
      }
    }
    assertThat(Files.readAllLines(out.resolve("ablation").resolve("ablation.csv"))).hasSize(1 + 16);
    assertThat(
            Files.readString(out.resolve("report").resolve("index.html"), StandardCharsets.UTF_8))
        .contains("id=\"knockouts-dense\"");
  }
}
