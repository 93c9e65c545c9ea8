package neuronlens.train;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import neuronlens.data.Dataset;
import neuronlens.data.SparseImages;
import neuronlens.nn.Backward;
import neuronlens.nn.Forward;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.tensor.ScalarKernels;
import neuronlens.tensor.VectorKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernels of one training step of the seed's network (batch 50, 784-128-10) on MNIST-like
 * sparse images (about 19 % of pixels lit): forward, backward, the Adam update of all 101,770
 * values, and the whole fused step, for the scalar reference and the Vector API kernels. Run:
 * {@code mvn -B -Pjmh -DskipTests package && java --add-modules jdk.incubator.vector -jar
 * target/benchmarks.jar}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// the launcher's object alignment, so that the training engine's slabs lie on cache lines as they
// do in `neuronlens train` and `bench` (see Aligned)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:ObjectAlignmentInBytes=64"})
public class KernelBenchmarks {
  static final int BATCH = 50;
  static final int IMAGES = 2000;

  @Param({"vector", "scalar"})
  String kernels;

  @Param({"1", "2"})
  int threads;

  Kernels k;
  Mlp mlp;
  Dataset data;
  SparseImages sparse;
  int[] order;
  Forward fwd;
  Backward bwd;
  AdamState adam;
  Adam optimizer;
  StepEngine engine;
  int batch;
  int stepBatch; // the batch fusedStep takes next, announced by the step before

  @Setup(Level.Trial)
  public void setUp() {
    k = kernels.equals("vector") ? new VectorKernels() : new ScalarKernels();
    data = mnistLike(IMAGES, 1);
    sparse = SparseImages.of(data);
    order = new int[IMAGES];
    Trainer.permutation(1, 0, order);
    mlp = Mlp.glorot(new int[] {128}, 10, 42);
    fwd = new Forward(mlp, BATCH);
    bwd = new Backward(fwd);
    adam = AdamState.zeros(mlp.variables());
    optimizer = new Adam(new ExponentialDecay(0.01, 11000, 0.1), 0.9, 0.999, 1e-7);
    engine = new StepEngine(k, mlp, adam, BATCH, threads, optimizer);
    fwd.loadBytes(data.images(), order, 0, BATCH);
    fwd.run(k);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  /** Loading a batch (bytes to rescaled floats and non-zero lists) and the forward pass. */
  @Benchmark
  public float forward() {
    batch = (batch + BATCH) % (IMAGES - BATCH);
    fwd.loadBytes(data.images(), order, batch, BATCH);
    fwd.run(k);
    return fwd.probabilities()[0];
  }

  /** Gradients of all variables from the last forward pass. */
  @Benchmark
  public float backward() {
    bwd.run(k, data.labels(), order, batch);
    return bwd.grads()[0][0];
  }

  /** The Adam update of all 101,770 values. */
  @Benchmark
  public float adamUpdate() {
    optimizer.step(k, mlp.variables(), bwd.grads(), adam);
    return mlp.variables().get(0)[0];
  }

  /**
   * The same Adam update when every first moment sits just above the subnormal range (5e-38), as
   * those of rarely lit pixels do while they decay: without the early flush, {@code (g - m)(1 -
   * β1)} and {@code alpha · m} are subnormal and each costs a microcode assist.
   */
  @Benchmark
  public float adamUpdateTinyMoments(TinyMoments t) {
    optimizer.step(k, mlp.variables(), t.grads, t.state);
    return mlp.variables().get(0)[0];
  }

  /** Moments refilled before every call (the update flushes them). */
  @State(Scope.Thread)
  public static class TinyMoments {
    AdamState state;
    float[][] grads;

    @Setup(Level.Invocation)
    public void fill(KernelBenchmarks b) {
      if (state == null) {
        state = AdamState.zeros(b.mlp.variables());
        grads = new float[b.mlp.variables().size()][];
        for (int i = 0; i < grads.length; i++) {
          grads[i] = new float[b.mlp.variables().get(i).length];
        }
      }
      for (int i = 0; i < grads.length; i++) {
        java.util.Arrays.fill(state.m()[i], 5e-38f);
        java.util.Arrays.fill(state.v()[i], 1e-8f);
      }
    }
  }

  /**
   * One whole training step (forward, loss, backward, Adam) on {@code threads}, told the next batch
   * as the trainer tells it, so that listing that batch overlaps the small layers.
   */
  @Benchmark
  public double fusedStep() {
    int current = stepBatch;
    stepBatch = (stepBatch + BATCH) % (IMAGES - BATCH);
    engine.step(
        sparse,
        data.labels(),
        order,
        current,
        BATCH,
        optimizer.alpha(adam.iterations()),
        stepBatch,
        BATCH);
    return engine.lossSum;
  }

  /**
   * The output layer's kernels on a batch (50 × 128 → 10: fewer units than a vector has lanes): the
   * forward product, the kernel and bias gradients, and the gradient sent back to the hidden layer.
   */
  @Benchmark
  public float outputLayer(OutputLayer o) {
    k.matmulBias(BATCH, 128, 10, o.hidden, o.kernel, o.bias, o.z);
    k.gradKernelBias(BATCH, 128, 10, o.hidden, o.dz, o.dKernel, o.dBias);
    k.matmulTransB(BATCH, 128, 10, o.dz, o.kernel, o.dHidden);
    return o.z[0] + o.dKernel[0] + o.dHidden[0];
  }

  /**
   * Post-ReLU hidden activations, a share {@code zeros} of them 0 (83 % for the trained network on
   * MNIST's training images, about half at the start), and an output gradient.
   */
  @State(Scope.Thread)
  public static class OutputLayer {
    @Param({"0.5", "0.83"})
    double zeros;

    final float[] hidden = new float[BATCH * 128];
    final float[] kernel = new float[128 * 10];
    final float[] bias = new float[10];
    final float[] z = new float[BATCH * 10];
    final float[] dz = new float[BATCH * 10];
    final float[] dKernel = new float[128 * 10];
    final float[] dBias = new float[10];
    final float[] dHidden = new float[BATCH * 128];

    @Setup(Level.Trial)
    public void fill() {
      SplittableRandom rng = new SplittableRandom(3);
      for (int i = 0; i < hidden.length; i++) {
        hidden[i] = rng.nextDouble() < zeros ? 0f : (float) Math.abs(rng.nextGaussian());
      }
      for (int i = 0; i < kernel.length; i++) {
        kernel[i] = (float) (rng.nextGaussian() * 0.1);
      }
      for (int i = 0; i < dz.length; i++) {
        dz[i] = (float) (rng.nextGaussian() * 0.01);
      }
    }
  }

  /** Images with MNIST's density: a lit blob of strokes in the centre, 0 elsewhere. */
  static Dataset mnistLike(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] images = new byte[count * Mlp.INPUTS];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) rng.nextInt(10);
      for (int p = 0; p < Mlp.INPUTS; p++) {
        int r = p / 28;
        int c = p % 28;
        boolean centre = r > 4 && r < 24 && c > 6 && c < 22;
        images[i * Mlp.INPUTS + p] =
            (byte) (centre && rng.nextInt(100) < 50 ? rng.nextInt(1, 256) : 0);
      }
    }
    return new Dataset(images, labels, count, 28, 28);
  }
}
