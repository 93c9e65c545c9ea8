package neuronlens.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import neuronlens.data.Dataset;
import neuronlens.data.SparseImages;
import neuronlens.nn.Backward;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import neuronlens.tensor.AllClose;
import neuronlens.tensor.Kernels;
import neuronlens.tensor.ScalarKernels;
import neuronlens.tensor.VectorKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused training step, its first layer split by pixels among threads, against the plain
 * reference path ({@link Forward}, {@link Backward}, {@link Adam}) with the same kernels:
 * bit-identical, for any thread count, for one and two hidden layers and for first layers whose
 * width is not a multiple of the vector length, with and without the next batch announced; and a
 * step on other images than announced is refused.
 */
class StepEngineTest {

  static List<Object[]> cases() {
    return List.of(
        new Object[] {new ScalarKernels(), new int[] {128}, 2, false},
        new Object[] {new VectorKernels(), new int[] {128}, 2, false},
        new Object[] {new VectorKernels(), new int[] {128}, 3, false},
        new Object[] {new VectorKernels(), new int[] {70, 33}, 2, false},
        new Object[] {new ScalarKernels(), new int[] {70, 33}, 4, false},
        new Object[] {new VectorKernels(), new int[] {128}, 1, false},
        new Object[] {new VectorKernels(), new int[] {70, 33}, 1, false},
        new Object[] {new ScalarKernels(), new int[] {128}, 1, false},
        // the threads' layout and phases, all run by the calling thread
        new Object[] {new VectorKernels(), new int[] {128}, 2, true},
        new Object[] {new VectorKernels(), new int[] {70, 33}, 3, true},
        new Object[] {new ScalarKernels(), new int[] {128}, 2, true});
  }

  /** Images, their order, Adam and a 784-128-10 network, as the tests of one engine use them. */
  private static final class Setup {
    final Dataset data;
    final int[] order;
    final Adam optimizer = new Adam(new ExponentialDecay(0.01, 100, 0.1), 0.9, 0.999, 1e-7);
    final Mlp mlp = Mlp.glorot(new int[] {128}, 10, 9);
    final SparseImages sparse;

    Setup(int count, long seed) {
      data = TrainerTest.synthetic(count, seed, false);
      order = new int[data.count()];
      Trainer.permutation(3, 0, order);
      sparse = SparseImages.of(data);
    }
  }

  @Test
  void aStepOnOtherImagesThanAnnouncedIsRefused() {
    Setup f = new Setup(100, 12);
    StepEngine engine =
        new StepEngine(
            new VectorKernels(), f.mlp, AdamState.zeros(f.mlp.variables()), 25, 2, f.optimizer);
    engine.step(f.sparse, f.data.labels(), f.order, 0, 25, 1e-3f, 25, 25);
    assertThatThrownBy(() -> engine.step(f.sparse, f.data.labels(), f.order, 50, 25, 1e-3f, 75, 25))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the batch the previous step announced");
    engine.close(); // already closed by the refusal: closing again is harmless
  }

  /**
   * A thread that fails mid-training stops the others instead of leaving them waiting for it: a
   * worker's exception surfaces from a later step or from publish, the calling thread's from its
   * step, and closing the engine returns (before the fix, it spun for ever at the barrier).
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void aFailingThreadStopsTheOthersAndCloseReturns(boolean failOnWorker) {
    Setup f = new Setup(200, 13);
    Kernels k = failingKernels(failOnWorker);
    StepEngine engine =
        new StepEngine(k, f.mlp, AdamState.zeros(f.mlp.variables()), 25, 2, f.optimizer);
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          assertThatThrownBy(
                  () -> {
                    for (int first = 0; first < f.data.count(); first += 25) {
                      int next = first + 25 < f.data.count() ? 25 : 0;
                      engine.step(
                          f.sparse, f.data.labels(), f.order, first, 25, 1e-3f, first + 25, next);
                    }
                    engine.publish();
                  })
              .satisfies(
                  e -> {
                    Throwable root = e; // the calling thread's own, or a worker's as the cause
                    while (root.getCause() != null) {
                      root = root.getCause();
                    }
                    assertThat(root).hasMessage(INJECTED);
                  });
          engine.close();
          // the engine stays unusable, and says so rather than waiting
          assertThatThrownBy(() -> engine.step(f.sparse, f.data.labels(), f.order, 0, 25, 1e-3f))
              .isInstanceOf(RuntimeException.class);
        });
  }

  /**
   * A job given to the engine between steps runs each part once, part 0 on the calling thread and
   * the others each on its own worker; a part's exception comes back to the caller; a job while the
   * next step is announced (the workers already on it) is refused, and the engine steps on.
   */
  @Test
  void aJobRunsOnTheEngineThreadsBetweenSteps() {
    Setup f = new Setup(100, 12);
    try (StepEngine engine =
        new StepEngine(
            new VectorKernels(), f.mlp, AdamState.zeros(f.mlp.variables()), 25, 3, f.optimizer)) {
      Thread[] where = new Thread[3];
      engine.inParts(3, t -> where[t] = Thread.currentThread());
      assertThat(where[0]).isSameAs(Thread.currentThread());
      assertThat(where).doesNotHaveDuplicates().doesNotContainNull();
      assertThat(where[1].getName()).isEqualTo("neuronlens-train-1");

      boolean[] ran = new boolean[3];
      assertThatThrownBy(
              () ->
                  engine.inParts(
                      3,
                      t -> {
                        ran[t] = true;
                        if (t == 2) {
                          throw new IllegalStateException(INJECTED);
                        }
                      }))
          .hasMessage(INJECTED);
      assertThat(ran).containsOnly(true);

      engine.step(f.sparse, f.data.labels(), f.order, 0, 25, 1e-3f, 25, 25);
      assertThatThrownBy(() -> engine.inParts(2, t -> {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("announced");
      engine.step(f.sparse, f.data.labels(), f.order, 25, 25, 1e-3f);
      engine.inParts(3, t -> ran[t] = false);
      assertThat(ran).containsOnly(false);
      assertThatThrownBy(() -> engine.inParts(4, t -> {}))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  static final String INJECTED = "injected failure";

  /**
   * The scalar kernels, except that the fourth call of one kernel fails: the first kernel's
   * gradient + Adam on a worker thread, or the output layer's backward product on the calling one.
   */
  static Kernels failingKernels(boolean onWorker) {
    Kernels k = new ScalarKernels();
    String failing = onWorker ? "sparseGradAdam" : "matmulTransB";
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    return (Kernels)
        java.lang.reflect.Proxy.newProxyInstance(
            Kernels.class.getClassLoader(),
            new Class<?>[] {Kernels.class},
            (proxy, method, args) -> {
              boolean worker = Thread.currentThread().getName().startsWith("neuronlens-train-");
              if (method.getName().equals(failing)
                  && worker == onWorker
                  && calls.incrementAndGet() == 4) {
                throw new IllegalStateException(INJECTED);
              }
              try {
                return method.invoke(k, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fusedStepsEqualTheReferenceStepsBitForBit(
      Kernels k, int[] hidden, int threads, boolean inline) {
    Dataset data = TrainerTest.synthetic(120, 11, false);
    int[] order = new int[data.count()];
    Trainer.permutation(3, 0, order);
    Adam optimizer = new Adam(new ExponentialDecay(0.01, 100, 0.1), 0.9, 0.999, 1e-7);
    Reference ref = new Reference(k, data, order, optimizer, Mlp.glorot(hidden, 10, 9));
    SparseImages sparse = SparseImages.of(data);
    long trainingThreads = trainingThreads();
    try (StepEngine engine =
        new StepEngine(k, ref.fused, ref.fusedState, 25, threads, optimizer, inline)) {
      if (inline) {
        assertThat(trainingThreads()).as("threads started inline").isEqualTo(trainingThreads);
      }
      for (int first = 0; first < data.count(); first += 25) {
        int rows = Math.min(25, data.count() - first);
        float alpha = ref.step(first, rows);
        // the next batch announced, except after the third step and at the end, so that the
        // workers both run ahead into an announced step and wait for an unannounced one
        int next = first + 25;
        int nextRows = next < data.count() && first != 50 ? Math.min(25, data.count() - next) : 0;
        engine.step(sparse, data.labels(), order, first, rows, alpha, next, nextRows);
        if (nextRows == 0 && first + rows < data.count()) {
          // between epochs: the model published mid-training is the reference's so far, and a
          // job on the engine's threads (as the evaluation runs there) changes nothing after
          engine.publish();
          TrainerTest.assertSameWeights(
              k.name() + " published after " + first, ref.mlp(), ref.fused);
          int[] ran = new int[engine.threads()];
          engine.inParts(engine.threads(), t -> ran[t]++);
          assertThat(ran).containsOnly(1);
        }
      }
    }
    ref.assertSameAsFused(k.name() + " " + threads + " threads" + (inline ? ", inline" : ""));
  }

  /**
   * Moving the cut between the two threads' pixels between steps (as {@link StepEngine#rebalance}
   * does when one thread runs slower) changes no value: the weights and moments after steps with
   * the cut moved up and down, to either end of the pixels and back, equal those of the reference
   * path bit for bit; a move while the next batch is announced, or through a pair of pixels (an odd
   * cut), is refused.
   */
  @ParameterizedTest
  @MethodSource("kernels")
  void movingTheCutBetweenStepsChangesNoValue(Kernels k) {
    Dataset data = TrainerTest.synthetic(200, 21, false);
    int[] order = new int[data.count()];
    Trainer.permutation(5, 0, order);
    Adam optimizer = new Adam(new ExponentialDecay(0.01, 100, 0.1), 0.9, 0.999, 1e-7);
    Reference ref = new Reference(k, data, order, optimizer, Mlp.glorot(new int[] {128}, 10, 4));
    SparseImages sparse = SparseImages.of(data);
    int[] cuts = {406, 250, 700, 98, 2, 782, 392, 406};
    try (StepEngine engine = new StepEngine(k, ref.fused, ref.fusedState, 25, 2, optimizer)) {
      assertThat(engine.cut()).isEqualTo(406);
      for (int step = 0, first = 0; first < data.count(); step++, first += 25) {
        float alpha = ref.step(first, 25);
        // every other step announces the next batch: the cut moves after the others
        boolean announce = step % 2 == 0 && first + 25 < data.count();
        engine.step(sparse, data.labels(), order, first, 25, alpha, first + 25, announce ? 25 : 0);
        if (announce) {
          assertThatThrownBy(() -> engine.recut(300)).isInstanceOf(IllegalStateException.class);
        } else if (first + 25 < data.count()) {
          int to = cuts[(step / 2) % cuts.length];
          assertThatThrownBy(() -> engine.recut(to + 1))
              .as("a cut through a pair of pixels")
              .isInstanceOf(IllegalStateException.class);
          engine.recut(to);
          assertThat(engine.cut()).isEqualTo(to);
        }
      }
    }
    ref.assertSameAsFused(k.name() + ", the cut moved");
  }

  static List<Kernels> kernels() {
    return List.of(new ScalarKernels(), new VectorKernels());
  }

  /**
   * The balanced cut gives each thread pixels in inverse proportion to its time per pixel, in whole
   * pairs: equal speeds split the 392 pairs in half, a worker twice as slow takes a third of them
   * (130.7 pairs, rounded: 262 pixels), a calling thread twice as slow leaves it two thirds (261.3
   * pairs: 522 pixels); neither takes less than an eighth (98 pixels) however lopsided the speeds.
   */
  @Test
  void theBalancedCutFollowsTheThreadsSpeeds() {
    assertThat(StepEngine.balancedCut(1.0, 1.0)).isEqualTo(392);
    assertThat(StepEngine.balancedCut(1.0, 2.0)).isEqualTo(262);
    assertThat(StepEngine.balancedCut(2.0, 1.0)).isEqualTo(522);
    assertThat(StepEngine.balancedCut(1.0, 100.0)).isEqualTo(98);
    assertThat(StepEngine.balancedCut(100.0, 1.0)).isEqualTo(784 - 98);
  }

  /**
   * Rebalancing moves nothing for an engine that cannot: one thread, an inline engine, or too few
   * steps timed since the start.
   */
  @Test
  void rebalancingNeedsTwoThreadsAndTimedSteps() {
    Setup f = new Setup(100, 12);
    try (StepEngine one =
            new StepEngine(
                new VectorKernels(),
                f.mlp,
                AdamState.zeros(f.mlp.variables()),
                25,
                1,
                f.optimizer);
        StepEngine two =
            new StepEngine(
                new VectorKernels(),
                f.mlp.copy(),
                AdamState.zeros(f.mlp.variables()),
                25,
                2,
                f.optimizer)) {
      for (StepEngine e : List.of(one, two)) {
        e.step(f.sparse, f.data.labels(), f.order, 0, 25, 1e-3f);
        assertThat(e.rebalance()).as("%d threads, one step", e.threads()).isFalse();
      }
      assertThat(two.cut()).isEqualTo(406);
    }
  }

  /**
   * The reference path ({@link Forward}, {@link Backward}, {@link Adam} on every variable) on a
   * network, beside a copy of it and fresh optimizer state for an engine to train (its {@code
   * fused} and {@code fusedState}).
   */
  private static final class Reference {
    final Kernels k;
    final Dataset data;
    final int[] order;
    final Adam optimizer;
    final AdamState state;
    final Forward fwd;
    final Backward bwd;
    final Mlp fused;
    final AdamState fusedState;

    Reference(Kernels k, Dataset data, int[] order, Adam optimizer, Mlp mlp) {
      this.k = k;
      this.data = data;
      this.order = order;
      this.optimizer = optimizer;
      this.state = AdamState.zeros(mlp.variables());
      this.fwd = new Forward(mlp, 25);
      this.bwd = new Backward(fwd);
      this.fused = mlp.copy();
      this.fusedState = AdamState.zeros(fused.variables());
    }

    Mlp mlp() {
      return fwd.mlp();
    }

    /** One reference step on {@code order[first .. first + rows)}; returns Adam's step size. */
    float step(int first, int rows) {
      fwd.loadBytes(data.images(), order, first, rows);
      fwd.run(k);
      bwd.run(k, data.labels(), order, first);
      float alpha = optimizer.alpha(state.iterations());
      for (int i = 0; i < bwd.grads().length; i++) {
        float[] p = mlp().variables().get(i);
        k.adam(
            p.length,
            p,
            bwd.grads()[i],
            state.m()[i],
            state.v()[i],
            alpha,
            optimizer.oneMinusBeta1(),
            optimizer.oneMinusBeta2(),
            optimizer.epsilon());
      }
      state.increment();
      return alpha;
    }

    /** The engine's network and moments equal the reference's bit for bit, after as many steps. */
    void assertSameAsFused(String what) {
      assertThat(fusedState.iterations()).isEqualTo(state.iterations());
      TrainerTest.assertSameWeights(what, mlp(), fused);
      for (int i = 0; i < state.m().length; i++) {
        AllClose.assertBitEqual("m " + i, state.m()[i], fusedState.m()[i]);
        AllClose.assertBitEqual("v " + i, state.v()[i], fusedState.v()[i]);
      }
    }
  }

  /** Live threads named as the engines name their workers. */
  private static long trainingThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("neuronlens-train-"))
        .count();
  }
}
