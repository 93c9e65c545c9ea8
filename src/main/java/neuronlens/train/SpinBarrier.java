package neuronlens.train;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier for a few threads that meet thousands of times a second: they spin (then
 * yield) instead of parking, since a training step lasts tens of microseconds. Passing it publishes
 * every write made before it to every thread after it.
 */
final class SpinBarrier {
  private final int parties;
  private final AtomicInteger arrived = new AtomicInteger();
  private volatile int generation;

  SpinBarrier(int parties) {
    this.parties = parties;
  }

  void await() {
    int gen = generation;
    if (arrived.incrementAndGet() == parties) {
      arrived.set(0);
      generation = gen + 1;
      return;
    }
    int spins = 0;
    while (generation == gen) {
      if (++spins < 20_000) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }
}
