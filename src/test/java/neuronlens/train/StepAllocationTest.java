package neuronlens.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A training step allocates nothing on either of the engine's threads once compiled, in a JVM
 * started as the launcher starts one ({@link StepAllocation} in a process of its own: in this
 * shared JVM, after other tests ran engines on the scalar kernels, the compiler boxed vectors of
 * the ReLU and the output layer, 615 kB a step). A step that made an array, or vectors the compiler
 * leaves boxed (the output layer's row store did, 9.6 kB a step in about half the processes, until
 * its bias went in lane by lane), fails it: it allocates in every window {@link StepAllocation}
 * measures, where a compiler still at work allocates only in the first.
 */
class StepAllocationTest {
  @Test
  void stepsAllocateNothingOnEitherThreadOnceCompiled() throws IOException, InterruptedException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-modules",
            "jdk.incubator.vector",
            "-XX:+UseParallelGC",
            "-Xmx1g",
            "-Xss4m",
            "-XX:ObjectAlignmentInBytes=64",
            "-cp",
            System.getProperty("java.class.path"),
            StepAllocation.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    Matcher m = Pattern.compile("caller=(\\d+) worker=(\\d+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    assertThat(Long.parseLong(m.group(1)))
        .as("bytes the calling thread allocated in %d epochs (%s)", StepAllocation.COUNTED, out)
        .isZero();
    assertThat(Long.parseLong(m.group(2)))
        .as("bytes the worker allocated in %d epochs (%s)", StepAllocation.COUNTED, out)
        .isZero();
  }
}
