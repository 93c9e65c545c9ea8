package neuronlens.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import neuronlens.BadOptionException;
import neuronlens.data.Dataset;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.vis.DatasetExamples;
import neuronlens.vis.NeuronFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuronlens examples}: the test images that activate each hidden unit most. */
@Command(
    name = "examples",
    mixinStandardHelpOptions = true,
    description =
        "The 9 test images that most activate each hidden unit, its activation"
            + " histogram, and the dead units (never active on the test set).")
final class ExamplesCommand implements Callable<Integer> {
  private final Console console;

  @Mixin DebugOption debug;
  @Mixin VisOptions vis;
  @Mixin DataOptions data;

  @Option(
      names = "--out",
      defaultValue = "out/examples",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  ExamplesCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Mlp mlp = vis.model();
    int l = vis.layerIndex(mlp);
    if (l == mlp.layers().size() - 1) {
      throw new BadOptionException(
          "--layer: expected a hidden layer, found the output layer " + vis.layer);
    }
    int[] units = vis.units(mlp, l);
    Dataset test = data.load(console).splits().test();
    vis.prepare(out); // before the pass over the test set: an unusable --out fails at once
    DatasetExamples e = DatasetExamples.of(mlp, l, test, Kernels.get());
    List<Path> files = new NeuronFiles(out, vis.raw).examples(e, test, units);
    int[] dead = e.deadUnits();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layer", e.layer());
    m.put("images", e.count());
    m.put("dead", dead);
    m.put("dead_count", dead.length);
    Map<String, int[]> top = new LinkedHashMap<>();
    for (int j : units) {
      top.put(Integer.toString(j), e.top()[j]);
    }
    m.put("top", top);
    Json.writeFile(out.resolve(e.layer() + "_examples.json"), m);
    m.put("out", out.toString());
    CommandOutput.print(
        console,
        vis.json,
        m,
        String.format(
            java.util.Locale.ROOT,
            "%s: %d of %d units dead on %d test images %s; %d files in %s",
            e.layer(),
            dead.length,
            e.units(),
            e.count(),
            java.util.Arrays.toString(dead),
            files.size() + 1,
            out));
    return 0;
  }
}
