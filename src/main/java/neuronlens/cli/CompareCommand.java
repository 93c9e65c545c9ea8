package neuronlens.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.vis.ActivationMaximizer;
import neuronlens.vis.AmConfig;
import neuronlens.vis.AmResult;
import neuronlens.vis.Comparison;
import neuronlens.vis.NeuronFiles;
import neuronlens.vis.WeightImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuronlens compare}: weights against activation maximization, unit by unit. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Weights | AM image | agreement per first-layer unit, with Pearson r;"
            + " all correlations in a CSV and a histogram.")
final class CompareCommand implements Callable<Integer> {
  private final Console console;

  @Mixin DebugOption debug;
  @Mixin VisOptions vis;
  @Mixin AmOptions am;

  @Option(
      names = "--out",
      defaultValue = "out/compare",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  CompareCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Mlp mlp = vis.model();
    int l = vis.layerIndex(mlp);
    int[] units = vis.units(mlp, l);
    AmConfig config = am.config(l == mlp.layers().size() - 1, 0);
    vis.prepare(out); // before the optimization: an unusable --out fails in a moment
    WeightImages w = WeightImages.of(mlp, l, Kernels.get());
    AmResult r =
        new ActivationMaximizer(mlp, Kernels.get(), vis.threadCount()).run(l, units, config, null);
    Comparison c = Comparison.of(units, w.select(units), r.images());
    List<Path> files = new NeuronFiles(out, vis.raw).compare(w, r, c);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layer", r.layer());
    m.put("units", units.length);
    m.put("mean_correlation", c.mean());
    Map<String, Double> per = new LinkedHashMap<>();
    for (int i = 0; i < units.length; i++) {
      per.put(Integer.toString(units[i]), c.correlation()[i]);
    }
    m.put("correlation", per);
    m.put("out", out.toString());
    CommandOutput.print(
        console,
        vis.json,
        m,
        String.format(
            java.util.Locale.ROOT,
            "%s: mean Pearson r %.3f over %d units; %d files in %s",
            r.layer(),
            c.mean(),
            units.length,
            files.size(),
            out));
    return 0;
  }
}
