package neuronlens.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A reusable barrier for a few threads that meet thousands of times a second: they spin (then
 * yield) instead of parking, since a training step lasts a fraction of a millisecond. Passing it
 * publishes every write made before it to every thread after it. A party that fails breaks it
 * ({@link #breakWith}): every party waiting or still to come then throws {@link Broken} instead of
 * waiting for one that will not arrive.
 */
final class SpinBarrier {
  private final int parties;
  private final AtomicInteger arrived = new AtomicInteger();
  private final int spinLimit;
  private volatile int generation;
  private final AtomicReference<Throwable> broken = new AtomicReference<>();

  SpinBarrier(int parties) {
    this.parties = parties;
    // spin through a phase's usual imbalance (tens of microseconds), then yield; with more
    // parties than processors a spinning thread would hold the core another party needs
    this.spinLimit = parties <= Runtime.getRuntime().availableProcessors() ? 100_000 : 0;
  }

  void await() {
    Throwable failure = broken.get();
    if (failure != null) {
      throw new Broken(failure);
    }
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
      spins = spin(spins);
    }
  }

  /**
   * One turn of a wait, the {@code spins}-th: after {@code spinLimit} of them it yields the
   * processor at each; throws {@link Broken} once a party has failed (checked every 1024 turns
   * while spinning). Returns the next turn's count.
   */
  int spin(int spins) {
    Throwable failure;
    if (++spins > spinLimit) {
      failure = broken.get();
      if (failure != null) {
        throw new Broken(failure);
      }
      Thread.yield();
    } else if ((spins & 1023) == 0 && (failure = broken.get()) != null) {
      throw new Broken(failure);
    }
    return spins;
  }

  /**
   * Waits as {@link #await} does (spinning, then yielding; throwing {@link Broken} once a party has
   * failed) until {@code values[i] >= atLeast}, for a party that needs what another one hands on
   * between two meetings.
   */
  void awaitAtLeast(AtomicLongArray values, int i, long atLeast) {
    int spins = 0;
    while (values.get(i) < atLeast) {
      spins = spin(spins);
    }
  }

  /** Breaks the barrier for good: {@code cause} (the first one given) is why. */
  void breakWith(Throwable cause) {
    broken.compareAndSet(null, cause);
  }

  /** What broke the barrier, or null. */
  Throwable broken() {
    return broken.get();
  }

  /** Thrown by {@link #await} once a party has failed; its cause is that party's failure. */
  static final class Broken extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Broken(Throwable cause) {
      super("a training thread failed: " + cause, cause);
    }
  }
}
