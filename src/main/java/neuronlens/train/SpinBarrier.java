package neuronlens.train;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier for a few threads that meet thousands of times a second: they spin (then
 * yield, after about a millisecond) instead of parking, since a training step lasts a fraction of a
 * millisecond. Passing it publishes every write made before it to every thread after it.
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
    // a plain busy loop: Thread.onSpinWait() (the PAUSE instruction) measured slower here, in a
    // virtual machine a vCPU that loops on PAUSE is descheduled by the hypervisor, and the other
    // thread's step phases took up to 1.5x as long (see README, "Speed")
    int spins = 0;
    while (generation == gen) {
      if (++spins > 1_000_000) {
        Thread.yield();
      }
    }
  }
}
