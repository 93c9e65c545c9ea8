package neuronlens.vis;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import neuronlens.nn.Mlp;
import neuronlens.tensor.Kernels;
import neuronlens.tensor.ScalarKernels;
import neuronlens.tensor.VectorKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One step of activation maximization on the seed's network (784-128-10, Glorot weights): the
 * objective and its input gradient for the 10 output units (five rows at a time through the first
 * layer) and for 8 hidden units, and the Adam update of 8 images. {@code amRun} is a whole run of
 * the 10 output units × 100 steps. Run with the other benchmarks: {@code mvn -B -Pjmh -DskipTests
 * package && java --add-modules jdk.incubator.vector -jar target/benchmarks.jar}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AmBenchmarks {
  @Param({"vector", "scalar"})
  String kernels;

  Kernels k;
  Mlp mlp;
  InputGradient outputs;
  InputGradient hidden;
  float[] x10;
  float[] x8;
  float[] value;
  float[] grad10;
  float[] grad8;
  float[] m;
  float[] v;
  ActivationMaximizer maximizer;
  AmConfig config;

  @Setup
  public void setUp() {
    k = kernels.equals("vector") ? new VectorKernels() : new ScalarKernels();
    mlp = Mlp.glorot(new int[] {128}, 10, 42);
    outputs = new InputGradient(mlp, 1, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Objective.LOGIT);
    hidden =
        new InputGradient(mlp, 0, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, Objective.POST_ACTIVATION);
    SplittableRandom rng = new SplittableRandom(1);
    x10 = new float[10 * Mlp.INPUTS];
    for (int i = 0; i < x10.length; i++) {
      x10[i] = (float) rng.nextDouble();
    }
    x8 = java.util.Arrays.copyOf(x10, 8 * Mlp.INPUTS);
    value = new float[10];
    grad10 = new float[x10.length];
    grad8 = new float[x8.length];
    m = new float[x8.length];
    v = new float[x8.length];
    maximizer = new ActivationMaximizer(mlp, k, 1);
    config = AmConfig.seedPreset().withSteps(100);
  }

  /** Objective and input gradient of the 10 output units (logits) at 10 dense images. */
  @Benchmark
  public float outputGradient() {
    outputs.compute(k, x10, value, grad10);
    return grad10[0];
  }

  /** Objective and input gradient of 8 hidden units (after ReLU) at 8 dense images. */
  @Benchmark
  public float hiddenGradient() {
    hidden.compute(k, x8, value, grad8);
    return grad8[0];
  }

  /** Adam on 8 images (6,272 pixels), the other half of a hidden unit's step. */
  @Benchmark
  public float adamOnImages() {
    k.adam(x8.length, x8, grad8, m, v, 1e-3f, 0.1f, 0.001f, 1e-7f);
    return x8[0];
  }

  /** A whole run: the 10 output units, 100 steps, from the seed preset's noise. */
  @Benchmark
  public float amRun() {
    return maximizer.run(1, Gallery.all(10), config, null).trace()[0];
  }
}
