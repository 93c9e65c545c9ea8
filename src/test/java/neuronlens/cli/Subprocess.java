package neuronlens.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a JVM of its own, on the test classpath, for tests that signal or kill it. Closing it
 * kills the process if it still runs, so no test leaves one behind.
 */
final class Subprocess implements AutoCloseable {
  private final Process process;
  private final Path stderr;

  private Subprocess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
  }

  /** Starts {@code neuronlens args}; stderr goes to {@code log}. */
  static Subprocess start(Path log, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "-Xmx1g",
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(log.toFile())
              .start();
      return new Subprocess(p, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, as {@code kill -9}: sent directly, so it lands within microseconds. */
  void kill() {
    process.destroyForcibly();
  }

  /** Sends a signal by name ("INT", "KILL") with kill(1). */
  void signal(String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start().waitFor();
  }

  /** The exit code, waiting at most {@code seconds}; a process still running then is killed. */
  int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      close();
      throw new AssertionError("still running after " + seconds + " s: " + err());
    }
    return process.exitValue();
  }

  /** Whether SIGINT is ignored in the process (inherited from a shell that ignores it). */
  boolean ignoresSigint() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0x2) != 0;
      }
    }
    return false;
  }

  String err() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "(no stderr: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
