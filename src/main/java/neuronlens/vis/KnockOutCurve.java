package neuronlens.vis;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import neuronlens.InParts;
import neuronlens.data.Dataset;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;

/**
 * How a hidden layer's accuracy falls as its live units are knocked out one after another, in four
 * orders (the cumulative ablation of Morcos et al., 2018): the units whose single knock-out costs
 * most first, those that cost least first, the most class-selective first, and a random order from
 * a seed. Dead units are left out: knocking them out changes nothing.
 *
 * <p>Knocking out a unit changes the next layer's pre-activation by {@code -a[j] · W[j, :]} on the
 * images it fires on; the pre-activations are kept per image in double and only those images are
 * passed on through the rest of the network again, so a whole curve costs little more than one
 * evaluation.
 *
 * @param layer Keras name of the layer
 * @param count images
 * @param orders per order ({@link #ORDERS}), the live units in the order they are knocked out
 * @param correct per order, images classified right after the first {@code k} units of the order
 *     are knocked out, {@code k = 0 .. live}
 */
public record KnockOutCurve(String layer, int count, int[][] orders, int[][] correct) {
  /** The orders' names, as {@link #orders} holds them. */
  public static final List<String> ORDERS =
      List.of("costliest first", "cheapest first", "most selective first", "random order");

  /**
   * The curves of hidden layer {@code index} of {@code mlp} on {@code ds}, from its activations
   * {@code ex} and its single knock-outs {@code a} (which give the first three orders); the random
   * order from {@code seed}. The four are computed on up to {@code threads} threads.
   */
  public static KnockOutCurve of(
      Mlp mlp, int index, DatasetExamples ex, Dataset ds, Ablation a, long seed, int threads) {
    int[] byCost = a.byLossChange();
    int live = a.live();
    int[] costliest = new int[live];
    int[] cheapest = new int[live];
    for (int r = 0, q = 0; r < byCost.length; r++) {
      if (!a.dead(byCost[r])) {
        costliest[q] = byCost[r];
        cheapest[live - 1 - q] = byCost[r];
        q++;
      }
    }
    Integer[] bySel = new Integer[live];
    for (int q = 0; q < live; q++) {
      bySel[q] = costliest[q];
    }
    double[] s = a.selectivity();
    Arrays.sort(bySel, (x, y) -> s[y] != s[x] ? Double.compare(s[y], s[x]) : Integer.compare(x, y));
    int[] selective = Arrays.stream(bySel).mapToInt(Integer::intValue).toArray();
    int[] random = costliest.clone();
    Arrays.sort(random);
    SplittableRandom rng = new SplittableRandom(seed);
    for (int q = live - 1; q > 0; q--) {
      int o = rng.nextInt(q + 1);
      int t = random[q];
      random[q] = random[o];
      random[o] = t;
    }
    int[][] orders = {costliest, cheapest, selective, random};
    int[][] correct = new int[orders.length][];
    Firing firing = new Firing(ex);
    Start start = new Start(mlp, index, ex, ds);
    InParts.run(
        Math.max(1, Math.min(threads, orders.length)),
        t -> {
          int parts = Math.max(1, Math.min(threads, orders.length));
          for (int o = t; o < orders.length; o += parts) {
            correct[o] = curve(mlp, index, start, firing, ds, orders[o]);
          }
        });
    return new KnockOutCurve(ex.layer(), ds.count(), orders, correct);
  }

  /** Images right after the first k units of {@code order} are out, k = 0 .. order.length. */
  private static int[] curve(
      Mlp mlp, int index, Start start, Firing firing, Dataset ds, int[] order) {
    Dense next = mlp.layers().get(index + 1);
    int n = next.units();
    float[] w = next.kernel(); // (units, n)
    double[] z = start.z.clone();
    boolean[] right = start.right.clone();
    Tail tail = new Tail(mlp, index);
    int[] correct = new int[order.length + 1];
    correct[0] = start.correct;
    for (int k = 0; k < order.length; k++) {
      int j = order[k];
      int c = correct[k];
      for (int f = firing.start[j]; f < firing.start[j + 1]; f++) {
        int i = firing.image[f];
        double v = firing.value[f];
        int o = i * n;
        for (int u = 0; u < n; u++) {
          z[o + u] -= v * w[j * n + u];
        }
        boolean now = tail.predict(z, o) == ds.label(i);
        c += (now ? 1 : 0) - (right[i] ? 1 : 0);
        right[i] = now;
      }
      correct[k + 1] = c;
    }
    return correct;
  }

  /** Accuracy of order {@code o} after its first {@code k} units are knocked out. */
  public double accuracy(int o, int k) {
    return count == 0 ? 0 : (double) correct[o][k] / count;
  }

  /**
   * One row per number of units knocked out, {@code k = 0 .. live}: {@code k}, then per order its
   * accuracy (a fraction) and the unit it knocked out last ({@code costliest_first_accuracy,
   * costliest_first_unit, ...}; no unit in the row of k = 0).
   */
  public String csv() {
    StringBuilder b = new StringBuilder("knocked_out");
    for (String o : ORDERS) {
      String name = o.replace(' ', '_');
      b.append(',').append(name).append("_accuracy,").append(name).append("_unit");
    }
    b.append('\n');
    for (int k = 0; k <= live(); k++) {
      b.append(k);
      for (int o = 0; o < orders.length; o++) {
        b.append(',').append(accuracy(o, k)).append(',');
        if (k > 0) {
          b.append(orders[o][k - 1]);
        }
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Live units (each order's length). */
  public int live() {
    return orders[0].length;
  }

  /**
   * How many of order {@code o}'s units can be knocked out, the first ones, before the accuracy
   * falls more than {@code drop} (a fraction) below the whole layer's.
   */
  public int spare(int o, double drop) {
    int k = 0;
    while (k < live() && accuracy(o, k + 1) >= accuracy(o, 0) - drop) {
      k++;
    }
    return k;
  }

  /** The next layer's pre-activation of every image with every unit on, and which are right. */
  private static final class Start {
    final double[] z; // (count, next units)
    final boolean[] right;
    final int correct;

    Start(Mlp mlp, int index, DatasetExamples ex, Dataset ds) {
      Tail tail = new Tail(mlp, index);
      int n = tail.next().units();
      z = new double[ds.count() * n];
      right = new boolean[ds.count()];
      int c = 0;
      for (int i = 0; i < ds.count(); i++) {
        tail.preActivation(ex.activations(), i * ex.units(), ex.units(), z, i * n);
        right[i] = tail.predict(z, i * n) == ds.label(i);
        c += right[i] ? 1 : 0;
      }
      correct = c;
    }
  }

  /** Each unit's non-zero outputs, unit by unit: the images it fires on and its values there. */
  private static final class Firing {
    final int[] start; // (units + 1): unit j's entries are [start[j], start[j + 1])
    final int[] image;
    final float[] value;

    Firing(DatasetExamples ex) {
      int units = ex.units();
      float[] act = ex.activations();
      start = new int[units + 1];
      for (int q = 0; q < act.length; q++) {
        if (act[q] != 0) {
          start[q % units + 1]++;
        }
      }
      for (int j = 0; j < units; j++) {
        start[j + 1] += start[j];
      }
      image = new int[start[units]];
      value = new float[start[units]];
      int[] next = Arrays.copyOf(start, units);
      for (int i = 0; i < ex.count(); i++) {
        for (int j = 0; j < units; j++) {
          float v = act[i * units + j];
          if (v != 0) {
            image[next[j]] = i;
            value[next[j]++] = v;
          }
        }
      }
    }
  }
}
