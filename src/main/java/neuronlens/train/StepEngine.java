package neuronlens.train;

import java.util.Arrays;
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
 * its inputs (the kernel's rows: ranges of pixels) among threads. Each value is computed by the
 * same operations in the same order whatever the split, so the result does not depend on the number
 * of threads, and it equals {@link neuronlens.nn.Forward} + {@link neuronlens.nn.Backward} + {@link
 * Adam} with the same kernels bit for bit. Each step's batch is prepared by the step before when it
 * is told the batch (by the calling thread first otherwise): its images' non-zeros copied together,
 * which the first layer's forward reads, and listed by pixel, which its gradient reads. Phases of a
 * step: (A) the first layer, as a pipeline over the batch's rows: the last worker sums each row
 * from the bias over its pixels, the next thread continues those sums over its own pixels, and so
 * on up to the calling thread, which takes the last pixels and the ReLU; (B) the calling thread
 * runs the small remaining layers, the loss, the backward pass down to the first layer and Adam on
 * the first bias, while one worker (the lister) copies and lists the next batch as soon as its own
 * phase A is done and the calling thread has started the step; (C) each thread computes the first
 * kernel's gradient on its rows, all the units at once, then applies Adam to them in one pass, and
 * the calling thread then computes the second kernel's gradient and applies Adam to the variables
 * past the first layer ({@link #smallUpdates}).
 *
 * <p>With two threads, the cut between their pixels moves between epochs to follow their speeds
 * ({@link #rebalance}): this machine's two vCPUs do not always run at the same speed.
 *
 * <p>With more than one thread, each thread keeps its rows of the first kernel and of their Adam
 * moments in arrays of its own, which stay in its core's cache from one step to the next; they are
 * copied back into the model by {@link #publish}; with one thread the engine works in the model's
 * arrays directly. Rows rather than columns: a thread's gradient then sums each of its pixels'
 * entries over all 128 units at once (eight vectors to an entry), where a split by units read every
 * entry of every pixel on each thread for half the units (a harness, one batch of 50: 24.5 µs a
 * thread for 64 units of all pixels, 15-16 µs for 128 units of half of them, a harness outside the
 * repo).
 *
 * <p>Threads meet once a step, after phase B: the workers need the gradient the calling thread
 * computed. Phase A needs no meeting (each stage waits for the rows the stage before hands on, and
 * the calling thread, the last, so has every unit for the small layers), and the lister waits only
 * for the calling thread to start the step ({@code awaitStarted}). A meeting after phase A as well,
 * with the thread that got there first copying the next batch's images while it waited, trained as
 * fast (AbBench, 16 rounds in each order, twice: faster in 35 of 64 rounds, medians within 1 %)
 * with more machinery. A step that announces the next batch lets each thread go from its phase C
 * straight into the next step's phase A, so a thread that finishes first does not wait; the calling
 * thread returns from {@link #step} when its own part is done, and {@link #publish} waits for the
 * workers. A step on other images than the ones announced is refused (the workers have already
 * started on those).
 */
final class StepEngine implements AutoCloseable {
  /** Each pixel value times 1/255, as the Rescaling layer computes it (the same float product). */
  private static final float[] RESCALED = Mlp.rescaled();

  /** Steps {@link #rebalance} wants timed before it moves the cut. */
  private static final int REBALANCE_STEPS = 200;

  /**
   * The least move of the cut {@link #rebalance} makes. A move costs 1.1-4.0 ms (a probe on the AMD
   * machine, most of it walking 55,000 images' non-zeros to the new cut), and moving Δ pixels that
   * balance the threads saves about 0.09 µs a step per pixel, about 0.1·Δ ms over an epoch's 1,100
   * steps: smaller moves cost more than they save, and on a noisy machine the cut chased the noise
   * (328 -> 410 -> 386, 406 -> 422 -> 432 -> 416 -> 440 -> 380 -> 364 in two runs).
   */
  private static final int REBALANCE_MIN_PIXELS = 24;

  /**
   * Pixels the worker takes more than half at the start (the calling thread also runs the ReLU and
   * the small layers); {@link #rebalance} moves the cut from there.
   */
  private static final int CALLER_SHARE = 14;

  /** Rows of the batch a pipeline stage hands on to the next at a time. */
  private static final int HANDOFF = 2;

  private final Kernels k;
  private final Mlp mlp;
  private final Dense first;
  private final int h0; // units of the first layer
  private final int capacity;
  private final int threads;
  // (threads + 1): the pixels of each stage of the first layer's pipeline, stage j summing
  // pixels [cut[j], cut[j + 1]); thread t is stage threads - 1 - t (the calling thread is last)
  private final int[] cut;
  private final float[][] slabW; // per thread (its pixels, h0): first kernel
  private final float[][] slabM; // its Adam moments
  private final float[][] slabV;
  private final float[] zFirst; // (capacity, h0) from index at: the first layer's sums
  private final float[] dzFirst; // (capacity, h0) from index at: their gradient
  private final ByPixel[] listed; // step s's batch, copied and listed by pixel, in listed[s & 1]
  // rows of step s each thread has summed, as s << 24 | rows, at [16 t]: the next stage waits
  private final AtomicLongArray handed;
  private final float[][] z; // per layer (capacity, units): pre-activation
  private final float[][] a; // per layer (capacity, units): activation
  private final float[][] dz; // per layer (capacity, units): dLoss/dz; the first layer's in dzFirst
  private final float[][] grads; // Keras variable order; first layer's kernel gradient unused
  private final float[][] scratch; // per thread (2, h0): a pair of the first kernel's gradient rows
  // where the slabs' data start: 0 on one thread (the model's arrays), else Aligned.START, so that
  // their rows lie on cache lines when the VM aligns objects to 64 bytes (phase timers, engines
  // alternating between the two in the same runs: phase A 39.9 -> 33.6 µs on the calling thread,
  // 42.8 -> 35.5 on the other; the step 186.3 -> 180.0 µs)
  private final int at;
  // the worker that lists the next batch in phase B while this thread runs the small layers
  private static final int LISTER = 1;
  private final AdamState adam;
  private final float oneMinusBeta1;
  private final float oneMinusBeta2;
  private final float epsilon;
  private final SpinBarrier barrier;
  private final Thread[] workers;
  // the layout and the phases of several threads, all run by the calling thread (see the
  // constructor)
  private final boolean inline;
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
  private final int[][][] slotCuts = new int[2][][]; // cutsOf(slotData)
  private final int[][] slotNextOrder = new int[2][];
  private final int[] slotNextFirst = new int[2];
  private final int[] slotNextRows = new int[2]; // 0: the next batch is unknown
  private final AtomicLongArray done; // steps worker t has finished, at [16 t]
  // nanoseconds thread t spent in phase C since the last rebalance, at [16 t] (its own slot)
  private final long[] gradNanos;
  private long gradSteps; // steps since the last rebalance
  private long steps; // steps taken
  private long publishedAt = -1; // steps taken at the last publish: the model's rows are current
  private SparseImages cutData; // the images cutOffsets is for
  private int[][] cutOffsets; // per inner cut j, per image: where its non-zeros reach cut[j]
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
    this(k, mlp, adam, capacity, threads, optimizer, false);
  }

  /**
   * With {@code inline}, an engine laid out for {@code threads} threads whose phases the calling
   * thread runs itself, one thread's part after another's, starting no thread: the results of any
   * engine, by the very code the threads run. A process's first epoch runs on it while the JIT
   * compiler works on the other core, so that the code is compiled with the branches the threads
   * take. After a one-thread engine the two threads met branches it never took, and the compiler
   * recompiled the phases (the small layers' phase alone takes it a quarter of a second) on a core
   * both training threads needed.
   */
  StepEngine(
      Kernels k,
      Mlp mlp,
      AdamState adam,
      int capacity,
      int threads,
      Adam optimizer,
      boolean inline) {
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
    this.inline = inline && this.threads > 1;
    cut = new int[this.threads + 1];
    for (int j = 0; j <= this.threads; j++) {
      cut[j] = 2 * (Mlp.INPUTS / 2 * j / this.threads); // whole pairs of pixels (ByPixel)
    }
    if (this.threads > 1) {
      // the calling thread, which also runs the ReLU and the small layers, takes half an image row
      // fewer (phase timers, 4 bench runs of each cut in turn: steps of 109-135 µs with the seed's
      // two threads cut at pixel 406, 127-198 at 392, 111-173 at 420)
      cut[this.threads - 1] +=
          Math.min(CALLER_SHARE, (cut[this.threads] - cut[this.threads - 1]) / 4 * 2);
    }
    listed =
        new ByPixel[] {new ByPixel(capacity, this.threads), new ByPixel(capacity, this.threads)};
    done = new AtomicLongArray(16 * this.threads);
    gradNanos = new long[16 * this.threads];
    handed = new AtomicLongArray(16 * this.threads);
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
      // the first layer's: dzFirst, which the backward pass writes itself
      dz[l] = l == 0 ? null : new float[capacity * d.units()];
      grads[2 * l] = l == 0 ? null : new float[d.inputs() * d.units()];
      grads[2 * l + 1] = new float[d.units()];
    }
    slabW = new float[this.threads][];
    slabM = new float[this.threads][];
    slabV = new float[this.threads][];
    scratch = new float[this.threads][];
    if (this.threads == 1) {
      slabW[0] = first.kernel();
      slabM[0] = adam.m()[0];
      slabV[0] = adam.v()[0];
      zFirst = z[0];
    } else {
      for (int t = 0; t < this.threads; t++) {
        slabW[t] = rowsOf(first.kernel(), t, null);
        slabM[t] = rowsOf(adam.m()[0], t, null);
        slabV[t] = rowsOf(adam.v()[0], t, null);
      }
      zFirst = new float[at + capacity * h0];
    }
    dzFirst = new float[at + capacity * h0];
    for (int t = 0; t < this.threads; t++) {
      scratch[t] = new float[at + 2 * h0];
    }
    barrier = new SpinBarrier(this.inline ? 1 : this.threads);
    workers = new Thread[this.inline ? 0 : this.threads - 1];
    for (int t = 1; t <= workers.length; t++) {
      int id = t;
      workers[t - 1] = new Thread(() -> work(id), "neuronlens-train-" + t);
      workers[t - 1].setDaemon(true);
      workers[t - 1].start();
    }
  }

  /** The first pixel of thread {@code t}'s stage. */
  private int lo(int t) {
    return cut[threads - 1 - t];
  }

  /** The pixel after thread {@code t}'s stage. */
  private int hi(int t) {
    return cut[threads - t];
  }

  /**
   * Thread {@code t}'s rows of a (784, h0) array, copied into {@code slab} from index {@code at},
   * or into a new array when {@code slab} is null or too short (room for at least {@link #slabRows}
   * rows).
   */
  private float[] rowsOf(float[] full, int t, float[] slab) {
    int length = (hi(t) - lo(t)) * h0;
    float[] to =
        slab != null && slab.length >= at + length
            ? slab
            : new float[at + Math.max(slabRows(t) * h0, length)];
    System.arraycopy(full, lo(t) * h0, to, at, length);
    return to;
  }

  /**
   * Rows thread {@code t}'s arrays have room for: its pixels, or as many as {@link #balancedCut}
   * may give it when the cut moves, so that {@link #rebalance} allocates nothing.
   */
  private int slabRows(int t) {
    return rebalances() ? Mlp.INPUTS - Mlp.INPUTS / 8 : hi(t) - lo(t);
  }

  /**
   * Copies the threads' rows of the first kernel and of its moments back into the model and the
   * optimizer state (nothing to do with one thread, or no step since the last call: moving the cut
   * publishes, and the trainer has just published). Call it before reading or saving them.
   */
  void publish() {
    if (threads == 1 || publishedAt == steps) {
      return;
    }
    awaitWorkers();
    if (listedOrder == null && !closed) {
      inParts(threads, this::copyBack); // each thread its own rows, from its own cache
    } else {
      for (int t = 0; t < threads; t++) {
        copyBack(t);
      }
    }
    publishedAt = steps;
  }

  /** Waits for the workers to finish their part of every step taken. */
  private void awaitWorkers() {
    for (int t = 1; t < threads; t++) {
      while (done.get(16 * t) < steps) {
        Throwable failure = barrier.broken();
        if (failure != null) {
          throw new SpinBarrier.Broken(failure);
        }
        Thread.onSpinWait();
      }
    }
  }

  /** Copies thread {@code t}'s rows of the first kernel and its moments into the model's. */
  private void copyBack(int t) {
    int length = (hi(t) - lo(t)) * h0;
    System.arraycopy(slabW[t], at, first.kernel(), lo(t) * h0, length);
    System.arraycopy(slabM[t], at, adam.m()[0], lo(t) * h0, length);
    System.arraycopy(slabV[t], at, adam.v()[0], lo(t) * h0, length);
  }

  /**
   * Moves the cut between the two threads' pixels so that, at the speeds their last steps ran at,
   * both finish phase C together (and their stages of phase A, which take the same rows); call it
   * between steps, with no step announced (the trainer does at the end of each epoch). Each
   * thread's speed is its phase C's time per pixel since the last call. Only the speed changes:
   * every value sees the same operations in the same order whatever the cut. A virtual machine's
   * vCPUs do not always run at the same speed: in a slow quarter hour one of the two ran every
   * phase 1.5 times slower for seconds at a time, and with a fixed cut each step waited for it
   * (phase timers: the worker's phase C 48 -> 73 µs, the calling thread's 46 -> 54 µs). Returns
   * whether the cut moved; a no-op for one thread or more than two, an inline engine, and fewer
   * than {@link #REBALANCE_STEPS} steps since the last call.
   */
  boolean rebalance() {
    if (!rebalances() || closed || listedOrder != null || gradSteps < REBALANCE_STEPS) {
      return false;
    }
    awaitWorkers(); // the worker's last phase C, and its time
    double perPixel0 = (double) gradNanos[0] / (hi(0) - lo(0)); // the calling thread
    double perPixel1 = (double) gradNanos[16] / (hi(1) - lo(1));
    gradNanos[0] = 0;
    gradNanos[16] = 0;
    gradSteps = 0;
    if (!(perPixel0 > 0 && perPixel1 > 0)) {
      return false;
    }
    int want = balancedCut(perPixel0, perPixel1);
    if (Math.abs(want - cut[1]) < REBALANCE_MIN_PIXELS) {
      return false;
    }
    recut(want);
    return true;
  }

  /**
   * The cut at which the worker (the pixels before it) and the calling thread (the pixels from it)
   * would take equally long over phase C, given each one's time per pixel: the worker takes {@code
   * 392 · perPixelCaller / (perPixelCaller + perPixelWorker)} pairs of pixels, rounded (pairs stay
   * whole: {@link ByPixel}), and each thread at least an eighth of them. At the fixed cut the
   * engine starts from, phase C took about as long on both threads in quiet runs (49.2 and 50.6 µs
   * a step, a probe).
   */
  static int balancedCut(double perPixelCaller, double perPixelWorker) {
    int pairs = Mlp.INPUTS / 2;
    int want = (int) Math.round(pairs * perPixelCaller / (perPixelCaller + perPixelWorker));
    return 2 * Math.max(pairs / 8, Math.min(pairs - pairs / 8, want));
  }

  /**
   * The cut between the worker's pixels and the calling thread's, as {@link #rebalance} left it.
   */
  int cut() {
    return cut[threads - 1];
  }

  /**
   * Moves the cut between the two threads' pixels to pixel {@code to} (even: pairs of pixels stay
   * whole), between steps with no step announced: the threads' rows go back into the model ({@link
   * #publish}), each thread copies its new rows of the first kernel and its moments into its
   * arrays, and the images' positions of the cut among their non-zeros move with it, half the
   * images on each thread.
   */
  void recut(int to) {
    if (!rebalances()
        || closed
        || listedOrder != null
        || to < 2
        || to >= Mlp.INPUTS
        || to % 2 != 0) {
      throw new IllegalStateException("no cut to move to pixel " + to);
    }
    publish();
    int from = cut[1];
    cut[1] = to;
    SparseImages data = cutData;
    int[] offsets = data == null ? null : cutOffsets[1];
    short[] index = data == null ? null : data.indices();
    inParts(
        2,
        t -> {
          slabW[t] = rowsOf(first.kernel(), t, slabW[t]);
          slabM[t] = rowsOf(adam.m()[0], t, slabM[t]);
          slabV[t] = rowsOf(adam.v()[0], t, slabV[t]);
          if (offsets != null) {
            int end = data.count() * (t + 1) / 2;
            for (int img = data.count() * t / 2; img < end; img++) {
              int start = data.start(img);
              int q = start + offsets[img];
              if (to > from) {
                int last = data.end(img);
                while (q < last && index[q] < to) {
                  q++;
                }
              } else {
                while (q > start && index[q - 1] >= to) {
                  q--;
                }
              }
              offsets[img] = q - start;
            }
          }
        });
  }

  /** Whether {@link #rebalance} may move the cut: two threads, not inline. */
  boolean rebalances() {
    return threads == 2 && !inline;
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
    if (workers.length == 0) {
      for (int t = 0; t < parts; t++) {
        part.accept(t);
      }
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
    slotCuts[slot] = cutsOf(data);
    slotNextOrder[slot] = order;
    slotNextFirst[slot] = nextFirst;
    slotNextRows[slot] = nextRows;
    started = steps + 1;
    if (!primed) {
      listed[slot].list(data, slotCuts[slot], order, first, rows);
      sync(); // the workers wait for an unannounced batch
    }
    for (int t = inline ? threads - 1 : 0; t >= 0; t--) {
      forwardFirst(t, slot, rows, steps); // inline: the first stage first
    }
    if (workers.length == 0 && nextRows > 0) {
      listed[slot ^ 1].list(data, slotCuts[slot], order, nextFirst, nextRows);
    }
    middle(labels, order, first);
    sync();
    long c0 = System.nanoTime();
    for (int t = inline ? threads - 1 : 0; t >= 0; t--) {
      gradAdamFirst(t, slot, rows, alpha, steps > 0);
      if (t > 0) {
        done.set(16 * t, steps + 1);
      }
    }
    gradNanos[0] += System.nanoTime() - c0;
    smallUpdates();
    gradSteps++;
    adam.increment();
    steps++;
    listedOrder = nextRows > 0 ? order : null;
    listedFirst = nextFirst;
    listedRows = nextRows;
  }

  /**
   * For each inner cut j of the pixels (between two stages) and each image of {@code data}: the
   * position of its first non-zero at or past pixel {@code cut[j]}, from its first: a bisection per
   * image, once per set of images (3.3-5.6 ms for the 55,000 training images, a probe), where a
   * bisection per image and step while copying made the lister's listing 38 µs a batch instead of
   * 30 (phase timers, one run each).
   */
  private int[][] cutsOf(SparseImages data) {
    if (data != cutData) {
      cutOffsets = cutOffsets(data, cut);
      cutData = data;
    }
    return cutOffsets;
  }

  /** {@link #cutsOf} for the inner cuts {@code cut[1 .. cut.length - 2]}, computed afresh. */
  static int[][] cutOffsets(SparseImages data, int[] cut) {
    int[][] offsets = new int[cut.length][];
    short[] index = data.indices();
    for (int j = 1; j < cut.length - 1; j++) {
      offsets[j] = new int[data.count()];
      for (int img = 0; img < data.count(); img++) {
        int lo = data.start(img);
        int hi = data.end(img);
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (index[mid] < cut[j]) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        offsets[j][img] = lo - data.start(img);
      }
    }
    return offsets;
  }

  /** Takes one step with no hint of the next batch. */
  void step(SparseImages data, byte[] labels, int[] order, int first, int rows, float alpha) {
    step(data, labels, order, first, rows, alpha, 0, 0);
  }

  /**
   * A worker's loop: phase A of step s (its stage of the first layer), then B (worker 1 lists the
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
      forwardFirst(t, slot, announced ? announcedRows : slotRows[slot], s);
      if (t == LISTER && awaitStarted(s)) {
        int next = slotNextRows[slot];
        if (next > 0) {
          listed[slot ^ 1].list(
              slotData[slot], slotCuts[slot], slotNextOrder[slot], slotNextFirst[slot], next);
        }
      }
      // the step's one meeting, or close()'s for a worker that ran ahead into a step the calling
      // thread never started (not closed alone: close() may follow a step's meeting at once)
      barrier.await();
      if (started <= s) {
        return;
      }
      int nextRows = slotNextRows[slot];
      long c0 = System.nanoTime();
      gradAdamFirst(t, slot, slotRows[slot], slotAlpha[slot], s > 0);
      gradNanos[16 * t] += System.nanoTime() - c0;
      done.set(16 * t, s + 1);
      announced = nextRows > 0;
      announcedRows = nextRows;
    }
  }

  /**
   * The lister's wait, after its phase A of step {@code s}, for the calling thread to start step s
   * (or to close the engine instead: then false). Starting it, the calling thread has finished its
   * phase C of step s - 1, the last reader of the lists the lister now overwrites with the next
   * batch's, and has filled step s's slot; the other workers have finished theirs too, since they
   * handed the lister their sums of step s. Waiting here, not at a meeting, the lister lists while
   * the calling thread still works through its stage of the first layer.
   */
  private boolean awaitStarted(long s) {
    int spins = 0;
    while (started <= s) {
      if (closed) {
        return false;
      }
      spins = barrier.spin(spins);
    }
    return true;
  }

  private void sync() {
    if (threads > 1) {
      barrier.await();
    }
  }

  /**
   * Phase A: this thread's stage of the first layer for the {@code rows} images of step {@code s}
   * (in {@code slot}), {@link #HANDOFF} rows at a time: the first stage sums each row from the bias
   * over its pixels, each further one waits for the stage before to hand the row on and continues
   * its sums over its own pixels, and the last (the calling thread's) applies the ReLU.
   */
  private void forwardFirst(int t, int slot, int rows, long s) {
    int stage = threads - 1 - t;
    ByPixel batch = listed[slot];
    float[] bias = first.bias();
    boolean fromBias = stage == 0;
    long step = s << 24;
    for (int r = 0; r < rows; r += HANDOFF) {
      int r1 = Math.min(rows, r + HANDOFF);
      if (!fromBias) {
        barrier.awaitAtLeast(handed, 16 * (t + 1), step | r1);
      }
      k.sparseForwardRange(
          r,
          r1,
          batch.bound[stage],
          batch.bound[stage + 1],
          batch.copyIndex,
          batch.copyLevel,
          RESCALED,
          h0,
          slabW[t],
          at - lo(t) * h0,
          fromBias ? bias : zFirst,
          fromBias ? 0 : at,
          fromBias ? 0 : h0,
          zFirst,
          at);
      if (t == 0) {
        k.relu((r1 - r) * h0, zFirst, at + r * h0, a[0], r * h0);
      } else {
        handed.set(16 * t, step | r1);
      }
    }
  }

  /**
   * Phase B: remaining layers forward, loss, backward to the first layer (the second kernel's
   * gradient aside: {@link #smallUpdates}), Adam on the first bias, which the first stage of the
   * next phase A starts from.
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
    for (int l = n - 1; l >= 2; l--) {
      Dense layer = mlp.layers().get(l);
      layer.backward(k, rows, a[l - 1], dz[l], grads[2 * l], grads[2 * l + 1], dz[l - 1]);
      Dense.reluBackward(k, rows * layer.inputs(), z[l - 1], dz[l - 1]);
    }
    // the first layer's output gradient straight into dzFirst, onto cache lines for phase C (a
    // copy there took 2.1-2.7 µs a step, phase timers); its ReLU output marks the same units off
    // as its sums (max(z, 0) ≤ 0 exactly where z ≤ 0)
    Dense second = mlp.layers().get(1);
    k.matmulTransB(rows, h0, second.units(), dz[1], second.kernel(), dzFirst, at);
    k.reluMask(rows * h0, a[0], 0, dzFirst, at);
    float[] db = grads[1];
    Arrays.fill(db, 0f);
    for (int r = 0; r < rows; r++) {
      k.axpy(h0, 1f, dzFirst, at + r * h0, db, 0);
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

  /**
   * After the calling thread's phase C: the second kernel's gradient, and Adam on every variable
   * past the first layer. Nothing reads them before the next step's phase B (the backward pass has
   * used the second kernel before its update, as the reference does), and here they take the time
   * in which the calling thread would otherwise wait for the other thread's first rows of the next
   * phase A, while in phase B, before the meeting, they kept the other thread waiting. Phase timers
   * (a probe outside the repo, `bench --runs 3`, one quiet pair): phase B 19.4 -> 16.3 µs, the wait
   * for the first rows 4.5 -> 2.1 µs, the other thread's wait at the meeting 6.9 -> 4.3 µs;
   * AbBench, 20 rounds against the build before: faster in 18, medians 0.964 -> 0.925 s.
   */
  private void smallUpdates() {
    Dense second = mlp.layers().get(1);
    k.gradKernelBias(rows, h0, second.units(), a[0], dz[1], grads[2], grads[3]);
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

  /**
   * Phase C: the first kernel's gradient on this thread's rows, and Adam on them; {@code flushedV}:
   * an earlier step of this engine has updated (and flushed) every second moment.
   */
  private void gradAdamFirst(int t, int slot, int rows, float alpha, boolean flushedV) {
    ByPixel batch = listed[slot];
    k.sparseGradAdam(
        hi(t) - lo(t),
        lo(t),
        h0,
        at,
        batch.from,
        batch.to,
        batch.entries,
        RESCALED,
        dzFirst,
        scratch[t],
        slabW[t],
        slabM[t],
        slabV[t],
        alpha,
        oneMinusBeta1,
        oneMinusBeta2,
        epsilon,
        flushedV);
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
