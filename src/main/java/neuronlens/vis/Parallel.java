package neuronlens.vis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs independent tasks on a few daemon threads and waits for all of them. */
final class Parallel {
  private Parallel() {}

  static void run(List<Runnable> tasks, int threads) {
    if (threads == 1 || tasks.size() <= 1) {
      for (Runnable t : tasks) {
        t.run();
      }
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, tasks.size()),
            r -> {
              Thread th = new Thread(r, "neuronlens-vis");
              th.setDaemon(true);
              return th;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable t : tasks) {
        futures.add(pool.submit(t));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
