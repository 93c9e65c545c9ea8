package neuronlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import neuronlens.train.EpochStats;
import neuronlens.train.TrainConfig;

/**
 * {@code history.json} beside the weights: the configuration and one row per epoch, so that the
 * report can draw training curves and a resumed run keeps the earlier epochs.
 */
final class HistoryFile {
  private HistoryFile() {}

  static void write(Path file, TrainConfig c, List<EpochStats> history) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("hidden", c.hidden());
    cfg.put("epochs", c.epochs());
    cfg.put("batch_size", c.batchSize());
    cfg.put("learning_rate", c.learningRate());
    cfg.put("decay_rate", c.decayRate());
    cfg.put("decay_steps", c.decaySteps());
    cfg.put("beta1", c.beta1());
    cfg.put("beta2", c.beta2());
    cfg.put("epsilon", c.epsilon());
    cfg.put("seed", c.seed());
    root.put("config", cfg);
    root.put("epochs", rows(history));
    Json.writeFile(file, root);
  }

  static List<Map<String, Object>> rows(List<EpochStats> history) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (EpochStats s : history) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("epoch", s.epoch());
      r.put("train_loss", s.trainLoss());
      r.put("train_accuracy", s.trainAccuracy());
      r.put("dev_loss", s.devLoss());
      r.put("dev_accuracy", s.devAccuracy());
      r.put("seconds", s.seconds());
      if (s.devDeadUnits().length > 0) {
        r.put("dev_dead_units", s.devDeadUnits()); // per hidden layer
      }
      rows.add(r);
    }
    return rows;
  }

  /**
   * The first {@code upToEpoch} epochs recorded in {@code file}; empty when the file is missing or
   * unreadable (a history is a convenience, never a reason to refuse a run).
   */
  static List<EpochStats> read(Path file, long upToEpoch) {
    List<EpochStats> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      JsonNode epochs = Json.MAPPER.readTree(file.toFile()).path("epochs");
      for (JsonNode e : epochs) {
        int epoch = e.path("epoch").asInt();
        if (epoch >= 1 && epoch <= upToEpoch) {
          out.add(
              new EpochStats(
                  epoch,
                  e.path("train_loss").asDouble(),
                  e.path("train_accuracy").asDouble(),
                  e.path("dev_loss").asDouble(),
                  e.path("dev_accuracy").asDouble(),
                  e.path("seconds").asDouble(),
                  deadUnits(e.path("dev_dead_units"))));
        }
      }
    } catch (IOException | RuntimeException e) {
      out.clear();
    }
    return out;
  }

  /**
   * Counts of dead units per hidden layer, or none when the history has not recorded them or holds
   * anything but counts there (shown as zeros, a malformed entry would be a wrong chart).
   */
  private static int[] deadUnits(JsonNode counts) {
    if (!counts.isArray()) {
      return new int[0];
    }
    int[] dead = new int[counts.size()];
    for (int l = 0; l < dead.length; l++) {
      JsonNode c = counts.get(l);
      if (!c.canConvertToInt() || !c.isIntegralNumber() || c.asInt() < 0) {
        return new int[0];
      }
      dead[l] = c.asInt();
    }
    return dead;
  }
}
