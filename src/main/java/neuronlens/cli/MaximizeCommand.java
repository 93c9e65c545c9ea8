package neuronlens.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import neuronlens.BadOptionException;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.vis.ActivationMaximizer;
import neuronlens.vis.AmConfig;
import neuronlens.vis.AmResult;
import neuronlens.vis.NeuronFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuronlens maximize}: activation maximization, all chosen units in one batched run. */
@Command(
    name = "maximize",
    mixinStandardHelpOptions = true,
    description = "Optimize one input per unit to maximize its activation (batched).")
final class MaximizeCommand implements Callable<Integer> {
  /** Most frames of a GIF: each keeps one image per unit in memory until the end. */
  static final int MAX_FRAMES = 1000;

  private final Console console;

  @Mixin DebugOption debug;
  @Mixin VisOptions vis;
  @Mixin AmOptions am;
  @Mixin DataOptions data;

  @Option(
      names = "--out",
      defaultValue = "out/maximize",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--gif",
      paramLabel = "K",
      defaultValue = "0",
      description = "Also write an animated GIF per unit, one frame every K steps (0: none).")
  int gif;

  MaximizeCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    if (gif < 0) {
      throw new BadOptionException("--gif: expected >= 0 steps between frames, found " + gif);
    }
    Mlp mlp = vis.model();
    int l = vis.layerIndex(mlp);
    int[] units = vis.units(mlp, l);
    boolean output = l == mlp.layers().size() - 1;
    AmConfig c = am.config(output, gif);
    if (gif > 0 && c.steps() / gif > MAX_FRAMES) {
      throw new BadOptionException(
          "--gif: expected at most "
              + MAX_FRAMES
              + " frames, found "
              + c.steps()
              + " steps / "
              + gif
              + " = "
              + c.steps() / gif
              + " frames");
    }
    float[] mean =
        c.start() == neuronlens.vis.StartImage.MEAN
            ? neuronlens.vis.DatasetExamples.mean(data.load(console).splits().train())
            : null;
    vis.prepare(out);
    long t0 = System.nanoTime();
    AmResult r =
        new ActivationMaximizer(mlp, Kernels.get(), vis.threadCount()).run(l, units, c, mean);
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<Path> files = new NeuronFiles(out, vis.raw).maximize(r, gif > 0);
    List<Map<String, Object>> neurons = new ArrayList<>();
    for (int i = 0; i < r.rows(); i++) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("layer", r.layer());
      n.put("neuron", r.units()[i]);
      n.put("objective", r.objective().id());
      n.put("steps", c.steps());
      n.put("objective_start", r.objectiveAt(0, i));
      n.put("objective_end", r.objectiveAt(c.steps(), i));
      n.put("predicted_class", r.predicted()[i]);
      if (r.probability() != null) {
        n.put("probability", r.probability()[i]);
      }
      neurons.add(n);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("preset", am.preset);
    m.put("seconds", seconds);
    m.put("neurons", neurons);
    m.put("out", out.toString());
    String text =
        String.format(
            java.util.Locale.ROOT,
            "%d units of %s, %d steps in %.2f s; %d files in %s",
            r.rows(),
            r.layer(),
            c.steps(),
            seconds,
            files.size(),
            out);
    CommandOutput.print(console, vis.json, m, text);
    return 0;
  }
}
