package neuronlens.train;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier for a few threads that meet thousands of times a second: they spin (then
 * yield) instead of parking, since a training step lasts a fraction of a millisecond. Passing it
 * publishes every write made before it to every thread after it.
 */
final class SpinBarrier {
  private final int parties;
  private final AtomicInteger arrived = new AtomicInteger();
  private final int spinLimit;
  private volatile int generation;

  SpinBarrier(int parties) {
    this.parties = parties;
    // spin through a phase's usual imbalance (tens of microseconds), then yield; with more
    // parties than processors a spinning thread would hold the core another party needs
    this.spinLimit = parties <= Runtime.getRuntime().availableProcessors() ? 100_000 : 0;
  }

  void await() {
    int gen = generation;
    if (arrived.incrementAndGet() == parties) {
      arrived.set(0);
      generation = gen + 1;
      return;
    }
    // a plain busy loop: with Thread.onSpinWait() (the PAUSE instruction) the other thread's
    // phases ran slower in this project's virtual machine (see README, "Speed")
    int spins = 0;
    while (generation == gen) {
      if (++spins > spinLimit) {
        Thread.yield();
      }
    }
  }
}
