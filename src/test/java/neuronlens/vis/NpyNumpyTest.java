package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our .npy files as NumPy itself reads them: shape, dtype and every value (independent reader). */
class NpyNumpyTest {
  static final String PYTHON = "/usr/bin/python3";

  @Test
  void numpyReadsShapeDtypeAndValues(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON);
    SplittableRandom rng = new SplittableRandom(3);
    float[] v = new float[3 * 784];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rng.nextGaussian() * 100);
    }
    Path one = dir.resolve("one.npy");
    Path many = dir.resolve("many.npy");
    NpyWriter.write(one, java.util.Arrays.copyOf(v, 784), 28, 28);
    NpyWriter.write(many, v, 3, 28, 28);
    String script =
        "import sys, numpy as np\n"
            + "for f in sys.argv[1:]:\n"
            + "    a = np.load(f)\n"
            + "    print(a.dtype, a.shape, ' '.join(repr(float(x)) for x in a.ravel()))\n";
    Process p =
        new ProcessBuilder(PYTHON, "-c", script, one.toString(), many.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Assumptions.assumeFalse(out.contains("No module named 'numpy'"), "numpy not installed");
    assertThat(p.exitValue()).as(out).isZero();
    String[] lines = out.strip().split("\n");
    assertThat(lines).hasSize(2);
    assertValues(lines[0], "float32 (28, 28)", java.util.Arrays.copyOf(v, 784));
    assertValues(lines[1], "float32 (3, 28, 28)", v);
  }

  private static void assertValues(String line, String head, float[] expected) {
    assertThat(line).startsWith(head + " ");
    String[] values = line.substring(head.length() + 1).split(" ");
    assertThat(values).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat((float) Double.parseDouble(values[i])).as("value %d", i).isEqualTo(expected[i]);
    }
  }
}
