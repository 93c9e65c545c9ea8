package neuronlens.cli;

import java.nio.file.Path;
import neuronlens.BadOptionException;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import picocli.CommandLine.Option;

/** Options shared by the visualization commands: model, layer, units, output, formats. */
final class VisOptions {
  @Option(
      names = "--weights",
      defaultValue = "out/model.weights.h5",
      paramLabel = "FILE",
      description = "A Keras 3 .weights.h5 file (default: ${DEFAULT-VALUE}).")
  Path weights;

  @Option(
      names = "--layer",
      defaultValue = "dense",
      paramLabel = "NAME",
      description = "Dense layer: dense, dense_1, ... (default: ${DEFAULT-VALUE}).")
  String layer;

  @Option(names = "--neuron", paramLabel = "N", description = "One unit of the layer.")
  Integer neuron;

  @Option(names = "--all", description = "Every unit of the layer (the default without --neuron).")
  boolean all;

  @Option(names = "--raw", description = "Also write each picture's array as NumPy .npy.")
  boolean raw;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(names = "--force", description = "Write into a directory not made by neuronlens.")
  boolean force;

  @Option(
      names = "--threads",
      defaultValue = "0",
      paramLabel = "N",
      description = "Worker threads, 0 = one per core up to 2; results do not depend on it.")
  int threads;

  /** The model read from {@code --weights}, once the options that need no model are checked. */
  Mlp model() {
    threadCount();
    return KerasWeights.read(weights).model();
  }

  /** Index of {@code --layer} in {@code mlp}. */
  int layerIndex(Mlp mlp) {
    for (int l = 0; l < mlp.layers().size(); l++) {
      if (mlp.layers().get(l).name().equals(layer)) {
        return l;
      }
    }
    StringBuilder names = new StringBuilder();
    for (int l = 0; l < mlp.layers().size(); l++) {
      names.append(l == 0 ? "" : ", ").append(Mlp.layerName(l));
    }
    throw new BadOptionException("--layer: expected one of " + names + ", found " + layer);
  }

  /** The units chosen by {@code --neuron} or {@code --all} in layer {@code index}. */
  int[] units(Mlp mlp, int index) {
    int n = mlp.layers().get(index).units();
    if (neuron != null && all) {
      throw new BadOptionException("--neuron and --all: expected one of them, found both");
    }
    if (neuron == null) {
      return neuronlens.vis.Gallery.all(n);
    }
    if (neuron < 0 || neuron >= n) {
      throw new BadOptionException(
          "--neuron: expected 0.."
              + (n - 1)
              + " for layer "
              + layer
              + " ("
              + n
              + " units), found "
              + neuron);
    }
    return new int[] {neuron};
  }

  /** Threads to use. */
  int threadCount() {
    if (threads < 0 || threads > 1024) {
      throw new BadOptionException("--threads: expected 0..1024 (0 = automatic), found " + threads);
    }
    return threads == 0 ? Math.min(2, Runtime.getRuntime().availableProcessors()) : threads;
  }

  /** The output directory, prepared. */
  Path prepare(Path out, String... names) {
    return Outputs.prepare(out, force, names);
  }
}
