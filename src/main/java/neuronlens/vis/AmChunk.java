package neuronlens.vis;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;

/**
 * The optimization loop of {@link ActivationMaximizer} for a few rows, with its own buffers, so
 * that chunks can run on separate threads; small chunks also keep the buffers in cache. Row {@code
 * r}'s randomness comes from its own generators, so results do not depend on the split.
 */
final class AmChunk implements Runnable {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float ONE_MINUS_BETA1 = (float) (1 - 0.9);
  private static final float ONE_MINUS_BETA2 = (float) (1 - 0.999);
  private static final float EPSILON = 1e-7f;

  private final Kernels kernels;
  private final AmConfig c;
  private final InputGradient ig;
  private final int[] ids; // the rows of the whole run this chunk optimizes
  private final int total;
  private final SplittableRandom[] jitterRng;
  private final float[] x; // (rows, 784) in the configured space
  private final float[] trace; // shared (steps + 1, total)
  private final float[] rawOut; // shared (total, 784)
  private final List<float[]> frames; // shared, each (total, 784)
  private final float[] stepSizes; // (steps): Adam's step size at each step, or null

  AmChunk(
      Mlp mlp,
      Kernels kernels,
      AmConfig c,
      int layer,
      int[] units,
      Objective objective,
      int[] ids,
      float[] start,
      float[] stepSizes,
      SplittableRandom[] jitterRng,
      float[] trace,
      float[] rawOut,
      List<float[]> frames) {
    this.kernels = kernels;
    this.c = c;
    int[] mine = new int[ids.length];
    this.x = new float[ids.length * ImageOps.PIXELS];
    for (int r = 0; r < ids.length; r++) {
      mine[r] = units[ids[r]];
      System.arraycopy(start, ids[r] * ImageOps.PIXELS, x, r * ImageOps.PIXELS, ImageOps.PIXELS);
    }
    this.ig = new InputGradient(mlp, layer, mine, objective);
    this.ids = ids;
    this.total = units.length;
    this.jitterRng = jitterRng;
    this.trace = trace;
    this.rawOut = rawOut;
    this.frames = frames;
    this.stepSizes = stepSizes;
  }

  /**
   * Adam's step size with its bias correction at each step of {@code c}, shared by all chunks: the
   * same float each chunk used to compute at every step.
   */
  static float[] stepSizes(AmConfig c) {
    float[] alpha = new float[c.steps()];
    for (int t = 0; t < alpha.length; t++) {
      int step = t + 1;
      alpha[t] =
          (float)
              (c.learningRate()
                  * Math.sqrt(1 - Math.pow(BETA2, step))
                  / (1 - Math.pow(BETA1, step)));
    }
    return alpha;
  }

  @Override
  public void run() {
    int rows = ig.rows();
    int n = x.length;
    float toNet = c.space().toRescaled();
    float[] xin = new float[n];
    float[] g = new float[n];
    float[] d = new float[n];
    float[] m = c.optimizer() == Optimizer.ADAM ? new float[n] : null;
    float[] v = c.optimizer() == Optimizer.ADAM ? new float[n] : null;
    float[] value = new float[rows];
    int[] dy = new int[rows];
    int[] dx = new int[rows];
    float[] blurKernel = c.blurEvery() > 0 ? ImageOps.gaussian(c.blurSigma()) : null;
    float[] tmp =
        blurKernel == null
            ? null
            : new float[Kernels.blurScratch(ImageOps.SIDE, blurKernel.length)];
    // a first-layer unit without jitter or regularizers: each row's loss gradient is its weights
    // times the space's factor while the unit counts, and that factor times zero while not. Both
    // computed once here, instead of each step writing the objective's gradient and scaling it
    boolean direct = ig.gradientIsWeights() && c.jitter() == 0 && c.l2() == 0 && c.tv() == 0;
    float[] dActive = null;
    float[] dIdle = null;
    if (direct) {
      float s = -c.space().toRescaled();
      float[] w = ig.weights();
      dActive = w.clone();
      scale(dActive, s);
      dIdle = new float[ImageOps.PIXELS];
      Arrays.fill(dIdle, 0f * s);
    }
    // and when the network reads the images as they are and nothing moves them after Adam's step,
    // that step also gives each row's next sum (one pass over the image, not two): the next
    // objective comes from it
    float[] sums =
        direct && m != null && toNet == 1f && !c.clip() && blurKernel == null
            ? new float[rows]
            : null;
    int frame = 0;
    for (int t = 0; ; t++) {
      boolean last = t == c.steps();
      if (c.frameEvery() > 0 && (t % c.frameEvery() == 0 || last)) {
        copyRaw(frames.get(frame++));
      }
      boolean jit = c.jitter() > 0 && !last;
      if (jit) {
        shift(rows, xin, dy, dx);
      }
      float[] input = xin;
      if (!jit && toNet == 1f) {
        input = x; // the network reads the image as it is: no copy
      } else {
        if (!jit) {
          System.arraycopy(x, 0, xin, 0, n);
        }
        if (toNet != 1f) {
          scale(xin, toNet);
        }
      }
      if (sums != null && t > 0) {
        ig.fromSums(sums, value);
      } else {
        ig.compute(kernels, input, value, last || direct ? null : g);
      }
      record(t, value);
      if (last) {
        break;
      }
      float alpha = m != null ? stepSizes[t] : 0f;
      if (direct) {
        updateDirect(rows, dActive, dIdle, m, v, alpha, sums);
      } else {
        lossGradient(rows, jit, dy, dx, g, d);
        if (m != null) {
          kernels.adam(n, x, d, m, v, alpha, ONE_MINUS_BETA1, ONE_MINUS_BETA2, EPSILON);
        } else {
          kernels.axpy(n, (float) -c.learningRate(), d, 0, x, 0);
        }
      }
      if (c.clip()) {
        ImageOps.clip(x, n, 0f, c.space().max());
      }
      if (blurKernel != null && (t + 1) % c.blurEvery() == 0) {
        kernels.blur(rows, ImageOps.SIDE, x, blurKernel, tmp);
      }
    }
    copyRaw(rawOut);
  }

  // The loops over rows live in methods of their own: compiled once each, not as further entry
  // points into the step loop's compiled code (each took a compilation of its own there)

  /** Each row shifted by its next jitter, from {@code x} into {@code xin}. */
  private void shift(int rows, float[] xin, int[] dy, int[] dx) {
    for (int r = 0; r < rows; r++) {
      SplittableRandom rng = jitterRng[ids[r]];
      dy[r] = rng.nextInt(2 * c.jitter() + 1) - c.jitter();
      dx[r] = rng.nextInt(2 * c.jitter() + 1) - c.jitter();
      ImageOps.roll(x, xin, r, dy[r], dx[r]);
    }
  }

  private static void scale(float[] a, float f) {
    for (int i = 0; i < a.length; i++) {
      a[i] *= f;
    }
  }

  /** Step {@code t}'s objective of each row into the shared trace. */
  private void record(int t, float[] value) {
    for (int r = 0; r < ids.length; r++) {
      trace[t * total + ids[r]] = value[r];
    }
  }

  /**
   * One step of Adam (or plain ascent without moments) on each row from the gradient it has now:
   * its weights' {@code dActive} while its unit counts, {@code dIdle} while not; the same
   * arithmetic for each value as one call over all rows. With {@code sums}, each row's updated
   * image times its unit's weights into it.
   */
  private void updateDirect(
      int rows, float[] dActive, float[] dIdle, float[] m, float[] v, float alpha, float[] sums) {
    for (int r = 0; r < rows; r++) {
      boolean on = ig.active(r);
      float[] src = on ? dActive : dIdle;
      int from = on ? r * ImageOps.PIXELS : 0;
      int at = r * ImageOps.PIXELS;
      if (sums != null) {
        sums[r] =
            kernels.adamAtDot(
                ImageOps.PIXELS,
                x,
                m,
                v,
                at,
                src,
                from,
                alpha,
                ONE_MINUS_BETA1,
                ONE_MINUS_BETA2,
                EPSILON,
                ig.weights(),
                at);
      } else if (m != null) {
        kernels.adamAt(
            ImageOps.PIXELS,
            x,
            m,
            v,
            at,
            src,
            from,
            alpha,
            ONE_MINUS_BETA1,
            ONE_MINUS_BETA2,
            EPSILON);
      } else {
        kernels.axpy(ImageOps.PIXELS, (float) -c.learningRate(), src, from, x, at);
      }
    }
  }

  /** {@code d} = gradient of the loss in the configured space, from the objective's gradient. */
  private void lossGradient(int rows, boolean jit, int[] dy, int[] dx, float[] g, float[] d) {
    if (jit) {
      float s = -c.space().toRescaled();
      for (int r = 0; r < rows; r++) {
        ImageOps.roll(g, d, r, -dy[r], -dx[r]);
      }
      for (int i = 0; i < x.length; i++) {
        d[i] *= s;
      }
      addRegularizers(kernels, c, rows, x, d);
    } else {
      lossGradient(kernels, c, rows, x, g, d);
    }
  }

  /**
   * {@code d} = gradient of the loss at unshifted images {@code x}, from the objective's {@code g}.
   */
  static void lossGradient(Kernels k, AmConfig c, int rows, float[] x, float[] g, float[] d) {
    float s = -c.space().toRescaled();
    for (int i = 0, n = rows * ImageOps.PIXELS; i < n; i++) {
      d[i] = g[i] * s; // the same product as copying, then scaling
    }
    addRegularizers(k, c, rows, x, d);
  }

  private static void addRegularizers(Kernels k, AmConfig c, int rows, float[] x, float[] d) {
    if (c.l2() > 0) {
      k.axpy(rows * ImageOps.PIXELS, (float) (2 * c.l2()), x, 0, d, 0);
    }
    if (c.tv() > 0) {
      k.addTvGradient(rows, ImageOps.SIDE, x, (float) c.tv(), d);
    }
  }

  private void copyRaw(float[] dst) {
    for (int r = 0; r < ids.length; r++) {
      ActivationMaximizer.toRaw(c, x, r, dst, ids[r]);
    }
  }
}
