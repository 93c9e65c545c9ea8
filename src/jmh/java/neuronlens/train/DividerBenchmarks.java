package neuronlens.train;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import neuronlens.tensor.VectorKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How close the Adam pass over one training thread's share of the first kernel (784 × 64 values,
 * what each of two threads updates every step) comes to the square roots and divisions it cannot
 * avoid: {@code adamPass} is the kernel itself, {@code rootsAndDivisionsOnly} computes only {@code
 * m / (√v + ε)} over the same values. Both run on the core's divider, and an exact update leaves no
 * cheaper way to get them, so the second is a floor under the first (times 11,000 steps, under
 * training). Run: {@code mvn -B -Pjmh -DskipTests package && java --add-modules
 * jdk.incubator.vector -jar target/benchmarks.jar DividerBenchmarks}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DividerBenchmarks {
  static final int VALUES = 784 * 64;
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  final VectorKernels k = new VectorKernels();
  final float[] p = new float[VALUES];
  final float[] g = new float[VALUES];
  final float[] m = new float[VALUES];
  final float[] v = new float[VALUES];
  final float[] out = new float[VALUES];

  /** Weights, gradients and moments of the sizes training meets (none flushed to zero). */
  @Setup
  public void fill() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < VALUES; i++) {
      p[i] = (float) (rng.nextGaussian() * 0.05);
      g[i] = (float) (rng.nextGaussian() * 1e-4);
      m[i] = (float) (rng.nextGaussian() * 1e-4);
      v[i] = (float) (1e-8 * (1 + rng.nextDouble()));
    }
  }

  /** The Adam kernel on the 50,176 values (the step sizes of mid-training). */
  @Benchmark
  public float adamPass() {
    k.adam(VALUES, p, g, m, v, 1e-3f, 0.1f, 0.001f, 1e-7f);
    return p[0];
  }

  /** Only {@code m / (√v + ε)} on the same values, a vector at a time. */
  @Benchmark
  public float rootsAndDivisionsOnly() {
    FloatVector eps = FloatVector.broadcast(S, 1e-7f);
    int i = 0;
    for (int bound = S.loopBound(VALUES); i < bound; i += S.length()) {
      FloatVector.fromArray(S, m, i)
          .div(FloatVector.fromArray(S, v, i).sqrt().add(eps))
          .intoArray(out, i);
    }
    for (; i < VALUES; i++) {
      out[i] = m[i] / ((float) Math.sqrt(v[i]) + 1e-7f);
    }
    return out[0];
  }
}
