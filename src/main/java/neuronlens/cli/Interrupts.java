package neuronlens.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C during training: a shutdown hook raises the stop flag and waits (up to 30 s) until the
 * trainer has finished its step and the command has closed this, so that the JVM does not exit in
 * the middle of writing a checkpoint.
 */
final class Interrupts implements AutoCloseable {
  private final Thread hook;
  private final CountDownLatch done = new CountDownLatch(1);

  private Interrupts(AtomicBoolean stop) {
    this.hook =
        new Thread(
            () -> {
              stop.set(true);
              try {
                done.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "neuronlens-ctrl-c");
  }

  static Interrupts onCtrlC(AtomicBoolean stop) {
    Interrupts i = new Interrupts(stop);
    Runtime.getRuntime().addShutdownHook(i.hook);
    return i;
  }

  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it will see the latch released
    }
  }
}
