package neuronlens.vis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import neuronlens.nn.Softmax;
import neuronlens.tensor.Kernels;

/**
 * Activation maximization (Erhan et al. 2009; regularized as in Yosinski et al. 2015 and Olah et
 * al. 2017), batched: one input row per target unit, all rows of a layer optimized together. Each
 * step runs {@link InputGradient}, turns its gradient into the gradient of the loss {@code
 * -objective + l2·‖x‖² + tv·TV(x)} in the configured pixel space, and takes an Adam or ascent step;
 * then optional clipping and blur.
 */
public final class ActivationMaximizer {
  /** Rows per independent chunk at most: small enough for the buffers to stay in cache. */
  public static final int CHUNK_ROWS = 8;

  private final Mlp mlp;
  private final Kernels kernels;
  private final int threads;

  /** Runs on up to {@code threads} threads; results do not depend on the number. */
  public ActivationMaximizer(Mlp mlp, Kernels kernels, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: expected >= 1, found " + threads);
    }
    this.mlp = mlp;
    this.kernels = kernels;
    this.threads = threads;
  }

  /**
   * Optimizes one image per unit of {@code units} in layer {@code layer}, splitting the rows into
   * chunks of {@link #CHUNK_ROWS} run on up to {@code threads} threads.
   *
   * @param mean the dataset's mean image (784 raw pixels), needed only for {@link StartImage#MEAN}
   */
  public AmResult run(int layer, int[] units, AmConfig c, float[] mean) {
    boolean output = layer == mlp.layers().size() - 1;
    Objective objective = c.objectiveFor(output);
    int rows = units.length;
    int n = rows * ImageOps.PIXELS;
    float[] x = new float[n];
    SplittableRandom base = new SplittableRandom(c.seed());
    SplittableRandom[] jitterRng = new SplittableRandom[rows];
    for (int r = 0; r < rows; r++) {
      start(c, r, x, mean, base.split());
      jitterRng[r] = base.split();
    }
    float[] trace = new float[(c.steps() + 1) * rows];
    float[] raw = new float[n];
    List<float[]> frames = new ArrayList<>();
    if (c.frameEvery() > 0) {
      int count = c.steps() / c.frameEvery() + 1 + (c.steps() % c.frameEvery() == 0 ? 0 : 1);
      for (int f = 0; f < count; f++) {
        frames.add(new float[n]);
      }
    }
    List<Runnable> chunks = new ArrayList<>();
    // chunks of equal size, at most CHUNK_ROWS (10 rows: two of 5, which the vector kernels take
    // through a dense layer together, not 8 + 2), and small batches still split across threads
    int chunkCount = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
    int size = (rows + chunkCount - 1) / chunkCount;
    size = Math.max(1, Math.min(size, (rows + threads - 1) / threads));
    for (int from = 0; from < rows; from += size) {
      int to = Math.min(rows, from + size);
      chunks.add(
          new AmChunk(
              mlp, kernels, c, layer, units, objective, from, to, x, jitterRng, trace, raw,
              frames));
    }
    Parallel.run(chunks, threads);
    return finish(layer, units, objective, c, raw, trace, frames);
  }

  private static void start(AmConfig c, int r, float[] x, float[] mean, SplittableRandom rng) {
    float max = c.space().max();
    if (c.start() == StartImage.MEAN && mean == null) {
      throw new IllegalArgumentException("start mean: no mean image given");
    }
    for (int i = 0; i < ImageOps.PIXELS; i++) {
      x[r * ImageOps.PIXELS + i] =
          switch (c.start()) {
            case NOISE -> (float) (nextGaussian(rng) * max);
            case ZEROS -> 0f;
            case GRAY -> 0.5f * max;
            case MEAN -> mean[i] / c.space().toRaw();
          };
    }
  }

  /** A standard normal deviate (Box–Muller), so that results do not depend on the JDK's choice. */
  static double nextGaussian(SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble();
    double w = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
  }

  private AmResult finish(
      int layer,
      int[] units,
      Objective objective,
      AmConfig c,
      float[] raw,
      float[] trace,
      List<float[]> frames) {
    int rows = units.length;
    Forward f = new Forward(mlp, rows);
    float[] in = f.input();
    for (int i = 0; i < raw.length; i++) {
      in[i] = raw[i] * Mlp.RESCALE;
    }
    f.setRows(rows);
    f.run(kernels);
    float[] p = f.probabilities();
    int classes = mlp.classes();
    boolean output = layer == mlp.layers().size() - 1;
    float[] prob = output ? new float[rows] : null;
    int[] predicted = new int[rows];
    for (int r = 0; r < rows; r++) {
      predicted[r] = Softmax.argmax(p, r * classes, classes);
      if (prob != null) {
        prob[r] = p[r * classes + units[r]];
      }
    }
    return new AmResult(
        mlp.layers().get(layer).name(),
        units.clone(),
        objective,
        c,
        raw,
        trace,
        prob,
        predicted,
        frames);
  }
}
