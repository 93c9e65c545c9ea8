import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * How fast the machine's first two cores run right now, each alone and both at once, every few
 * seconds: a loop of 512-bit fmas (eight independent chains, as wide as the training's kernels
 * work) and a loop of dependent scalar multiply-adds (one chain, a few instructions a cycle at
 * most, like the dispatch code that dominates a framework's small operations). On a virtual
 * machine the host may, for a while, run the two vCPUs on the two hardware threads of one core,
 * or another guest beside one of them: the fma loop then runs at half speed or less on each,
 * while the scalar chain, which leaves most of a core idle, hardly slows. A round is marked
 * {@code shared} when the fma loop on two threads at once runs below 70 % of its speed alone.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector benchmarks/probe/CoreProbe.java [ROUNDS] [PAUSE_S]
 * </pre>
 *
 * Defaults: 20 rounds, 5 s apart. Each round takes about 0.2 s, half of it on both cores: run it
 * between benchmarks, never beside one.
 */
public final class CoreProbe {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  private static final long FMA_ITERATIONS = 25_000_000; // 8 fmas each: about 55 ms at 1 a cycle
  private static final long CHAIN_ITERATIONS = 40_000_000; // about 45 ms at 4 cycles each
  private static volatile double sink;

  /** Vector fmas a nanosecond, eight independent chains. */
  static double fmas(long iterations) {
    FloatVector a0 = FloatVector.broadcast(S, 1f);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector a4 = a0;
    FloatVector a5 = a0;
    FloatVector a6 = a0;
    FloatVector a7 = a0;
    FloatVector m = FloatVector.broadcast(S, 0.9999f);
    FloatVector c = FloatVector.broadcast(S, 1e-4f);
    long t0 = System.nanoTime();
    for (long i = 0; i < iterations; i++) {
      a0 = a0.fma(m, c);
      a1 = a1.fma(m, c);
      a2 = a2.fma(m, c);
      a3 = a3.fma(m, c);
      a4 = a4.fma(m, c);
      a5 = a5.fma(m, c);
      a6 = a6.fma(m, c);
      a7 = a7.fma(m, c);
    }
    long ns = System.nanoTime() - t0;
    FloatVector all = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7);
    sink = all.reduceLanes(VectorOperators.ADD);
    return iterations * 8.0 / ns;
  }

  /** Steps of one dependent multiply-add chain a nanosecond. */
  static double chain(long iterations) {
    long x = 1;
    long t0 = System.nanoTime();
    for (long i = 0; i < iterations; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    long ns = System.nanoTime() - t0;
    sink = x;
    return (double) iterations / ns;
  }

  public static void main(String[] args) throws Exception {
    int rounds;
    long pauseMs;
    try {
      rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
      pauseMs = (long) (1000 * (args.length > 1 ? Double.parseDouble(args[1]) : 5));
      if (rounds < 1 || pauseMs < 0 || args.length > 2) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      System.err.println(
          "CoreProbe: expected [ROUNDS] [PAUSE_S] (a positive count, seconds >= 0), found "
              + String.join(" ", args));
      System.exit(2);
      return;
    }
    ExecutorService other = Executors.newSingleThreadExecutor();
    for (int w = 0; w < 5; w++) { // compiled before the first round
      fmas(FMA_ITERATIONS / 10);
      chain(CHAIN_ITERATIONS / 10);
    }
    System.out.println("time      fma/ns: alone  both at once | chain/ns: alone  both at once");
    double[] alone = new double[rounds];
    double[] together = new double[rounds];
    int shared = 0;
    for (int r = 0; r < rounds; r++) {
      double fmaAlone = fmas(FMA_ITERATIONS);
      Future<Double> f = other.submit(() -> fmas(FMA_ITERATIONS));
      double fmaMine = fmas(FMA_ITERATIONS);
      double fmaOther = f.get();
      double chainAlone = chain(CHAIN_ITERATIONS);
      Future<Double> g = other.submit(() -> chain(CHAIN_ITERATIONS));
      double chainMine = chain(CHAIN_ITERATIONS);
      double chainOther = g.get();
      boolean isShared = Math.min(fmaMine, fmaOther) < 0.7 * fmaAlone;
      shared += isShared ? 1 : 0;
      alone[r] = fmaAlone;
      together[r] = Math.min(fmaMine, fmaOther);
      System.out.printf(
          Locale.ROOT,
          "%s %6.2f  %5.2f + %5.2f  | %6.2f  %5.2f + %5.2f%s%n",
          LocalTime.now().truncatedTo(ChronoUnit.SECONDS),
          fmaAlone,
          fmaMine,
          fmaOther,
          chainAlone,
          chainMine,
          chainOther,
          isShared ? "  shared" : "");
      if (r + 1 < rounds) {
        Thread.sleep(pauseMs);
      }
    }
    other.shutdown();
    Arrays.sort(alone);
    Arrays.sort(together);
    System.out.printf(
        Locale.ROOT,
        "%d rounds: fma/ns alone median %.2f (%.2f-%.2f), the slower of both at once median %.2f"
            + " (%.2f-%.2f); shared in %d%n",
        rounds,
        alone[rounds / 2],
        alone[0],
        alone[rounds - 1],
        together[rounds / 2],
        together[0],
        together[rounds - 1],
        shared);
  }
}
