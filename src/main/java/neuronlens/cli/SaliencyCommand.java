package neuronlens.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import neuronlens.BadOptionException;
import neuronlens.data.Dataset;
import neuronlens.data.LoadedData;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.vis.DatasetExamples;
import neuronlens.vis.Gallery;
import neuronlens.vis.IntegratedGradients;
import neuronlens.vis.NeuronFiles;
import neuronlens.vis.SanityCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neuronlens saliency}: which pixels of a test image a class score depends on. */
@Command(
    name = "saliency",
    mixinStandardHelpOptions = true,
    description =
        "Gradient of a class logit with respect to the input, SmoothGrad, and integrated"
            + " gradients (exact, from a black image), over a test image.")
final class SaliencyCommand implements Callable<Integer> {
  private final Console console;

  @Mixin DebugOption debug;
  @Mixin VisOptions vis;
  @Mixin DataOptions data;

  @Option(
      names = "--out",
      defaultValue = "out/saliency",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--image",
      defaultValue = "0",
      paramLabel = "I",
      description = "Index of the test image (default: ${DEFAULT-VALUE}).")
  int image;

  @Option(names = "--class", paramLabel = "C", description = "Class to explain (default: label).")
  Integer cls;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "N",
      description = "Seed of SmoothGrad's noise (default: ${DEFAULT-VALUE}).")
  long seed;

  SaliencyCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Mlp mlp = vis.model();
    LoadedData loaded = data.load(console);
    Dataset test = loaded.splits().test();
    if (image < 0 || image >= test.count()) {
      throw new BadOptionException(
          "--image: expected 0.." + (test.count() - 1) + ", found " + image);
    }
    int c = cls == null ? test.label(image) : cls;
    if (c < 0 || c >= mlp.classes()) {
      throw new BadOptionException("--class: expected 0.." + (mlp.classes() - 1) + ", found " + c);
    }
    vis.prepare(out);
    Gallery.SaliencySummary sal =
        Gallery.saliency(
            new NeuronFiles(out, vis.raw),
            mlp,
            test,
            loaded.classes(),
            image,
            c,
            seed,
            Kernels.get());
    IntegratedGradients.Result ig = sal.integrated();
    SanityCheck sanity =
        SanityCheck.of(mlp, DatasetExamples.pixels(test, image), c, seed, Kernels.get());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("image", image);
    m.put("label", test.label(image));
    m.put("class", c);
    m.put("probability", sal.probability());
    m.put("integrated_gradients", ig.summary());
    m.put("sanity_check", sanity.summary());
    m.put("seed", seed);
    m.put("out", out.toString());
    CommandOutput.print(
        console,
        vis.json,
        m,
        String.format(
            java.util.Locale.ROOT,
            "test image %d (label %d), class %d, p = %.4f; integrated gradients add up to %.4f"
                + " (logit %.4f, of a black image %.4f, %d linear pieces); written to %s%n%s",
            image,
            test.label(image),
            c,
            sal.probability(),
            ig.sum(),
            ig.logit(),
            ig.baselineLogit(),
            ig.pieces(),
            out,
            sanityLine(sanity)));
    return 0;
  }

  /**
   * "sanity check (Adebayo et al. 2018), rank correlation of |map| over the 150 lit pixels with the
   * network's last layer / every layer random: gradient 0.25 / -0.04, ...".
   */
  static String sanityLine(SanityCheck s) {
    StringBuilder sb =
        new StringBuilder(
            "sanity check (Adebayo et al. 2018): rank correlation of |map| over the "
                + s.pixels()
                + " lit pixels with the same network, last layer / every layer random:");
    for (int i = 0; i < SanityCheck.NAMES.size(); i++) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "%s %s %.2f / %.2f",
              i == 0 ? "" : ";",
              SanityCheck.NAMES.get(i),
              s.lastLayer()[i],
              s.allLayers()[i]));
    }
    return sb.append(" (near 0: the map comes from what the network learned)").toString();
  }
}
