package neuronlens.train;

import java.lang.management.ManagementFactory;
import java.util.Set;
import neuronlens.data.Dataset;
import neuronlens.data.SparseImages;
import neuronlens.nn.Mlp;
import neuronlens.tensor.VectorKernels;

/**
 * Run by {@link StepAllocationTest} in a JVM of its own: an engine of two threads takes 300 epochs
 * of 20 steps (each announcing the next, as the trainer does), and prints the bytes the calling
 * thread and the worker allocated over the last 50 epochs as {@code caller=N worker=N}.
 */
final class StepAllocation {
  private StepAllocation() {}

  static final int EPOCHS = 300;
  static final int COUNTED = 50;

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
      long callerBytes = 0;
      long workerBytes = 0;
      for (int epoch = 0; epoch < EPOCHS; epoch++) {
        if (epoch == EPOCHS - COUNTED) {
          workerBytes = mx.getThreadAllocatedBytes(worker);
          callerBytes = mx.getCurrentThreadAllocatedBytes(); // last: the reads allocate
        }
        for (int first = 0; first < data.count(); first += 50) {
          int next = first + 50 < data.count() ? first + 50 : 0;
          engine.step(sparse, data.labels(), order, first, 50, 1e-3f, next, next > 0 ? 50 : 0);
        }
      }
      callerBytes = mx.getCurrentThreadAllocatedBytes() - callerBytes; // first
      workerBytes = mx.getThreadAllocatedBytes(worker) - workerBytes;
      System.out.println("caller=" + callerBytes + " worker=" + workerBytes);
    }
  }
}
