package neuronlens.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import neuronlens.data.CacheDirs;
import neuronlens.data.ClassNames;
import neuronlens.data.DataLoader;
import neuronlens.data.Dataset;
import neuronlens.data.FetchProgress;
import neuronlens.keras.KerasWeights;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.train.Evaluation;
import neuronlens.vis.AmConfig;
import neuronlens.vis.Gallery;
import neuronlens.vis.LayerAnalysis;

/**
 * Timing harness, not a unit test: the report of the seed's model, phase by phase, wall and process
 * CPU time, best of 5, data and weights already in memory. Run with {@code java --add-modules
 * jdk.incubator.vector -cp target/neuronlens.jar:target/test-classes neuronlens.report.ReportTiming
 * [weights] [out]}; {@code -Dthreads=N}, {@code -Dsteps=N}.
 */
public final class ReportTiming {
  private ReportTiming() {}

  public static void main(String[] args) throws IOException {
    Mlp mlp =
        KerasWeights.read(Path.of(args.length > 0 ? args[0] : "../shared/seed/model.weights.h5"))
            .model();
    Path out = Path.of(args.length > 1 ? args[1] : "target/report-timing");
    Dataset test =
        new DataLoader(CacheDirs.defaultRoot(), FetchProgress.silent())
            .load("mnist")
            .splits()
            .test();
    int threads = Integer.getInteger("threads", 2);
    AmConfig am = AmConfig.naturalPreset().withSteps(Integer.getInteger("steps", 500));
    Kernels k = Kernels.get();
    double best = Double.MAX_VALUE;
    for (int rep = 0; rep < 5; rep++) {
      long c0 = cpu();
      long t0 = System.nanoTime();
      List<LayerAnalysis> layers = Gallery.analyze(mlp, test, k, threads, am);
      long t1 = System.nanoTime();
      Evaluation e = Evaluation.of(mlp, test);
      Report r =
          ReportBuilder.build("seed", mlp, test, ClassNames.DIGITS, e, List.of(), layers, k, 1);
      long t2 = System.nanoTime();
      Map<String, String> src = ReportWriter.encode(r.pictures(), threads);
      long t3 = System.nanoTime();
      String html = ReportRenderer.render(r, src);
      long t4 = System.nanoTime();
      ReportWriter.write(out, r, threads);
      long t5 = System.nanoTime();
      double total = (t2 - t0 + t5 - t4) / 1e9; // analysis + build + write (encode and render)
      best = Math.min(best, total);
      System.out.printf(
          "run %d: analysis %.3f s, eval+build %.3f s, encode %.3f s, render %.3f"
              + " s (%d kB), write %.3f s; report %.3f s wall; whole run %.3f s CPU%n",
          rep,
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9,
          (t3 - t2) / 1e9,
          (t4 - t3) / 1e9,
          html.length() / 1024,
          (t5 - t4) / 1e9,
          total,
          (cpu() - c0) / 1e9);
    }
    System.out.printf(
        "best of 5: %.3f s (%s kernels, %d threads, %d AM steps)%n",
        best, k.name(), threads, am.steps());
    imageIoComparison(mlp, test, k);
  }

  /** Our encoder against ImageIO on the same pictures. */
  private static void imageIoComparison(Mlp mlp, Dataset test, Kernels k) throws IOException {
    List<Picture> pics =
        ReportBuilder.build(
                "seed",
                mlp,
                test,
                ClassNames.DIGITS,
                Evaluation.of(mlp, test),
                List.of(),
                Gallery.analyze(mlp, test, k, 2, AmConfig.naturalPreset().withSteps(5)),
                k,
                1)
            .pictures();
    for (int rep = 0; rep < 3; rep++) {
      long a = System.nanoTime();
      long ours = 0;
      for (Picture p : pics) {
        ours += ReportWriter.png(p).length;
      }
      long b = System.nanoTime();
      long theirs = 0;
      for (Picture p : pics) {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 784; i++) {
          img.setRGB(i % 28, i / 28, p.scale().rgb(p.values()[i]));
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ImageIO.write(img, "png", o);
        theirs += o.size();
      }
      long c = System.nanoTime();
      System.out.printf(
          "%d pictures, one thread: ours %.3f s (%d kB), ImageIO %.3f s (%d kB)%n",
          pics.size(), (b - a) / 1e9, ours / 1024, (c - b) / 1e9, theirs / 1024);
    }
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
