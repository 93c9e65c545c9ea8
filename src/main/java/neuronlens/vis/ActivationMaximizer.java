package neuronlens.vis;

import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * Rows per chunk at most in the first layer, whose rows share no multi-row kernel (each row's
   * gradient is its unit's weights): finer pieces for the two threads to share out evenly
   * (alternating in one JVM, the seed preset over all 138 units of the seed's model: 4 rows faster
   * than 8 in 23 of 30 rounds, medians 0.182 -> 0.176 s; 6 rows slower than 4 in 21 of 30; 2 slower
   * again).
   */
  static final int FIRST_LAYER_CHUNK_ROWS = 4;

  private static final int NEGATIVE_ZERO = Float.floatToRawIntBits(-0f);

  private final Mlp mlp;
  private final Kernels kernels;
  private final int threads;
  private final boolean holdStill;

  /** Runs on up to {@code threads} threads; results do not depend on the number. */
  public ActivationMaximizer(Mlp mlp, Kernels kernels, int threads) {
    this(mlp, kernels, threads, true);
  }

  /** With {@code holdStill} false every row is optimized, still or not (for tests). */
  ActivationMaximizer(Mlp mlp, Kernels kernels, int threads, boolean holdStill) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: expected >= 1, found " + threads);
    }
    this.mlp = mlp;
    this.kernels = kernels;
    this.threads = threads;
    this.holdStill = holdStill;
  }

  /**
   * Optimizes one image per unit of {@code units} in layer {@code layer}, splitting the rows into
   * chunks of {@link #CHUNK_ROWS} ({@link #FIRST_LAYER_CHUNK_ROWS} in the first layer) run on up to
   * {@code threads} threads.
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
    // rows whose image no step would change are left out of the optimization (on the seed's
    // network, about half of the hidden units are silent at the noise start)
    float[] startValue = new float[rows];
    boolean[] still = stillRows(layer, units, objective, c, x, startValue);
    int[] live = new int[rows];
    int liveCount = 0;
    for (int r = 0; r < rows; r++) {
      if (still != null && still[r]) {
        hold(c, r, rows, x, startValue[r], trace, raw, frames);
      } else {
        live[liveCount++] = r;
      }
    }
    float[] stepSizes = c.optimizer() == Optimizer.ADAM ? AmChunk.stepSizes(c) : null;
    List<Runnable> chunks = new ArrayList<>();
    // chunks of equal size, at most CHUNK_ROWS (10 rows: two of 5, which the vector kernels take
    // through a dense layer together, not 8 + 2), and small batches still split across threads
    int most = layer == 0 ? FIRST_LAYER_CHUNK_ROWS : CHUNK_ROWS;
    int chunkCount = (liveCount + most - 1) / most;
    int size = chunkCount == 0 ? 1 : (liveCount + chunkCount - 1) / chunkCount;
    size = Math.max(1, Math.min(size, (liveCount + threads - 1) / threads));
    for (int from = 0; from < liveCount; from += size) {
      int[] ids = Arrays.copyOfRange(live, from, Math.min(liveCount, from + size));
      chunks.add(
          new AmChunk(
              mlp, kernels, c, layer, units, objective, ids, x, stepSizes, jitterRng, trace, raw,
              frames));
    }
    Parallel.run(chunks, threads);
    return finish(layer, units, objective, c, raw, trace, frames);
  }

  /**
   * Which rows' images no step would change, or null when the procedure moves images whatever their
   * gradient (jitter, blur). Such a row's loss gradient is zero at its start, and so is its first
   * moment: each step of Adam or ascent then leaves every pixel as it is (adds a zero to it), the
   * objective and its gradient stay as they were, and so on to the end. With clipping the start
   * must already lie in the box. Writes each row's objective at the start into {@code value}.
   */
  private boolean[] stillRows(
      int layer, int[] units, Objective objective, AmConfig c, float[] x, float[] value) {
    if (!holdStill || c.jitter() > 0 || c.blurEvery() > 0) {
      return null;
    }
    int rows = units.length;
    int n = x.length;
    float[] in = x;
    float toNet = c.space().toRescaled();
    if (toNet != 1f) {
      in = new float[n];
      for (int i = 0; i < n; i++) {
        in[i] = x[i] * toNet;
      }
    }
    float[] g = new float[n];
    float[] d = new float[n];
    new InputGradient(mlp, layer, units, objective).compute(kernels, in, value, g);
    AmChunk.lossGradient(kernels, c, rows, x, g, d);
    boolean[] still = new boolean[rows];
    for (int r = 0; r < rows; r++) {
      still[r] = true;
      for (int i = r * ImageOps.PIXELS; i < (r + 1) * ImageOps.PIXELS && still[r]; i++) {
        // a -0 pixel is left out too: ascent's x + (-rate)·(-0) would turn it into +0
        boolean unmoved = d[i] == 0f && Float.floatToRawIntBits(x[i]) != NEGATIVE_ZERO;
        boolean inBox = !c.clip() || (x[i] >= 0f && x[i] <= c.space().max());
        still[r] = unmoved && inBox;
      }
    }
    return still;
  }

  /** Fills the outputs of a still row {@code r}: its start image throughout, its start value. */
  private static void hold(
      AmConfig c,
      int r,
      int rows,
      float[] x,
      float value,
      float[] trace,
      float[] raw,
      List<float[]> frames) {
    for (int t = 0; t <= c.steps(); t++) {
      trace[t * rows + r] = value;
    }
    toRaw(c, x, r, raw, r);
    for (float[] f : frames) {
      toRaw(c, x, r, f, r);
    }
  }

  /** Row {@code r} of {@code x} (configured space) as raw pixels into row {@code dstRow} of dst. */
  static void toRaw(AmConfig c, float[] x, int r, float[] dst, int dstRow) {
    float f = c.space().toRaw();
    int o = r * ImageOps.PIXELS;
    int p = dstRow * ImageOps.PIXELS;
    for (int i = 0; i < ImageOps.PIXELS; i++) {
      dst[p + i] = x[o + i] * f;
    }
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
