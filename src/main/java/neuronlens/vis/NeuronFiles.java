package neuronlens.vis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import neuronlens.AtomicFiles;
import neuronlens.data.Dataset;

/**
 * Writes the files of each visualization into a directory, with the seed's names where it had one
 * ({@code neuron_2_weights.png}, {@code neuron_2_max_activation_input.png}); units of layers other
 * than {@code dense} get the layer name in front ({@code dense_1_neuron_3_weights.png}). With
 * {@code raw}, each picture's array is also written as {@code .npy} beside it.
 */
public final class NeuronFiles {
  private final Path dir;
  private final boolean raw;
  private final int threads;

  /** Writes into {@code dir} on up to two threads (one per core). */
  public NeuronFiles(Path dir, boolean raw) {
    this(dir, raw, Math.min(2, Runtime.getRuntime().availableProcessors()));
  }

  /** Writes into {@code dir}, rendering and encoding independent figures on {@code threads}. */
  public NeuronFiles(Path dir, boolean raw, int threads) {
    this.dir = dir;
    this.raw = raw;
    this.threads = Math.max(1, threads);
  }

  /** The file name stem of a unit: {@code neuron_2} or {@code dense_1_neuron_2}. */
  public static String stem(String layer, int unit) {
    return ("dense".equals(layer) ? "" : layer + "_") + "neuron_" + unit;
  }

  private static String prefix(String layer) {
    return "dense".equals(layer) ? "" : layer + "_";
  }

  /** Per-unit weight pictures and, with several units, a grid on one shared scale. */
  public List<Path> weights(WeightImages w, int[] units, Colormap cm) {
    List<Path> out =
        each(
            units.length,
            u -> {
              int j = units[u];
              String name = stem(w.layer(), j) + "_weights";
              float[] img = w.image(j);
              npy(name, img);
              return new Path[] {
                png(
                    name,
                    ImageRenderer.single(
                        img,
                        0,
                        w.layer() + " neuron " + j + " " + w.kind(),
                        ColorScale.symmetric(cm, img)))
              };
            });
    if (units.length > 1) {
      float[] all = w.select(units);
      out.add(
          png(
              prefix(w.layer()) + "weights_grid",
              ImageRenderer.grid(
                  all,
                  units.length,
                  labels(units),
                  gridColumns(units.length),
                  2,
                  w.layer() + ": " + w.kind() + " of " + units.length + " units (shared scale)",
                  ColorScale.symmetric(cm, all))));
    }
    return out;
  }

  /** Per-unit AM pictures (gray, 0–255 when clipped), a grid, the objective curves, GIFs. */
  public List<Path> maximize(AmResult r, boolean gif) {
    float[] imgs = r.images();
    ColorScale shared =
        r.config().clip()
            ? new ColorScale(Colormap.GRAY, 0, 255)
            : ColorScale.range(Colormap.GRAY, imgs);
    List<float[]> curves = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < r.rows(); i++) {
      curves.add(r.curve(i));
      names.add("neuron " + r.units()[i]);
    }
    List<Path> out = new ArrayList<>(each(r.rows(), i -> maximizeOf(r, i, gif, shared)));
    String pre = prefix(r.layer());
    out.add(
        png(
            pre + "max_activation_objective",
            Plots.curves(
                curves,
                names,
                r.layer()
                    + ": objective ("
                    + r.objective().id()
                    + ") during activation maximization")));
    if (r.rows() > 1) {
      out.add(
          png(
              pre + "max_activation_grid",
              ImageRenderer.grid(
                  imgs,
                  r.rows(),
                  labels(r.units()),
                  gridColumns(r.rows()),
                  2,
                  r.layer() + ": activation maximization, input pixels 0–255",
                  shared)));
    }
    return out;
  }

  private Path[] maximizeOf(AmResult r, int i, boolean gif, ColorScale shared) {
    String name = stem(r.layer(), r.units()[i]) + "_max_activation_input";
    float[] img = r.image(i);
    ColorScale s = r.config().clip() ? shared : ColorScale.range(Colormap.GRAY, img);
    npy(name, img);
    Path png =
        png(
            name,
            ImageRenderer.single(
                img,
                0,
                r.layer()
                    + " neuron "
                    + r.units()[i]
                    + ": activation maximization ("
                    + r.objective().id()
                    + ")",
                s));
    if (!gif || r.frames().isEmpty()) {
      return new Path[] {png};
    }
    List<java.awt.image.BufferedImage> frames = new ArrayList<>();
    for (float[] f : r.frames()) {
      frames.add(
          ImageRenderer.single(
              f,
              i * ImageOps.PIXELS,
              r.layer() + " neuron " + r.units()[i] + ": activation maximization",
              shared));
    }
    Path p = dir.resolve(stem(r.layer(), r.units()[i]) + "_max_activation.gif");
    GifWriter.write(p, frames, 100);
    return new Path[] {png, p};
  }

  /** Side-by-side figures, the correlations as CSV and their histogram. */
  public List<Path> compare(WeightImages w, AmResult r, Comparison c) {
    float[] wsel = w.select(r.units());
    List<Path> out =
        each(
            r.rows(),
            i -> {
              int j = r.units()[i];
              float[] wi = w.image(j);
              float[] ai = r.image(i);
              float[] agree = new float[ImageOps.PIXELS];
              System.arraycopy(c.agreement(), i * ImageOps.PIXELS, agree, 0, ImageOps.PIXELS);
              return new Path[] {
                png(
                    stem(r.layer(), j) + "_compare",
                    ImageRenderer.panels(
                        List.of(
                            new ImageRenderer.Panel(
                                wi, w.kind(), ColorScale.symmetric(Colormap.DIVERGING, wi)),
                            new ImageRenderer.Panel(
                                ai, "AM image (0–255)", ColorScale.range(Colormap.GRAY, ai)),
                            new ImageRenderer.Panel(
                                agree,
                                "agreement z(w)·z(x)",
                                ColorScale.symmetric(Colormap.DIVERGING, agree))),
                        String.format(
                            java.util.Locale.ROOT,
                            "%s neuron %d: weights vs AM, Pearson r = %.3f",
                            r.layer(),
                            j,
                            c.correlation()[i])))
              };
            });
    Path csv = dir.resolve(prefix(r.layer()) + "correlations.csv");
    AtomicFiles.writeString(csv, c.csv());
    out.add(csv);
    float[] rs = new float[c.correlation().length];
    for (int i = 0; i < rs.length; i++) {
      rs[i] = (float) c.correlation()[i];
    }
    out.add(
        png(
            prefix(r.layer()) + "correlation_histogram",
            Plots.histogram(
                rs,
                20,
                String.format(
                    java.util.Locale.ROOT,
                    "%s: weights vs AM, Pearson r (mean %.3f, %d units)",
                    r.layer(),
                    c.mean(),
                    rs.length),
                "Pearson r")));
    npy(prefix(r.layer()) + "weights_selected", wsel);
    return out;
  }

  /** Per-unit top images and activation histograms. */
  public List<Path> examples(DatasetExamples e, Dataset ds, int[] units) {
    return each(units.length, u -> examplesOf(e, ds, units[u]));
  }

  /**
   * Runs {@code body} for items {@code 0 .. count-1} on this writer's threads (figures are
   * independent), returning the files in item order.
   */
  private List<Path> each(int count, java.util.function.IntFunction<Path[]> body) {
    Path[][] written = new Path[count][];
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int slot = i;
      tasks.add(() -> written[slot] = body.apply(slot));
    }
    Parallel.run(tasks, threads);
    List<Path> out = new ArrayList<>();
    for (Path[] w : written) {
      out.addAll(List.of(w));
    }
    return out;
  }

  private Path[] examplesOf(DatasetExamples e, Dataset ds, int j) {
    int[] top = e.top()[j];
    float[] imgs = new float[top.length * ImageOps.PIXELS];
    String[] labels = new String[top.length];
    for (int t = 0; t < top.length; t++) {
      System.arraycopy(
          DatasetExamples.pixels(ds, top[t]), 0, imgs, t * ImageOps.PIXELS, ImageOps.PIXELS);
      labels[t] =
          String.format(
              java.util.Locale.ROOT, "#%d a=%.2f", top[t], e.activations()[top[t] * e.units() + j]);
    }
    String stem = stem(e.layer(), j);
    return new Path[] {
      png(
          stem + "_top_examples",
          ImageRenderer.grid(
              imgs,
              top.length,
              labels,
              3,
              3,
              e.layer()
                  + " neuron "
                  + j
                  + ": top "
                  + top.length
                  + " test images"
                  + (e.dead()[j] ? " (dead)" : ""),
              new ColorScale(Colormap.GRAY, 0, 255))),
      png(
          stem + "_activation_histogram",
          Plots.histogram(
              e.column(j),
              30,
              e.layer()
                  + " neuron "
                  + j
                  + ": activation on "
                  + e.count()
                  + " images"
                  + (e.dead()[j] ? " (dead: never active)" : ""),
              "post-ReLU activation"))
    };
  }

  /**
   * Each unit knocked out: {@code ablation.csv} (every unit's row, {@link Ablation#csv}), {@code
   * ablation.png} (class selectivity against the loss it adds, the five units that add most
   * labelled), {@code ablation_curve.csv} and {@code .png} (the test accuracy as the live units are
   * knocked out one after another, in each of {@link KnockOutCurve#ORDERS}) and, with {@code raw},
   * {@code ablation_class_change.npy} (units, classes).
   */
  public List<Path> ablation(Ablation a, KnockOutCurve curve) {
    String pre = prefix(a.layer());
    List<Path> out = new ArrayList<>();
    Path csv = dir.resolve(pre + "ablation.csv");
    AtomicFiles.writeString(csv, a.csv());
    out.add(csv);
    double[] loss = new double[a.units()];
    String[] names = new String[a.units()];
    for (int j = 0; j < a.units(); j++) {
      loss[j] = a.lossChange(j);
    }
    int[] order = a.byLossChange();
    for (int r = 0; r < Math.min(5, order.length); r++) {
      names[order[r]] = Integer.toString(order[r]);
    }
    out.add(
        png(
            pre + "ablation",
            Plots.scatter(
                a.selectivity(),
                loss,
                names,
                String.format(
                    java.util.Locale.ROOT,
                    "%s: each of %d live units knocked out, %,d images (Spearman ρ = %.2f)",
                    a.layer(),
                    a.live(),
                    a.count(),
                    a.selectivityCorrelation()),
                "class selectivity of the unit",
                "loss increase when knocked out")));
    Path curveCsv = dir.resolve(pre + "ablation_curve.csv");
    AtomicFiles.writeString(curveCsv, curve.csv());
    out.add(curveCsv);
    List<float[]> lines = new ArrayList<>();
    for (int o = 0; o < KnockOutCurve.ORDERS.size(); o++) {
      float[] y = new float[curve.live() + 1];
      for (int k = 0; k <= curve.live(); k++) {
        y[k] = (float) (100 * curve.accuracy(o, k));
      }
      lines.add(y);
    }
    out.add(
        png(
            pre + "ablation_curve",
            Plots.curves(
                lines,
                KnockOutCurve.ORDERS,
                String.format(
                    java.util.Locale.ROOT,
                    "%s: live units knocked out one after another, %,d images",
                    a.layer(),
                    a.count()),
                "units knocked out",
                "accuracy (%)")));
    if (raw) {
      float[] change = new float[a.units() * a.classes()];
      for (int j = 0; j < a.units(); j++) {
        for (int c = 0; c < a.classes(); c++) {
          change[j * a.classes() + c] = (float) a.classAccuracyChange(j, c);
        }
      }
      Path npy = dir.resolve(pre + "ablation_class_change.npy");
      NpyWriter.write(npy, change, a.units(), a.classes());
      out.add(npy);
    }
    return out;
  }

  /**
   * Two models' units matched ({@link UnitMatch}): {@code match.csv}, {@code match.png} (the 12
   * most alike pairs, each unit's weights beside its match's, on one scale), {@code
   * match_histogram.png} (the matched correlations) and, with {@code raw}, {@code
   * match_correlation.npy} (units of A, units of B).
   */
  public List<Path> match(UnitMatch m, WeightImages a, WeightImages b) {
    String pre = prefix(m.layer());
    List<Path> out = new ArrayList<>();
    Path csv = dir.resolve(pre + "match.csv");
    AtomicFiles.writeString(csv, m.csv());
    out.add(csv);
    int[] order = m.byMatch();
    int pairs = Math.min(12, order.length);
    float[] imgs = new float[2 * pairs * ImageOps.PIXELS];
    String[] labels = new String[2 * pairs];
    for (int i = 0; i < pairs; i++) {
      int p = order[i];
      System.arraycopy(a.image(p), 0, imgs, 2 * i * ImageOps.PIXELS, ImageOps.PIXELS);
      System.arraycopy(
          b.image(m.match()[p]), 0, imgs, (2 * i + 1) * ImageOps.PIXELS, ImageOps.PIXELS);
      labels[2 * i] = "A " + p;
      labels[2 * i + 1] =
          String.format(java.util.Locale.ROOT, "B %d  r %.2f", m.match()[p], m.matched(p));
    }
    if (pairs > 0) {
      out.add(
          png(
              pre + "match",
              ImageRenderer.grid(
                  imgs,
                  2 * pairs,
                  labels,
                  8,
                  3,
                  String.format(
                      java.util.Locale.ROOT,
                      "%s: the %d most alike units of A and B (%s), mean r of all %d matched %.2f",
                      m.layer(),
                      pairs,
                      a.kind(),
                      order.length,
                      m.meanMatched()),
                  ColorScale.symmetric(Colormap.DIVERGING, imgs))));
    }
    float[] r = new float[order.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) m.matched(order[i]);
    }
    out.add(
        png(
            pre + "match_histogram",
            Plots.histogram(
                r,
                20,
                String.format(
                    java.util.Locale.ROOT,
                    "%s: correlation of each of %d units of A with its match in B",
                    m.layer(),
                    r.length),
                "Pearson r of the activations")));
    if (raw) {
      float[] c = new float[m.correlation().length];
      for (int i = 0; i < c.length; i++) {
        c[i] = (float) m.correlation()[i];
      }
      Path npy = dir.resolve(pre + "match_correlation.npy");
      NpyWriter.write(npy, c, m.unitsA(), m.unitsB());
      out.add(npy);
    }
    return out;
  }

  /** Writes a PNG named {@code name}.png. */
  public Path png(String name, java.awt.image.BufferedImage img) {
    Path p = dir.resolve(name + ".png");
    PictureWriter.png(p, img);
    return p;
  }

  /** With {@code raw}, writes {@code img} (784 values) as {@code name}.npy, shape (28, 28). */
  public void npy(String name, float[] img) {
    if (raw) {
      int n = img.length / ImageOps.PIXELS;
      NpyWriter.write(
          dir.resolve(name + ".npy"), img, n == 1 ? new int[] {28, 28} : new int[] {n, 28, 28});
    }
  }

  static String[] labels(int[] units) {
    String[] l = new String[units.length];
    for (int i = 0; i < units.length; i++) {
      l[i] = Integer.toString(units[i]);
    }
    return l;
  }

  static int gridColumns(int count) {
    return count >= 128
        ? 16
        : count > 10 ? (int) Math.ceil(Math.sqrt(count * 2.0)) : count > 5 ? 5 : count;
  }
}
