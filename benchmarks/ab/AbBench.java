import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two builds of neuronlens against each other in one JVM: each jar in a class loader of its own,
 * their {@code bench --runs 1 --warmup 0} runs alternating (A B, B A, A B, ...), after one untimed
 * round that pays for both JIT warm-ups. On a small virtual machine the speed of the cores drifts
 * by tens of per cent from one minute to the next; runs of the two builds side by side share that
 * drift, where two separate {@code bench} commands each meet their own.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx2g -Xss4m \
 *   -XX:ObjectAlignmentInBytes=64 benchmarks/ab/AbBench.java OLD.jar NEW.jar ROUNDS [bench options]
 * </pre>
 */
public final class AbBench {
  private static final Pattern TRAINING = Pattern.compile("training, seed recipe: median ([0-9.]+) s");
  private static final Pattern AM =
      Pattern.compile("activation maximization, .* median ([0-9.]+) s");

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: AbBench OLD.jar NEW.jar ROUNDS [bench options]");
      System.exit(2);
    }
    int rounds;
    try {
      rounds = Integer.parseInt(args[2]);
    } catch (NumberFormatException e) {
      rounds = -1;
    }
    if (rounds < 1) {
      System.err.println("AbBench: ROUNDS: expected a positive integer, found '" + args[2] + "'");
      System.exit(2);
    }
    Method[] run = new Method[2];
    for (int j = 0; j < 2; j++) {
      Path jar = Path.of(args[j]);
      if (!Files.isRegularFile(jar)) {
        System.err.println("AbBench: " + jar + ": expected a neuronlens jar, found no such file");
        System.exit(2);
      }
      ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
      Class<?> main = Class.forName("neuronlens.cli.Main", true, loader);
      run[j] = main.getMethod("run", PrintStream.class, PrintStream.class, String[].class);
    }
    List<String> bench = new ArrayList<>(List.of("bench", "--runs", "1", "--warmup", "0"));
    bench.addAll(Arrays.asList(args).subList(3, args.length));
    List<List<Double>> training = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Double>> am = List.of(new ArrayList<>(), new ArrayList<>());
    for (int round = 0; round <= rounds; round++) {
      for (int k = 0; k < 2; k++) {
        int j = round % 2 == 0 ? k : 1 - k;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true);
        int rc = (int) run[j].invoke(null, out, out, (Object) bench.toArray(new String[0]));
        String text = bytes.toString();
        Matcher t = TRAINING.matcher(text);
        if (rc != 0 || !t.find()) {
          System.err.println("AbBench: " + args[j] + ": bench failed (exit " + rc + "):\n" + text);
          System.exit(1);
        }
        Matcher a = AM.matcher(text);
        double seconds = Double.parseDouble(t.group(1));
        double amSeconds = a.find() ? Double.parseDouble(a.group(1)) : Double.NaN;
        System.out.printf(
            "round %d %s: training %.3f s, AM %.3f s%s%n",
            round, j == 0 ? "A" : "B", seconds, amSeconds, round == 0 ? " (warm-up)" : "");
        if (round > 0) {
          training.get(j).add(seconds);
          am.get(j).add(amSeconds);
        }
      }
    }
    int faster = 0;
    for (int i = 0; i < rounds; i++) {
      if (training.get(1).get(i) < training.get(0).get(i)) {
        faster++;
      }
    }
    for (int j = 0; j < 2; j++) {
      System.out.printf(
          "%s %s: training median %.3f s, mean %.3f s; AM median %.3f s (%d runs)%n",
          j == 0 ? "A" : "B",
          args[j],
          median(training.get(j)),
          training.get(j).stream().mapToDouble(d -> d).average().orElse(Double.NaN),
          median(am.get(j)),
          rounds);
    }
    System.out.printf("B trained faster than A in %d of %d rounds%n", faster, rounds);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
