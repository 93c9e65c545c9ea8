package neuronlens.train;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;
import neuronlens.data.SparseImages;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.nn.Softmax;
import neuronlens.tensor.Aligned;
import neuronlens.tensor.Kernels;

/**
 * One training step (forward, loss, backward, Adam) with the work of the big first layer split by
 * its units (columns) among threads. Each value is computed by the same operations in the same
 * order whatever the split, so the result does not depend on the number of threads, and it equals
 * {@link neuronlens.nn.Forward} + {@link neuronlens.nn.Backward} + {@link Adam} with the same
 * kernels bit for bit. Each step's batch is prepared by the step before when it is told the batch
 * (by the calling thread first otherwise): its images' non-zeros copied together, which the first
 * layer's forward reads, and listed by pixel, which its gradient reads. Phases of a step: (A) each
 * thread computes its units of the first layer (image by image, or input by input for wide slabs),
 * then ReLU; (B) the calling thread runs the small remaining layers, the loss, the backward pass
 * down to the first layer and Adam on everything but the first kernel, while one worker (the
 * lister) copies and lists the next batch (the copy started by whichever of the two finished phase
 * A first, while it waited for the other); (C) each thread computes its columns of the first
 * kernel's gradient, then applies Adam to them in one pass. The lister has the most to do, so the
 * calling thread also takes its ReLU (after A) and copies its columns of the output gradient into
 * its slab (in B).
 *
 * <p>With more than one thread, each thread keeps its columns of the first kernel, of their Adam
 * moments and of the first layer's output in arrays of its own: threads that wrote into the same
 * rows would share the cache lines where their columns meet and pass them back and forth at every
 * write. Those columns are copied back into the model by {@link #publish}; with one thread the
 * engine works in the model's arrays directly.
 *
 * <p>Threads meet twice a step: after phase A (the calling thread needs every unit for the small
 * layers) and after phase B (the workers need the gradient the calling thread computed). A step
 * that announces the next batch lets each thread go from its phase C straight into the next step's
 * phase A, so a thread that finishes first does not wait; the calling thread returns from {@link
 * #step} when its own part is done, and {@link #publish} waits for the workers. A step on other
 * images than the ones announced is refused (the workers have already started on those).
 */
final class StepEngine implements AutoCloseable {
  /** Each pixel value times 1/255, as the Rescaling layer computes it (the same float product). */
  private static final float[] RESCALED = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      RESCALED[v] = v * Mlp.RESCALE;
    }
  }

  /**
   * Widest column slab whose forward goes image by image (measured: faster than by pixel for the 64
   * columns of each of two threads, slower for one thread's 128).
   */
  static final int BY_IMAGE_WIDTH = 64;

  private final Kernels k;
  private final Mlp mlp;
  private final Dense first;
  private final int h0; // units of the first layer
  private final int capacity;
  private final int threads;
  private final int[] colFrom; // (threads + 1): first-layer columns of each thread
  private final float[][] slabW; // per thread (784, its columns): first kernel
  private final float[][] slabM; // its Adam moments
  private final float[][] slabV;
  private final float[][] slabZ; // per thread (capacity, its columns): first layer's output
  private final float[][] slabDz; // and its gradient
  private final ByPixel[] listed; // step s's batch, copied and listed by pixel, in listed[s & 1]
  private final int[] identity; // 0, 1, 2, ...: the batch's copy holds its images in order
  private final float[][] z; // per layer (capacity, units): pre-activation
  private final float[][] a; // per layer (capacity, units): activation
  private final float[][] dz; // per layer (capacity, units): dLoss/dz
  private final float[][] grads; // Keras variable order; first layer's kernel gradient unused
  private final float[][] scratch; // per thread (784, its columns): first kernel's gradient
  // where the slabs' data start: 0 on one thread (the model's arrays), else Aligned.START, so that
  // their rows of 64 floats lie on cache lines when the VM aligns objects to 64 bytes (phase
  // timers, engines alternating between the two in the same runs: phase A 39.9 -> 33.6 µs on the
  // calling thread, 42.8 -> 35.5 on the other; the step 186.3 -> 180.0 µs)
  private final int at;
  // the worker that lists the next batch in phase B while this thread runs the small layers: its
  // ReLU (after its phase A) and its copy of the output gradient's columns (for its phase C) are
  // done by the calling thread in phase B, which otherwise waited for it (phase timers, 3 bench
  // runs each, builds alternating: the lister's phase A 34.4 -> 32.3 µs, the step 172.1 -> 168.6)
  private static final int LISTER = 1;
  private Rehearsal rehearsal; // null, or the kernels of a wider engine to come
  private final AdamState adam;
  private final float oneMinusBeta1;
  private final float oneMinusBeta2;
  private final float epsilon;
  private final SpinBarrier barrier;
  private final Thread[] workers;
  private volatile boolean closed;
  private volatile long started; // steps the calling thread has started (their slots filled)
  // a job of parts for the workers between steps (see inParts), null while they step; the
  // barrier's passing publishes it to them and their results back
  private IntConsumer job;
  private int jobParts;
  private final RuntimeException[] jobFailed;
  private int rows; // of the step the calling thread works on
  private float alpha;
  // what step s tells the workers, in slot s & 1: a worker may still finish step s - 1 while the
  // calling thread starts step s
  private final int[] slotRows = new int[2];
  private final float[] slotAlpha = new float[2];
  private final SparseImages[] slotData = new SparseImages[2];
  private final int[][] slotNextOrder = new int[2][];
  private final int[] slotNextFirst = new int[2];
  private final int[] slotNextRows = new int[2]; // 0: the next batch is unknown
  private final AtomicLongArray done; // steps worker t has finished, at [16 t]
  private final AtomicIntegerArray copyClaimed = new AtomicIntegerArray(2); // see claimCopy
  private long steps; // steps taken
  private int[] listedOrder; // the batch announced by the previous step, if any
  private int listedFirst;
  private int listedRows;

  /** Sum of the batch's losses and its correct predictions, after {@link #step}. */
  double lossSum;

  int correct;

  /**
   * An engine for batches of up to {@code capacity} rows on up to {@code threads} threads (no more
   * than the first layer has 16-unit blocks). With several threads it takes its own copy of the
   * first kernel and its moments: until {@link #publish} or {@link #close}, the model's copies are
   * stale, and changes made to them are not seen.
   */
  StepEngine(Kernels k, Mlp mlp, AdamState adam, int capacity, int threads, Adam optimizer) {
    this.k = k;
    this.mlp = mlp;
    this.first = mlp.layers().get(0);
    this.h0 = first.units();
    this.capacity = capacity;
    this.adam = adam;
    this.oneMinusBeta1 = optimizer.oneMinusBeta1();
    this.oneMinusBeta2 = optimizer.oneMinusBeta2();
    this.epsilon = optimizer.epsilon();
    int blocks = (h0 + 15) / 16;
    this.threads = Math.max(1, Math.min(threads, blocks));
    this.at = this.threads == 1 ? 0 : Aligned.START;
    colFrom = new int[this.threads + 1];
    for (int t = 0; t <= this.threads; t++) {
      colFrom[t] = Math.min(h0, blocks * t / this.threads * 16);
    }
    listed = new ByPixel[] {new ByPixel(capacity), new ByPixel(capacity)};
    identity = new int[capacity];
    Arrays.setAll(identity, r -> r);
    done = new AtomicLongArray(16 * this.threads);
    jobFailed = new RuntimeException[this.threads];
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
    slabW = new float[this.threads][];
    slabM = new float[this.threads][];
    slabV = new float[this.threads][];
    slabZ = new float[this.threads][];
    slabDz = new float[this.threads][];
    if (this.threads == 1) {
      slabW[0] = first.kernel();
      slabM[0] = adam.m()[0];
      slabV[0] = adam.v()[0];
      slabZ[0] = z[0];
      slabDz[0] = dz[0];
    } else {
      for (int t = 0; t < this.threads; t++) {
        int width = colFrom[t + 1] - colFrom[t];
        slabW[t] = columns(first.kernel(), t);
        slabM[t] = columns(adam.m()[0], t);
        slabV[t] = columns(adam.v()[0], t);
        slabZ[t] = new float[at + capacity * width];
        slabDz[t] = new float[at + capacity * width];
      }
    }
    scratch = new float[this.threads][];
    for (int t = 0; t < this.threads; t++) {
      scratch[t] = new float[at + Mlp.INPUTS * (colFrom[t + 1] - colFrom[t])];
    }
    barrier = new SpinBarrier(this.threads);
    workers = new Thread[this.threads - 1];
    for (int t = 1; t < this.threads; t++) {
      int id = t;
      workers[t - 1] = new Thread(() -> work(id), "neuronlens-train-" + t);
      workers[t - 1].setDaemon(true);
      workers[t - 1].start();
    }
  }

  /** Thread {@code t}'s columns of a (784, h0) array, as a (784, width) array of its own. */
  private float[] columns(float[] full, int t) {
    int c0 = colFrom[t];
    int width = colFrom[t + 1] - c0;
    float[] slab = new float[at + Mlp.INPUTS * width];
    for (int i = 0; i < Mlp.INPUTS; i++) {
      System.arraycopy(full, i * h0 + c0, slab, at + i * width, width);
    }
    return slab;
  }

  /**
   * Copies the threads' columns of the first kernel and of its moments back into the model and the
   * optimizer state (nothing to do with one thread). Call it before reading or saving them.
   */
  void publish() {
    if (threads == 1) {
      return;
    }
    for (int t = 1; t < threads; t++) {
      while (done.get(16 * t) < steps) {
        Throwable failure = barrier.broken();
        if (failure != null) {
          throw new SpinBarrier.Broken(failure);
        }
        Thread.onSpinWait();
      }
    }
    if (listedOrder == null && !closed) {
      inParts(threads, this::copyBack); // each thread its own columns, from its own cache
    } else {
      for (int t = 0; t < threads; t++) {
        copyBack(t);
      }
    }
  }

  /** Copies thread {@code t}'s columns of the first kernel and its moments into the model's. */
  private void copyBack(int t) {
    int c0 = colFrom[t];
    int width = colFrom[t + 1] - c0;
    for (int i = 0; i < Mlp.INPUTS; i++) {
      int from = at + i * width;
      System.arraycopy(slabW[t], from, first.kernel(), i * h0 + c0, width);
      System.arraycopy(slabM[t], from, adam.m()[0], i * h0 + c0, width);
      System.arraycopy(slabV[t], from, adam.v()[0], i * h0 + c0, width);
    }
  }

  /**
   * From now on, a one-thread engine also rehearses the first-layer kernels of an engine on {@code
   * threads} threads that will follow it (see {@link Rehearsal}); nothing else changes, and the
   * model and optimizer state come out bit for bit as without. Other engines ignore it.
   */
  void rehearse(int threads) {
    int blocks = (h0 + 15) / 16;
    int next = Math.min(threads, blocks);
    if (this.threads == 1 && next > 1 && rehearsal == null) {
      rehearsal = new Rehearsal(blocks / next * 16);
    }
  }

  /** Threads actually used. */
  int threads() {
    return threads;
  }

  /**
   * Runs {@code part.accept(t)} for each {@code t < parts} (no more than {@link #threads}), part 0
   * on the calling thread and the others on the engine's workers, and returns when all are done;
   * the first part's exception is rethrown here. Only while no step is announced (the workers then
   * wait for the next step, spinning): a job on other threads would share the cores with them.
   */
  void inParts(int parts, IntConsumer part) {
    if (parts > threads || listedOrder != null || closed) {
      throw new IllegalStateException(
          "a job of "
              + parts
              + " parts on "
              + threads
              + " threads, "
              + (closed ? "closed" : listedOrder != null ? "a step announced" : "idle"));
    }
    if (threads == 1) {
      part.accept(0);
      return;
    }
    job = part;
    jobParts = parts;
    Arrays.fill(jobFailed, null);
    barrier.await(); // the workers take the job
    try {
      part.accept(0);
    } finally {
      barrier.await(); // and are done with it
      job = null;
    }
    for (RuntimeException e : jobFailed) {
      if (e != null) {
        throw e;
      }
    }
  }

  /** The output probabilities of the last step, (rows, classes). */
  float[] probabilities() {
    return a[a.length - 1];
  }

  /**
   * Takes one step on images {@code order[first .. first + rows)} with Adam's step size {@code
   * alpha} (bias correction included) and advances the optimizer's iteration count. {@code
   * nextFirst} and {@code nextRows} announce the images of the next call (same {@code order}, which
   * the caller must not change in between), or {@code nextRows} is 0 (not known). An announced
   * batch is listed during this step and the workers start on it at once; a next call on other
   * images throws IllegalArgumentException and closes the engine. If any thread's part fails, this
   * step (or, for a worker's part of the last step, {@link #publish}) throws, every thread stops
   * waiting, and the engine is of no further use: close it.
   */
  void step(
      SparseImages data,
      byte[] labels,
      int[] order,
      int first,
      int rows,
      float alpha,
      int nextFirst,
      int nextRows) {
    if (rows < 1 || rows > capacity || nextRows < 0 || nextRows > capacity) {
      throw new IllegalArgumentException(
          "batch of " + rows + " rows, next " + nextRows + ": expected 1.." + capacity);
    }
    boolean primed = listedOrder != null;
    if (primed && (listedOrder != order || listedFirst != first || listedRows != rows)) {
      close();
      throw new IllegalArgumentException(
          "images "
              + first
              + ".."
              + (first + rows - 1)
              + " are not the batch the previous step announced; the engine is closed");
    }
    try {
      stepOn(data, labels, order, first, rows, alpha, nextFirst, nextRows, primed);
    } catch (Throwable e) {
      if (!(e instanceof SpinBarrier.Broken)) {
        barrier.breakWith(e); // the workers would otherwise wait for this thread for ever
      }
      throw e;
    }
  }

  private void stepOn(
      SparseImages data,
      byte[] labels,
      int[] order,
      int first,
      int rows,
      float alpha,
      int nextFirst,
      int nextRows,
      boolean primed) {
    int slot = (int) (steps & 1);
    this.rows = rows;
    this.alpha = alpha;
    slotRows[slot] = rows;
    slotAlpha[slot] = alpha;
    slotData[slot] = data;
    slotNextOrder[slot] = order;
    slotNextFirst[slot] = nextFirst;
    slotNextRows[slot] = nextRows;
    started = steps + 1;
    if (!primed) {
      listed[slot].list(data, order, first, rows);
      sync(); // the workers wait for an unannounced batch
    }
    forwardFirst(0, slot, rows);
    if (threads > 1 && nextRows > 0 && claimCopy(slot)) {
      listed[slot ^ 1].copyAhead(data, order, nextFirst, nextRows, barrier);
    }
    sync();
    if (threads == 1 && nextRows > 0) {
      listed[slot ^ 1].list(data, order, nextFirst, nextRows);
    }
    if (threads > 1) {
      relu(LISTER, rows);
    }
    middle(labels, order, first);
    sync();
    copyClaimed.set(slot, 0); // both threads are past this step's first meeting
    gradAdamFirst(0, slot, rows, alpha);
    if (rehearsal != null && steps % Rehearsal.EVERY == 0) {
      rehearsal.run(slot, rows, alpha);
    }
    adam.increment();
    steps++;
    listedOrder = nextRows > 0 ? order : null;
    listedFirst = nextFirst;
    listedRows = nextRows;
  }

  /** Takes one step with no hint of the next batch. */
  void step(SparseImages data, byte[] labels, int[] order, int first, int rows, float alpha) {
    step(data, labels, order, first, rows, alpha, 0, 0);
  }

  /**
   * A worker's loop: phase A of step s (its columns of the first layer), then B (worker 1 lists the
   * next batch), then C; when step s announced the next batch, the worker goes on to its phase A at
   * once, without waiting for the calling thread to start that step. Between unannounced steps it
   * runs its part of any job {@link #inParts} gives it.
   */
  private void work(int t) {
    try {
      workSteps(t);
    } catch (SpinBarrier.Broken e) {
      // another thread failed and says why: this one only leaves
    } catch (Throwable e) {
      barrier.breakWith(e); // the other threads stop waiting for this one and throw
    }
  }

  private void workSteps(int t) {
    boolean announced = false;
    int announcedRows = 0;
    for (long s = 0; ; s++) {
      int slot = (int) (s & 1);
      while (!announced) {
        barrier.await();
        if (closed) {
          return;
        }
        if (job == null) {
          break;
        }
        if (t < jobParts) {
          try {
            job.accept(t);
          } catch (RuntimeException e) {
            jobFailed[t] = e;
          }
        }
        barrier.await();
      }
      forwardFirst(t, slot, announced ? announcedRows : slotRows[slot]);
      if (t == LISTER && started > s && slotNextRows[slot] > 0 && claimCopy(slot)) {
        listed[slot ^ 1].copyAhead(
            slotData[slot], slotNextOrder[slot], slotNextFirst[slot], slotNextRows[slot], barrier);
      }
      barrier.await();
      if (closed) {
        return;
      }
      int nextRows = slotNextRows[slot];
      if (t == LISTER && nextRows > 0) {
        listed[slot ^ 1].list(slotData[slot], slotNextOrder[slot], slotNextFirst[slot], nextRows);
      }
      // no check for closing here: close() meets the workers only where a step starts, at the
      // first barrier (an unannounced step) or the second (an announced one, run ahead)
      barrier.await();
      gradAdamFirst(t, slot, slotRows[slot], slotAlpha[slot]);
      done.set(16 * t, s + 1);
      announced = nextRows > 0;
      announcedRows = nextRows;
    }
  }

  /**
   * Whether this thread is the first of the calling thread and the lister to finish step {@code
   * slot}'s phase A: it then copies the next batch's images while it waits for the other (the
   * lister lists them from that copy after their meeting), one image after another until the other
   * arrives. Whichever finishes first, its wait is put to use; only one of them copies.
   */
  private boolean claimCopy(int slot) {
    return copyClaimed.compareAndSet(slot, 0, 1);
  }

  private void sync() {
    if (threads > 1) {
      barrier.await();
    }
  }

  /**
   * Phase A: this thread's units of the first layer for the {@code rows} images of step {@code
   * slot}, then ReLU. Up to {@link #BY_IMAGE_WIDTH} units, image by image from the batch's copy
   * (two images' sums in registers at a time); wider, from the batch listed by pixel, so that all
   * the units of a weight row stay in registers over the whole batch. Both give the same floats.
   */
  private void forwardFirst(int t, int slot, int rows) {
    int c0 = colFrom[t];
    int width = colFrom[t + 1] - c0;
    slabForward(slot, rows, c0, width, at, slabW[t], slabZ[t]);
    if (t != LISTER) {
      relu(t, rows);
    }
  }

  /** Thread {@code t}'s columns of the first layer's ReLU, from its slab into the shared rows. */
  private void relu(int t, int rows) {
    int c0 = colFrom[t];
    int width = colFrom[t + 1] - c0;
    float[] zt = slabZ[t];
    // only the ReLU's output goes to the shared rows: the backward pass tells where the ReLU was
    // off from it (a ≤ 0 exactly where z ≤ 0, NaN in both), so the pre-activation stays in the
    // slab. Copying both into shared arrays took 9-10 µs a step per thread (phase timers), and
    // the scalar loop alone about 6 µs for one array (a probe): hence also the vector kernel
    for (int r = 0; r < rows; r++) {
      k.relu(width, zt, at + r * width, a[0], r * h0 + c0);
    }
  }

  /**
   * Columns {@code c0 .. c0 + width)} of the first layer, pre-activation, into {@code out (rows,
   * width)}, from their weights {@code w (784, width)}, both from index {@code o}: image by image
   * up to {@link #BY_IMAGE_WIDTH} columns, else from the batch listed by pixel. Both give the same
   * floats.
   */
  private void slabForward(int slot, int rows, int c0, int width, int o, float[] w, float[] out) {
    float[] bias = first.bias();
    ByPixel batch = listed[slot];
    if (width <= BY_IMAGE_WIDTH) {
      k.sparseForwardImages(
          rows,
          identity,
          0,
          batch.copyStart,
          batch.copyIndex,
          batch.copyLevel,
          RESCALED,
          width,
          o,
          w,
          bias,
          c0,
          out);
    } else {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(bias, c0, out, o + r * width, width);
      }
      k.sparseForwardByInput(
          Mlp.INPUTS, width, o, batch.from, batch.to, batch.entries, RESCALED, w, out);
    }
  }

  /**
   * Phase B: remaining layers forward, loss, backward to the first layer, Adam on everything but
   * the first layer's kernel.
   */
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
    // dLoss/dz = (p - one-hot label) · scale: p · scale for the whole batch at once (an fma onto
    // +0 rounds as the product does, and p - 0 is p), then each row's label
    Arrays.fill(d, 0, rows * classes, 0f);
    k.axpy(rows * classes, scale, p, 0, d, 0);
    for (int r = 0; r < rows; r++) {
      int label = labels[order[first + r]];
      lossSum += Softmax.crossEntropy(p, r * classes, label);
      if (Softmax.argmax(p, r * classes, classes) == label) {
        correct++;
      }
      d[r * classes + label] = (p[r * classes + label] - 1f) * scale;
    }
    for (int l = n - 1; l >= 1; l--) {
      Dense layer = mlp.layers().get(l);
      layer.backward(k, rows, a[l - 1], dz[l], grads[2 * l], grads[2 * l + 1], dz[l - 1]);
      // the first layer's pre-activation stays in the threads' slabs: its ReLU output marks the
      // same units off (max(z, 0) ≤ 0 exactly where z ≤ 0)
      Dense.reluBackward(k, rows * layer.inputs(), l == 1 ? a[0] : z[l - 1], dz[l - 1]);
    }
    if (threads > 1) {
      columnsOfDz(LISTER, rows);
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
    float[] db = grads[1];
    Arrays.fill(db, 0f);
    for (int r = 0; r < rows; r++) {
      k.axpy(h0, 1f, dz[0], r * h0, db, 0);
    }
    k.adamAt(
        h0,
        this.first.bias(),
        adam.m()[1],
        adam.v()[1],
        0,
        db,
        0,
        alpha,
        oneMinusBeta1,
        oneMinusBeta2,
        epsilon);
  }

  /** Phase C: this thread's columns of the first kernel: gradient and Adam. */
  private void gradAdamFirst(int t, int slot, int rows, float alpha) {
    int c0 = colFrom[t];
    int width = colFrom[t + 1] - c0;
    if (t != LISTER) {
      columnsOfDz(t, rows);
    }
    slabGradAdam(slot, rows, width, at, slabDz[t], scratch[t], slabW[t], slabM[t], slabV[t], alpha);
  }

  /**
   * Thread {@code t}'s columns of the first layer's output gradient into its slab (nothing to do on
   * one thread, whose slab is the gradient itself).
   */
  private void columnsOfDz(int t, int rows) {
    if (slabDz[t] != dz[0]) {
      copyColumnsOfDz(rows, colFrom[t], colFrom[t + 1] - colFrom[t], slabDz[t], at);
    }
  }

  /**
   * Columns {@code c0 .. c0 + width)} of the first layer's output gradient, {@code rows} rows, into
   * {@code dst (rows, width)} from index {@code o}.
   */
  private void copyColumnsOfDz(int rows, int c0, int width, float[] dst, int o) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(dz[0], r * h0 + c0, dst, o + r * width, width);
    }
  }

  /**
   * Gradient and Adam for a slab of {@code width} columns of the first kernel, whose weights and
   * moments are {@code w, m, v (784, width)}, from {@code dzSlab (rows, width)}, those columns of
   * the layer's output gradient. All of them, and the gradient's {@code g}, start at index {@code
   * o}.
   */
  private void slabGradAdam(
      int slot,
      int rows,
      int width,
      int o,
      float[] dzSlab,
      float[] g,
      float[] w,
      float[] m,
      float[] v,
      float alpha) {
    ByPixel batch = listed[slot];
    k.sparseGradAdam(
        Mlp.INPUTS,
        width,
        o,
        batch.from,
        batch.to,
        batch.entries,
        RESCALED,
        dzSlab,
        g,
        w,
        m,
        v,
        alpha,
        oneMinusBeta1,
        oneMinusBeta2,
        epsilon);
  }

  /**
   * The first-layer kernels of the wider engine that follows a one-thread one, run every {@link
   * #EVERY}-th step on copies of the first columns: the two threads' slabs take other code (image
   * by image, narrower rows) that the compiler would otherwise turn into machine code only once
   * both cores train, running it slowly meanwhile; here it does so while the second core is still
   * left to it. The copies are scratch: nothing of this reaches the model or the optimizer.
   */
  private final class Rehearsal {
    static final int EVERY = 8;
    private final int width;
    private final float[] w;
    private final float[] m;
    private final float[] v;
    private final float[] out; // (capacity, width): the layer's output
    private final float[] grad; // (capacity, width): its gradient
    private final float[] g;

    Rehearsal(int width) {
      this.width = width;
      w = Aligned.floats(Mlp.INPUTS * width);
      m = Aligned.floats(Mlp.INPUTS * width);
      v = Aligned.floats(Mlp.INPUTS * width);
      for (int i = 0; i < Mlp.INPUTS; i++) {
        System.arraycopy(first.kernel(), i * h0, w, Aligned.START + i * width, width);
        System.arraycopy(adam.m()[0], i * h0, m, Aligned.START + i * width, width);
        System.arraycopy(adam.v()[0], i * h0, v, Aligned.START + i * width, width);
      }
      out = Aligned.floats(capacity * width);
      grad = Aligned.floats(capacity * width);
      g = Aligned.floats(Mlp.INPUTS * width);
    }

    /** The wider engine's phases A and C for this step's batch, on the copies. */
    void run(int slot, int rows, float alpha) {
      slabForward(slot, rows, 0, width, Aligned.START, w, out);
      copyColumnsOfDz(rows, 0, width, grad, Aligned.START);
      slabGradAdam(slot, rows, width, Aligned.START, grad, g, w, m, v, alpha);
    }
  }

  /**
   * A batch: its images' non-zeros copied one image after another ({@code copyIndex}, {@code
   * copyLevel}; image r's from {@code copyStart[r]} to {@code copyStart[r + 1]}), and grouped by
   * pixel, rows ascending within each pixel: pixel i's entries are {@code entries[from[i] ..
   * to[i])}, each {@code row << 8 | value} (the value 1–255 indexes {@link #RESCALED}), one pixel's
   * after another's. A counting sort lists them (each pixel's non-zeros counted, then placed): the
   * batch's 7,500 entries then fill 30 KB in a row, which the gradient phase reads pixel after
   * pixel, where buckets of {@code capacity} slots per pixel spread them over 157 KB, more than the
   * first-level cache holds. The copy lets the thread that did not list the batch read its images
   * from one block the lister has just written, instead of from wherever they lie among the epoch's
   * 25 MB (phase timers: that thread's phase A 51.7 → 40.4 µs).
   */
  private static final class ByPixel {
    final int[] from = new int[Mlp.INPUTS];
    final int[] to = new int[Mlp.INPUTS];
    final int[] entries;
    final short[] copyIndex;
    final byte[] copyLevel;
    final int[] copyStart;
    int copied; // images of the batch copyAhead has copied, from its first
    int touched; // read by nobody: keeps the compiler from dropping the loads that bring a batch in

    ByPixel(int capacity) {
      if (capacity >= 1 << 23) {
        throw new IllegalArgumentException("batches of " + capacity + " rows are too large");
      }
      entries = new int[capacity * Mlp.INPUTS];
      copyIndex = new short[capacity * Mlp.INPUTS];
      copyLevel = new byte[capacity * Mlp.INPUTS];
      copyStart = new int[capacity + 1];
    }

    /**
     * Copies images {@code order[first ..]} of the batch to list next, one after another until all
     * {@code rows} are or a party waits at {@code barrier}; {@link #list} copies the rest.
     */
    void copyAhead(SparseImages data, int[] order, int first, int rows, SpinBarrier barrier) {
      int r = 0;
      for (; r < rows && !barrier.anyWaiting(); r++) {
        copy(data, order[first + r], r);
      }
      copied = r;
    }

    /** Copies image {@code img}'s non-zeros as the batch's image {@code r}, after image r - 1. */
    private void copy(SparseImages data, int img, int r) {
      int at = r == 0 ? 0 : copyStart[r];
      int start = data.start(img);
      int n = data.end(img) - start;
      System.arraycopy(data.indices(), start, copyIndex, at, n);
      System.arraycopy(data.pixels(), start, copyLevel, at, n);
      copyStart[r] = at;
      copyStart[r + 1] = at + n;
    }

    /**
     * Reads the first value of every cache line of image {@code img}'s non-zeros (a load per line,
     * none waiting for another: their misses overlap).
     */
    private static int touch(SparseImages data, int img) {
      int sum = 0;
      int end = data.end(img);
      for (int q = data.start(img); q < end; q += 32) { // 32 indices (shorts) to a line
        sum += data.index(q) + data.pixel(q);
      }
      if (end > data.start(img)) {
        sum += data.index(end - 1);
      }
      return sum;
    }

    /** Copies (but what copyAhead did) and lists images {@code order[first .. first + rows)}. */
    void list(SparseImages data, int[] order, int first, int rows) {
      // the batch's images lie anywhere in the epoch's 25 MB of non-zeros: touching them all
      // first lets those misses (and their page walks) overlap, where the copies would meet them
      // one image after another
      int sum = 0;
      for (int r = copied; r < rows; r++) {
        sum += touch(data, order[first + r]);
      }
      touched = sum;
      for (int r = copied; r < rows; r++) {
        copy(data, order[first + r], r);
      }
      copied = 0;
      short[] index = copyIndex;
      byte[] level = copyLevel;
      int[] count = to;
      Arrays.fill(count, 0);
      for (int q = 0, end = copyStart[rows]; q < end; q++) {
        count[index[q]]++;
      }
      int at = 0;
      for (int i = 0; i < Mlp.INPUTS; i++) {
        int c = count[i];
        from[i] = at;
        to[i] = at;
        at += c;
      }
      for (int r = 0; r < rows; r++) {
        int row = r << 8;
        for (int q = copyStart[r], end = copyStart[r + 1]; q < end; q++) {
          entries[to[index[q]]++] = row | (level[q] & 0xff);
        }
      }
    }
  }

  @Override
  public void close() {
    if (!closed && threads > 1) {
      closed = true;
      // after a failure (a thread's exception broke the barrier) the workers leave at their next
      // meeting by themselves, and the threads' columns are not copied back: they may be half a
      // step ahead of the rest of the model
      boolean failed = barrier.broken() != null;
      if (!failed) {
        try {
          barrier.await();
        } catch (SpinBarrier.Broken e) {
          failed = true;
        }
      }
      for (Thread w : workers) {
        try {
          w.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (!failed && barrier.broken() == null) {
        publish();
      }
    }
    closed = true;
  }
}
