package neuronlens.vis;

import java.util.Arrays;
import neuronlens.InParts;
import neuronlens.data.Dataset;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;

/**
 * What each unit of a hidden layer contributes to the model's answers: the accuracy and loss on a
 * labelled dataset with that one unit knocked out (its output held at 0 on every image, as if it
 * were dead), for every unit in turn — the single-unit ablation of Morcos et al. (2018), "On the
 * importance of single directions for generalization".
 *
 * <p>Computed from the layer's activations ({@link DatasetExamples}), in double: knocking out unit
 * {@code j} changes the next layer's pre-activation by {@code -a[j] · W[j, :]} and nothing on the
 * images where {@code a[j]} is 0, so only the images a unit fires on are passed through the rest of
 * the network again. The results with every unit are computed the same way (so a difference is due
 * to the knock-out alone) and, being in double, may differ from the float evaluation's only on an
 * image whose two best logits are within rounding of each other. Deterministic: images are taken in
 * fixed blocks whose sums are added in order, whatever the number of threads.
 *
 * @param layer Keras name of the layer
 * @param units number of units
 * @param classes number of classes
 * @param count number of images
 * @param correct images classified right with every unit
 * @param loss mean cross-entropy with every unit (Keras' clipped one, as {@code evaluate} reports)
 * @param classCount (classes) images of each class
 * @param classCorrect (classes) images of each class classified right with every unit
 * @param unitCorrect (units) images classified right with unit {@code j} knocked out
 * @param unitLoss (units) mean cross-entropy with unit {@code j} knocked out
 * @param unitClassCorrect (units, classes) images of each class classified right without {@code j}
 * @param unitChanged (units) images whose predicted class changes when {@code j} is knocked out
 * @param selectivity (units) each unit's class selectivity on these images ({@link
 *     DatasetExamples#selectivity}; NaN for a unit silent on all of them)
 */
public record Ablation(
    String layer,
    int units,
    int classes,
    int count,
    int correct,
    double loss,
    int[] classCount,
    int[] classCorrect,
    int[] unitCorrect,
    double[] unitLoss,
    int[][] unitClassCorrect,
    int[] unitChanged,
    double[] selectivity) {

  private static final int BLOCK = 250;

  /**
   * Knocks out each unit of hidden layer {@code index} of {@code mlp} in turn, on the images of
   * {@code ds} whose activations {@code ex} holds, on up to {@code threads} threads.
   */
  public static Ablation of(Mlp mlp, int index, DatasetExamples ex, Dataset ds, int threads) {
    if (index < 0 || index >= mlp.layers().size() - 1) {
      throw new IllegalArgumentException(
          "layer: expected a hidden layer 0.." + (mlp.layers().size() - 2) + ", found " + index);
    }
    Dense layer = mlp.layers().get(index);
    if (!ex.layer().equals(layer.name())
        || ex.units() != layer.units()
        || ex.count() != ds.count()) {
      throw new IllegalArgumentException(
          "activations: expected "
              + layer.name()
              + "'s "
              + layer.units()
              + " units on "
              + ds.count()
              + " images, found "
              + ex.layer()
              + "'s "
              + ex.units()
              + " on "
              + ex.count());
    }
    int blocks = (ds.count() + BLOCK - 1) / BLOCK;
    Tally[] tallies = new Tally[blocks];
    int parts = Math.max(1, Math.min(threads, blocks));
    InParts.run(
        parts,
        t -> {
          Pass pass = new Pass(mlp, index);
          for (int b = (int) ((long) blocks * t / parts);
              b < (int) ((long) blocks * (t + 1) / parts);
              b++) {
            tallies[b] = pass.block(ex, ds, b * BLOCK, Math.min(ds.count(), (b + 1) * BLOCK));
          }
        });
    double[] selectivity = new double[layer.units()];
    for (int j = 0; j < selectivity.length; j++) {
      selectivity[j] = DatasetExamples.selectivity(ex.meanByClass(ds, j, mlp.classes()));
    }
    return merge(layer.name(), layer.units(), mlp.classes(), ds, tallies, selectivity);
  }

  private static Ablation merge(
      String name, int units, int classes, Dataset ds, Tally[] tallies, double[] selectivity) {
    int count = ds.count();
    int[] classCount = new int[classes];
    for (int i = 0; i < count; i++) {
      int y = ds.label(i);
      if (y >= 0 && y < classes) {
        classCount[y]++;
      }
    }
    Tally all = new Tally(units, classes);
    for (Tally t : tallies) {
      all.add(t);
    }
    int correct = 0;
    for (int c : all.classCorrect) {
      correct += c;
    }
    int[] unitCorrect = new int[units];
    double[] unitLoss = new double[units];
    int[][] unitClassCorrect = new int[units][classes];
    for (int j = 0; j < units; j++) {
      for (int c = 0; c < classes; c++) {
        unitClassCorrect[j][c] = all.classCorrect[c] + all.classGain[j * classes + c];
        unitCorrect[j] += unitClassCorrect[j][c];
      }
      unitLoss[j] = count == 0 ? 0 : (all.loss + all.lossGain[j]) / count;
    }
    return new Ablation(
        name,
        units,
        classes,
        count,
        correct,
        count == 0 ? 0 : all.loss / count,
        classCount,
        all.classCorrect,
        unitCorrect,
        unitLoss,
        unitClassCorrect,
        all.changed,
        selectivity);
  }

  /** {@code correct / count}. */
  public double accuracy() {
    return count == 0 ? 0 : (double) correct / count;
  }

  /** Whether unit {@code j} is silent on every image (knocking it out then changes nothing). */
  public boolean dead(int j) {
    return Double.isNaN(selectivity[j]);
  }

  /** Units that fire on some image. */
  public int live() {
    int n = 0;
    for (int j = 0; j < units; j++) {
      n += dead(j) ? 0 : 1;
    }
    return n;
  }

  /** Live units whose knock-out changes no prediction. */
  public int unchanged() {
    int n = 0;
    for (int j = 0; j < units; j++) {
      n += !dead(j) && unitChanged[j] == 0 ? 1 : 0;
    }
    return n;
  }

  /** Accuracy with unit {@code j} knocked out. */
  public double accuracy(int j) {
    return count == 0 ? 0 : (double) unitCorrect[j] / count;
  }

  /** Accuracy with unit {@code j} knocked out less the accuracy with every unit (mostly ≤ 0). */
  public double accuracyChange(int j) {
    return count == 0 ? 0 : (double) (unitCorrect[j] - correct) / count;
  }

  /** Mean loss with unit {@code j} knocked out less the mean loss with every unit. */
  public double lossChange(int j) {
    return unitLoss[j] - loss;
  }

  /**
   * Class {@code c}'s accuracy with unit {@code j} knocked out less its accuracy with every unit.
   */
  public double classAccuracyChange(int j, int c) {
    return classCount[c] == 0
        ? 0
        : (double) (unitClassCorrect[j][c] - classCorrect[c]) / classCount[c];
  }

  /**
   * The class whose accuracy falls most when unit {@code j} is knocked out (the first on ties); -1
   * when no class loses any image.
   */
  public int mostHurtClass(int j) {
    int worst = -1;
    double drop = 0;
    for (int c = 0; c < classes; c++) {
      double d = classAccuracyChange(j, c);
      if (d < drop) {
        drop = d;
        worst = c;
      }
    }
    return worst;
  }

  /** The units by how much knocking each out raises the loss, most first (ties by index). */
  public int[] byLossChange() {
    Integer[] order = new Integer[units];
    for (int j = 0; j < units; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (x, y) -> Double.compare(unitLoss[y], unitLoss[x]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /**
   * Spearman's rank correlation, over the units that fire on some image, between class selectivity
   * and what knocking the unit out adds to the loss: does a unit that answers to one class matter
   * more? (Morcos et al. found it mostly does not.) NaN with fewer than two such units.
   */
  public double selectivityCorrelation() {
    int n = 0;
    for (double s : selectivity) {
      n += Double.isNaN(s) ? 0 : 1;
    }
    if (n < 2) {
      return Double.NaN;
    }
    double[] s = new double[n];
    double[] d = new double[n];
    for (int j = 0, q = 0; j < units; j++) {
      if (!Double.isNaN(selectivity[j])) {
        s[q] = selectivity[j];
        d[q++] = lossChange(j);
      }
    }
    return SanityCheck.spearman(s, d);
  }

  /**
   * One row per unit: {@code unit, dead, accuracy, accuracy_change, loss_change, changed,
   * most_hurt_class, most_hurt_change, selectivity}, then each class's accuracy change ({@code
   * class_0_change, ...}); changes are with the unit knocked out less with every unit, accuracies
   * as fractions, a dead unit's selectivity and a unit that hurts no class's class empty.
   */
  public String csv() {
    StringBuilder b =
        new StringBuilder(
            "unit,dead,accuracy,accuracy_change,loss_change,changed,most_hurt_class,"
                + "most_hurt_change,selectivity");
    for (int c = 0; c < classes; c++) {
      b.append(",class_").append(c).append("_change");
    }
    b.append('\n');
    for (int j = 0; j < units; j++) {
      int worst = mostHurtClass(j);
      b.append(j)
          .append(',')
          .append(dead(j))
          .append(',')
          .append(accuracy(j))
          .append(',')
          .append(accuracyChange(j))
          .append(',')
          .append(lossChange(j))
          .append(',')
          .append(unitChanged[j])
          .append(',')
          .append(worst < 0 ? "" : Integer.toString(worst))
          .append(',')
          .append(worst < 0 ? "0.0" : Double.toString(classAccuracyChange(j, worst)))
          .append(',')
          .append(dead(j) ? "" : Double.toString(selectivity[j]));
      for (int c = 0; c < classes; c++) {
        b.append(',').append(classAccuracyChange(j, c));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Per-block sums: what every unit's knock-out adds to the full model's counts and losses. */
  private static final class Tally {
    final int[] classCorrect;
    double loss;
    final int[] classGain; // (units, classes): correct without j less correct with every unit
    final double[] lossGain; // (units): summed loss without j less with every unit
    final int[] changed; // (units)

    Tally(int units, int classes) {
      classCorrect = new int[classes];
      classGain = new int[units * classes];
      lossGain = new double[units];
      changed = new int[units];
    }

    void add(Tally t) {
      loss += t.loss;
      for (int c = 0; c < classCorrect.length; c++) {
        classCorrect[c] += t.classCorrect[c];
      }
      for (int q = 0; q < classGain.length; q++) {
        classGain[q] += t.classGain[q];
      }
      for (int j = 0; j < lossGain.length; j++) {
        lossGain[j] += t.lossGain[j];
        changed[j] += t.changed[j];
      }
    }
  }

  /** One thread's buffers for passing images through the layers after the ablated one. */
  private static final class Pass {
    private final Mlp mlp;
    private final Tail tail;
    private final double[] next; // the next layer's pre-activation with every unit
    private final double[] without; // ... with one unit knocked out
    private final int[] predicted = new int[1];

    Pass(Mlp mlp, int index) {
      this.mlp = mlp;
      tail = new Tail(mlp, index);
      next = new double[tail.next().units()];
      without = new double[next.length];
    }

    Tally block(DatasetExamples ex, Dataset ds, int from, int to) {
      int units = ex.units();
      int classes = mlp.classes();
      Tally t = new Tally(units, classes);
      float[] act = ex.activations();
      float[] w = tail.next().kernel(); // (units, next units)
      int n = next.length;
      for (int i = from; i < to; i++) {
        int y = ds.label(i);
        int o = i * units;
        tail.preActivation(act, o, units, next, 0);
        double baseLoss = tail.loss(next, 0, y, predicted);
        int base = predicted[0];
        t.loss += baseLoss;
        boolean right = base == y;
        if (right) {
          t.classCorrect[y]++;
        }
        for (int j = 0; j < units; j++) {
          double a = act[o + j];
          if (a == 0) {
            continue;
          }
          for (int u = 0; u < n; u++) {
            without[u] = next[u] - a * w[j * n + u];
          }
          t.lossGain[j] += tail.loss(without, 0, y, predicted) - baseLoss;
          if (predicted[0] != base) {
            t.changed[j]++;
            if (y >= 0 && y < classes) {
              t.classGain[j * classes + y] += (predicted[0] == y ? 1 : 0) - (right ? 1 : 0);
            }
          }
        }
      }
      return t;
    }
  }
}
