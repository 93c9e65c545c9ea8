package neuronlens.train;

import java.util.Arrays;
import neuronlens.data.SparseImages;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.nn.Softmax;
import neuronlens.tensor.Kernels;

/**
 * One training step (forward, loss, backward, Adam) with the work of the big first layer split by
 * output columns among threads. Each value is computed by the same operations in the same order
 * whatever the split, so the result does not depend on the number of threads, and it equals {@link
 * neuronlens.nn.Forward} + {@link neuronlens.nn.Backward} + {@link Adam} with the same kernels bit
 * for bit. Phases of a step: (A) every thread computes its columns of the first layer from the
 * batch's non-zero pixels; (B) the calling thread runs the small remaining layers, the loss and the
 * backward pass down to the first layer while one worker lists the batch's non-zeros by pixel; (C)
 * every thread computes its columns' first-layer gradient and applies Adam to them in one pass, so
 * that gradient is never stored. The step returns only when every thread is done, so the caller may
 * read or save the model between steps.
 */
final class StepEngine implements AutoCloseable {
  /** Each pixel value times 1/255, as the Rescaling layer computes it (the same float product). */
  private static final float[] RESCALED = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      RESCALED[v] = v * Mlp.RESCALE;
    }
  }

  private final Kernels k;
  private final Mlp mlp;
  private final Dense first;
  private final int h0; // units of the first layer
  private final int threads;
  private final int[] colFrom; // (threads): first-layer columns of each thread
  private final int[] colTo;
  private final int[] nzStart; // (capacity + 1): the batch's non-zeros, row by row
  private final int[] nzIndex;
  private final float[] nzValue;
  private final int[] colStart; // (785): the same non-zeros, pixel by pixel
  private final int[] colFill; // (784)
  private final int[] colRow;
  private final float[] colValue;
  private final float[][] z; // per layer (capacity, units): pre-activation
  private final float[][] a; // per layer (capacity, units): activation
  private final float[][] dz; // per layer (capacity, units): dLoss/dz
  private final float[][] grads; // Keras variable order; first layer's kernel gradient unused
  private final float[][] scratch; // per thread (h0)
  private final AdamState adam;
  private final float oneMinusBeta1;
  private final float oneMinusBeta2;
  private final float epsilon;
  private final SpinBarrier barrier;
  private final Thread[] workers;
  private volatile boolean closed;
  private int rows;
  private float alpha;

  /** Sum of the batch's losses and its correct predictions, after {@link #step}. */
  double lossSum;

  int correct;

  StepEngine(Kernels k, Mlp mlp, AdamState adam, int capacity, int threads, Adam optimizer) {
    this.k = k;
    this.mlp = mlp;
    this.first = mlp.layers().get(0);
    this.h0 = first.units();
    this.adam = adam;
    this.oneMinusBeta1 = optimizer.oneMinusBeta1();
    this.oneMinusBeta2 = optimizer.oneMinusBeta2();
    this.epsilon = optimizer.epsilon();
    int chunks = (h0 + 15) / 16;
    this.threads = Math.max(1, Math.min(threads, chunks));
    int per = (chunks + this.threads - 1) / this.threads * 16;
    colFrom = new int[this.threads];
    colTo = new int[this.threads];
    for (int t = 0; t < this.threads; t++) {
      colFrom[t] = Math.min(h0, t * per);
      colTo[t] = Math.min(h0, (t + 1) * per);
    }
    int in = Mlp.INPUTS;
    nzStart = new int[capacity + 1];
    nzIndex = new int[capacity * in];
    nzValue = new float[capacity * in];
    colStart = new int[in + 1];
    colFill = new int[in];
    colRow = new int[capacity * in];
    colValue = new float[capacity * in];
    int n = mlp.layers().size();
    z = new float[n][];
    a = new float[n][];
    dz = new float[n][];
    grads = new float[2 * n][];
    for (int l = 0; l < n; l++) {
      Dense d = mlp.layers().get(l);
      z[l] = new float[capacity * d.units()];
      a[l] = new float[capacity * d.units()];
      dz[l] = new float[capacity * d.units()];
      grads[2 * l] = l == 0 ? null : new float[d.inputs() * d.units()];
      grads[2 * l + 1] = new float[d.units()];
    }
    scratch = new float[this.threads][h0];
    barrier = new SpinBarrier(this.threads);
    workers = new Thread[this.threads - 1];
    for (int t = 1; t < this.threads; t++) {
      int id = t;
      workers[t - 1] = new Thread(() -> work(id), "neuronlens-train-" + t);
      workers[t - 1].setDaemon(true);
      workers[t - 1].start();
    }
  }

  /** Threads actually used (no more than 16-column chunks of the first layer). */
  int threads() {
    return threads;
  }

  /** The output probabilities of the last step, (rows, classes). */
  float[] probabilities() {
    return a[a.length - 1];
  }

  /**
   * Takes one step on images {@code order[first .. first + rows)} with Adam's step size {@code
   * alpha} (bias correction included) and advances the optimizer's iteration count.
   */
  void step(SparseImages data, byte[] labels, int[] order, int first, int rows, float alpha) {
    load(data, order, first, rows);
    this.alpha = alpha;
    sync();
    forwardFirst(0);
    sync();
    if (threads == 1) {
      listByPixel();
    }
    middle(labels, order, first);
    sync();
    gradAdamFirst(0);
    sync();
    adam.increment();
  }

  private void work(int t) {
    while (true) {
      barrier.await();
      if (closed) {
        return;
      }
      forwardFirst(t);
      barrier.await();
      if (closed) {
        return;
      }
      if (t == 1) {
        listByPixel();
      }
      barrier.await();
      if (closed) {
        return;
      }
      gradAdamFirst(t);
      barrier.await();
    }
  }

  private void sync() {
    if (threads > 1) {
      barrier.await();
    }
  }

  /** Copies the batch's non-zeros, rescaled, and counts them per pixel for {@link #listByPixel}. */
  private void load(SparseImages data, int[] order, int first, int rows) {
    Arrays.fill(colStart, 0);
    int e = 0;
    for (int r = 0; r < rows; r++) {
      int img = order[first + r];
      nzStart[r] = e;
      for (int q = data.start(img), end = data.end(img); q < end; q++) {
        int i = data.index(q);
        nzIndex[e] = i;
        nzValue[e++] = RESCALED[data.pixel(q)];
        colStart[i + 1]++;
      }
    }
    nzStart[rows] = e;
    this.rows = rows;
  }

  /** Phase A: this thread's columns of the first layer, then ReLU. */
  private void forwardFirst(int t) {
    int c0 = colFrom[t];
    int c1 = colTo[t];
    if (c0 == c1) {
      return;
    }
    k.sparseMatmulBiasCols(
        rows, nzStart, nzIndex, nzValue, h0, c0, c1, first.kernel(), first.bias(), z[0]);
    for (int r = 0; r < rows; r++) {
      for (int i = r * h0 + c0, end = r * h0 + c1; i < end; i++) {
        a[0][i] = Math.max(z[0][i], 0f);
      }
    }
  }

  /** The batch's non-zeros grouped by pixel, rows ascending within each pixel (counting sort). */
  private void listByPixel() {
    for (int i = 0; i < Mlp.INPUTS; i++) {
      colStart[i + 1] += colStart[i];
    }
    System.arraycopy(colStart, 0, colFill, 0, Mlp.INPUTS);
    for (int r = 0; r < rows; r++) {
      for (int e = nzStart[r]; e < nzStart[r + 1]; e++) {
        int pos = colFill[nzIndex[e]]++;
        colRow[pos] = r;
        colValue[pos] = nzValue[e];
      }
    }
  }

  /** Phase B: remaining layers forward, loss, backward to the first layer, Adam on the rest. */
  private void middle(byte[] labels, int[] order, int first) {
    int n = z.length;
    for (int l = 1; l < n; l++) {
      mlp.layers().get(l).forward(k, rows, a[l - 1], z[l], a[l]);
    }
    int classes = mlp.classes();
    float[] p = a[n - 1];
    float[] d = dz[n - 1];
    float scale = 1f / rows;
    lossSum = 0;
    correct = 0;
    for (int r = 0; r < rows; r++) {
      int label = labels[order[first + r]];
      lossSum += Softmax.crossEntropy(p, r * classes, label);
      if (Softmax.argmax(p, r * classes, classes) == label) {
        correct++;
      }
      for (int c = 0; c < classes; c++) {
        d[r * classes + c] = (p[r * classes + c] - (c == label ? 1f : 0f)) * scale;
      }
    }
    for (int l = n - 1; l >= 1; l--) {
      Dense layer = mlp.layers().get(l);
      layer.backward(k, rows, a[l - 1], dz[l], grads[2 * l], grads[2 * l + 1], dz[l - 1]);
      Dense.reluBackward(k, rows * layer.inputs(), z[l - 1], dz[l - 1]);
    }
    for (int i = 2; i < grads.length; i++) {
      float[] var = i % 2 == 0 ? mlp.layers().get(i / 2).kernel() : mlp.layers().get(i / 2).bias();
      k.adam(
          var.length,
          var,
          grads[i],
          adam.m()[i],
          adam.v()[i],
          alpha,
          oneMinusBeta1,
          oneMinusBeta2,
          epsilon);
    }
  }

  /** Phase C: this thread's columns of the first layer's kernel and bias: gradient and Adam. */
  private void gradAdamFirst(int t) {
    int c0 = colFrom[t];
    int c1 = colTo[t];
    if (c0 == c1) {
      return;
    }
    k.sparseGradAdam(
        Mlp.INPUTS,
        h0,
        c0,
        c1,
        colStart,
        colRow,
        colValue,
        dz[0],
        scratch[t],
        first.kernel(),
        adam.m()[0],
        adam.v()[0],
        alpha,
        oneMinusBeta1,
        oneMinusBeta2,
        epsilon);
    float[] db = grads[1];
    Arrays.fill(db, c0, c1, 0f);
    for (int r = 0; r < rows; r++) {
      k.axpy(c1 - c0, 1f, dz[0], r * h0 + c0, db, c0);
    }
    k.adamAt(
        c1 - c0,
        first.bias(),
        adam.m()[1],
        adam.v()[1],
        c0,
        db,
        c0,
        alpha,
        oneMinusBeta1,
        oneMinusBeta2,
        epsilon);
  }

  @Override
  public void close() {
    if (!closed && threads > 1) {
      closed = true;
      barrier.await();
      for (Thread w : workers) {
        try {
          w.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    closed = true;
  }
}
