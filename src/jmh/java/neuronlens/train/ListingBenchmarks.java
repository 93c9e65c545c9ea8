package neuronlens.train;

import java.util.concurrent.TimeUnit;
import neuronlens.data.Dataset;
import neuronlens.data.SparseImages;
import neuronlens.nn.Mlp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the training's lister does for each step, alone: copying a batch of 50 images' non-zero
 * pixels into one block and putting their lit pairs into the pairs' buckets ({@link ByPixel}), for
 * two threads' stages cut at pixel 406, over an epoch's worth of MNIST-like images (55,000: their
 * lists, about 40 MB, exceed the shared third-level cache, as the real training set's do) taken in
 * a shuffled order, batch after batch. Run: {@code mvn -B -Pjmh -DskipTests package && java
 * --add-modules jdk.incubator.vector -jar target/benchmarks.jar ListingBenchmarks}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:ObjectAlignmentInBytes=64"})
public class ListingBenchmarks {
  static final int BATCH = 50;
  static final int IMAGES = 55_000;

  SparseImages sparse;
  int[][] cuts;
  int[] order;
  ByPixel listed;
  int first;

  @Setup(Level.Trial)
  public void setUp() {
    Dataset data = KernelBenchmarks.mnistLike(IMAGES, 3);
    sparse = SparseImages.of(data, 2);
    cuts = StepEngine.cutOffsets(sparse, new int[] {0, 406, Mlp.INPUTS});
    order = new int[IMAGES];
    Trainer.permutation(3, 0, order);
    listed = new ByPixel(BATCH, 2);
  }

  /** One batch listed, the next batch of the shuffled order each call. */
  @Benchmark
  public int listBatch() {
    first = first + 2 * BATCH <= IMAGES ? first + BATCH : 0;
    listed.list(sparse, cuts, order, first, BATCH);
    return listed.to[Mlp.INPUTS / 4];
  }
}
