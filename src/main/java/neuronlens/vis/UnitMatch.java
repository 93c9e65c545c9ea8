package neuronlens.vis;

import java.util.Arrays;

/**
 * Do two networks learn the same units? The hidden units of layer A of one model and layer B of
 * another, compared by how alike they respond to the same images: Pearson's correlation of their
 * activations over a dataset, for every pair (Li et al., 2015, "Convergent learning: do different
 * neural networks learn the same representations?"). Each unit's best partner in the other model,
 * and a one-to-one matching of the live units that makes the matched correlations add up to the
 * most ({@link Assignment}).
 *
 * @param layer Keras name of the layers compared
 * @param unitsA units of A
 * @param unitsB units of B
 * @param correlation (unitsA, unitsB) the correlation of each pair's activations; 0 where either
 *     unit is silent on every image (a dead unit has no correlation to give)
 * @param match (unitsA) the unit of B each live unit of A is matched with one to one; -1 for a dead
 *     unit and for a live unit left over when B has fewer live units
 * @param deadA (unitsA) A's units silent on every image
 * @param deadB (unitsB) B's units silent on every image
 */
public record UnitMatch(
    String layer,
    int unitsA,
    int unitsB,
    double[] correlation,
    int[] match,
    boolean[] deadA,
    boolean[] deadB) {

  /** Compares the activations {@code a} and {@code b} (of the same images, in the same order). */
  public static UnitMatch of(DatasetExamples a, DatasetExamples b) {
    if (a.count() != b.count()) {
      throw new IllegalArgumentException(
          "images: expected the same for both, found " + a.count() + " and " + b.count());
    }
    int ua = a.units();
    int ub = b.units();
    double[] corr = correlations(a, b);
    int[] liveA = live(a.dead());
    int[] liveB = live(b.dead());
    double[][] score = new double[liveA.length][liveB.length];
    for (int p = 0; p < liveA.length; p++) {
      for (int q = 0; q < liveB.length; q++) {
        score[p][q] = corr[liveA[p] * ub + liveB[q]];
      }
    }
    int[] paired = Assignment.maximize(score);
    int[] match = new int[ua];
    Arrays.fill(match, -1);
    for (int p = 0; p < liveA.length; p++) {
      if (paired[p] >= 0) {
        match[liveA[p]] = liveB[paired[p]];
      }
    }
    return new UnitMatch(a.layer(), ua, ub, corr, match, a.dead().clone(), b.dead().clone());
  }

  /**
   * Every pair's correlation from sums over the images where each unit fires (most outputs are 0):
   * {@code (Σab − n·mean(a)·mean(b)) / √((Σa² − n·mean(a)²)(Σb² − n·mean(b)²))}, in double.
   */
  private static double[] correlations(DatasetExamples a, DatasetExamples b) {
    int ua = a.units();
    int ub = b.units();
    int n = a.count();
    double[] sumA = new double[ua];
    double[] sqA = new double[ua];
    double[] sumB = new double[ub];
    double[] sqB = new double[ub];
    double[] cross = new double[ua * ub];
    int[] litA = new int[ua];
    int[] litB = new int[ub];
    float[] actA = a.activations();
    float[] actB = b.activations();
    for (int i = 0; i < n; i++) {
      int na = 0;
      for (int p = 0; p < ua; p++) {
        float v = actA[i * ua + p];
        if (v != 0) {
          litA[na++] = p;
          sumA[p] += v;
          sqA[p] += (double) v * v;
        }
      }
      int nb = 0;
      for (int q = 0; q < ub; q++) {
        float v = actB[i * ub + q];
        if (v != 0) {
          litB[nb++] = q;
          sumB[q] += v;
          sqB[q] += (double) v * v;
        }
      }
      for (int x = 0; x < na; x++) {
        int p = litA[x];
        double va = actA[i * ua + p];
        for (int y = 0; y < nb; y++) {
          int q = litB[y];
          cross[p * ub + q] += va * actB[i * ub + q];
        }
      }
    }
    double[] corr = new double[ua * ub];
    for (int p = 0; p < ua; p++) {
      double ma = sumA[p] / n;
      double va = sqA[p] - n * ma * ma;
      for (int q = 0; q < ub; q++) {
        double mb = sumB[q] / n;
        double vb = sqB[q] - n * mb * mb;
        double c = cross[p * ub + q] - n * ma * mb;
        corr[p * ub + q] = va > 0 && vb > 0 ? Math.max(-1, Math.min(1, c / Math.sqrt(va * vb))) : 0;
      }
    }
    return corr;
  }

  private static int[] live(boolean[] dead) {
    int n = 0;
    for (boolean d : dead) {
      n += d ? 0 : 1;
    }
    int[] out = new int[n];
    for (int j = 0, o = 0; j < dead.length; j++) {
      if (!dead[j]) {
        out[o++] = j;
      }
    }
    return out;
  }

  /** Live units of A and of B (those that fire on some image). */
  public int[] live() {
    return new int[] {live(deadA).length, live(deadB).length};
  }

  /** The correlation of unit {@code p} of A and unit {@code q} of B. */
  public double r(int p, int q) {
    return correlation[p * unitsB + q];
  }

  /** The correlation of unit {@code p} of A with its one-to-one match; NaN when it has none. */
  public double matched(int p) {
    return match[p] < 0 ? Double.NaN : r(p, match[p]);
  }

  /** The unit of B whose activations are most like those of unit {@code p} of A (-1 if dead). */
  public int best(int p) {
    if (deadA[p]) {
      return -1;
    }
    int best = -1;
    for (int q = 0; q < unitsB; q++) {
      if (!deadB[q] && (best < 0 || r(p, q) > r(p, best))) {
        best = q;
      }
    }
    return best;
  }

  /** The matched pairs, highest correlation first (ties by A's unit): A's units. */
  public int[] byMatch() {
    return java.util.stream.IntStream.range(0, unitsA)
        .filter(p -> match[p] >= 0)
        .boxed()
        .sorted((x, y) -> Double.compare(matched(y), matched(x)))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** Mean correlation of the matched pairs; NaN for none. */
  public double meanMatched() {
    int[] m = byMatch();
    double s = 0;
    for (int p : m) {
      s += matched(p);
    }
    return m.length == 0 ? Double.NaN : s / m.length;
  }

  /** Matched pairs whose correlation is at least {@code t}. */
  public int matchedAtLeast(double t) {
    int n = 0;
    for (int p = 0; p < unitsA; p++) {
      n += match[p] >= 0 && matched(p) >= t ? 1 : 0;
    }
    return n;
  }

  /**
   * One row per unit of A: {@code unit_a, dead_a, unit_b, r, best_b, best_r} (the one-to-one match
   * and the best partner; empty where there is none).
   */
  public String csv() {
    StringBuilder s = new StringBuilder("unit_a,dead_a,unit_b,r,best_b,best_r\n");
    for (int p = 0; p < unitsA; p++) {
      int b = best(p);
      s.append(p)
          .append(',')
          .append(deadA[p])
          .append(',')
          .append(match[p] < 0 ? "" : Integer.toString(match[p]))
          .append(',')
          .append(match[p] < 0 ? "" : Double.toString(matched(p)))
          .append(',')
          .append(b < 0 ? "" : Integer.toString(b))
          .append(',')
          .append(b < 0 ? "" : Double.toString(r(p, b)))
          .append('\n');
    }
    return s.toString();
  }
}
