package neuronlens.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import neuronlens.BadOptionException;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.vis.Colormap;
import neuronlens.vis.NeuronFiles;
import neuronlens.vis.WeightImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuronlens weights}: each unit's weights as a 28×28 picture. */
@Command(
    name = "weights",
    mixinStandardHelpOptions = true,
    description =
        "Draw each unit's incoming weights as a 28x28 image (deeper layers: effective"
            + " weights, the product of the kernels with ReLUs ignored).")
final class WeightsCommand implements Callable<Integer> {
  private final Console console;

  @Mixin DebugOption debug;
  @Mixin VisOptions vis;

  @Option(
      names = "--out",
      defaultValue = "out/weights",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--colormap",
      defaultValue = "diverging",
      completionCandidates = Names.Colormaps.class,
      paramLabel = "COLORMAP",
      description = "diverging (blue-white-red, default) or gray (lighter = more positive).")
  String colormap;

  WeightsCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Colormap cm = Colormap.byId(colormap);
    if (cm == null) {
      throw new BadOptionException("--colormap: expected diverging or gray, found " + colormap);
    }
    Mlp mlp = vis.model();
    int l = vis.layerIndex(mlp);
    int[] units = vis.units(mlp, l);
    WeightImages w = WeightImages.of(mlp, l, Kernels.get());
    vis.prepare(out);
    List<Path> files = new NeuronFiles(out, vis.raw).weights(w, units, cm);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layer", w.layer());
    m.put("exact", w.exact());
    m.put("units", units.length);
    m.put("files", files.stream().map(Path::toString).toList());
    CommandOutput.print(
        console,
        vis.json,
        m,
        files.size()
            + " files in "
            + out
            + (w.exact() ? "" : " (effective weights: an approximation, ReLUs ignored)"));
    return 0;
  }
}
