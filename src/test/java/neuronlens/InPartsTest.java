package neuronlens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class InPartsTest {

  /** Every part runs exactly once, the first on the calling thread. */
  @Test
  void runsEachPartOnce() {
    AtomicIntegerArray runs = new AtomicIntegerArray(5);
    Thread caller = Thread.currentThread();
    Thread[] where = new Thread[5];
    InParts.run(
        5,
        t -> {
          runs.incrementAndGet(t);
          where[t] = Thread.currentThread();
        });
    for (int t = 0; t < 5; t++) {
      assertThat(runs.get(t)).as("part %d", t).isEqualTo(1);
    }
    assertThat(where[0]).isSameAs(caller);
    assertThat(where[3]).isNotSameAs(caller);
  }

  /** A part's failure reaches the caller, after every part has finished. */
  @Test
  void aFailingPartFailsTheCall() {
    AtomicIntegerArray done = new AtomicIntegerArray(3);
    assertThatThrownBy(
            () ->
                InParts.run(
                    3,
                    t -> {
                      if (t == 2) {
                        throw new IllegalArgumentException("part 2 failed");
                      }
                      done.set(t, 1);
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("part 2 failed");
    assertThat(done.get(0) + done.get(1)).isEqualTo(2);
  }
}
