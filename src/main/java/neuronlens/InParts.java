package neuronlens;

import java.util.function.IntConsumer;

/**
 * Runs the parts of a job that splits into independent pieces, each on its own thread: part 0 on
 * the calling thread, the others on short-lived threads started for the call. For work done a few
 * times a run (each epoch's evaluation, listing a dataset's non-zero pixels), where a pool would
 * outlive its use.
 */
public final class InParts {
  private InParts() {}

  /**
   * Something that runs a job's parts: {@link InParts#run}, or threads that already exist and would
   * otherwise wait (a training engine's, between its epochs).
   */
  @FunctionalInterface
  public interface Runner {
    /** Runs {@code part.accept(t)} for each {@code t < parts}; returns when all are done. */
    void run(int parts, IntConsumer part);
  }

  /**
   * Runs {@code part.accept(t)} for each {@code t < parts} and returns when all are done; a part's
   * exception is rethrown here (the first part's first).
   */
  public static void run(int parts, IntConsumer part) {
    Thread[] helpers = new Thread[Math.max(0, parts - 1)];
    RuntimeException[] failed = new RuntimeException[Math.max(1, parts)];
    for (int t = 1; t < parts; t++) {
      int mine = t;
      helpers[t - 1] =
          new Thread(
              () -> {
                try {
                  part.accept(mine);
                } catch (RuntimeException e) {
                  failed[mine] = e;
                }
              },
              "neuronlens-part-" + t);
      helpers[t - 1].start();
    }
    try {
      part.accept(0);
    } finally {
      for (Thread h : helpers) {
        try {
          h.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for a part", e);
        }
      }
    }
    for (RuntimeException e : failed) {
      if (e != null) {
        throw e;
      }
    }
  }
}
