package neuronlens.train;

import java.lang.management.ManagementFactory;
import java.util.Set;
import neuronlens.data.Dataset;
import neuronlens.data.SparseImages;
import neuronlens.nn.Mlp;
import neuronlens.tensor.VectorKernels;

/**
 * Run by {@link StepAllocationTest} in a JVM of its own: an engine of two threads takes epochs of
 * 20 steps (each announcing the next, as the trainer does), 250 to warm up, then windows of 50
 * until one allocates nothing on either thread or {@link #WINDOWS} have passed, and prints the
 * bytes the calling thread and the worker allocated in the last window as {@code caller=N worker=N
 * windows=W}. More than one window: the compiler had not finished with the step when the first
 * began (on a busy machine its threads wait for a core), which a step that allocates in compiled
 * code would not get past.
 */
final class StepAllocation {
  private StepAllocation() {}

  static final int WARM_UP = 250;
  static final int COUNTED = 50;
  static final int WINDOWS = 8;

  public static void main(String[] args) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Dataset data = TrainerTest.synthetic(1000, 5, false);
    int[] order = new int[data.count()];
    Trainer.permutation(3, 0, order);
    SparseImages sparse = SparseImages.of(data);
    Mlp mlp = Mlp.glorot(new int[] {128}, 10, 9);
    Adam optimizer = new Adam(new ExponentialDecay(0.01, 100, 0.1), 0.9, 0.999, 1e-7);
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (StepEngine engine =
        new StepEngine(
            new VectorKernels(), mlp, AdamState.zeros(mlp.variables()), 50, 2, optimizer)) {
      long worker =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().startsWith("neuronlens-train-") && !before.contains(t))
              .mapToLong(Thread::getId)
              .findFirst()
              .orElseThrow();
      for (int epoch = 0; epoch < WARM_UP; epoch++) {
        epoch(engine, sparse, data, order);
      }
      long callerBytes = 0;
      long workerBytes = 0;
      int windows = 0;
      do {
        windows++;
        workerBytes = mx.getThreadAllocatedBytes(worker);
        callerBytes = mx.getCurrentThreadAllocatedBytes(); // last: the reads allocate
        for (int epoch = 0; epoch < COUNTED; epoch++) {
          epoch(engine, sparse, data, order);
        }
        callerBytes = mx.getCurrentThreadAllocatedBytes() - callerBytes; // first
        workerBytes = mx.getThreadAllocatedBytes(worker) - workerBytes;
      } while ((callerBytes != 0 || workerBytes != 0) && windows < WINDOWS);
      System.out.println(
          "caller=" + callerBytes + " worker=" + workerBytes + " windows=" + windows);
    }
  }

  private static void epoch(StepEngine engine, SparseImages sparse, Dataset data, int[] order) {
    for (int first = 0; first < data.count(); first += 50) {
      int next = first + 50 < data.count() ? first + 50 : 0;
      engine.step(sparse, data.labels(), order, first, 50, 1e-3f, next, next > 0 ? 50 : 0);
    }
  }
}
