package neuronlens.report;

import neuronlens.vis.Ablation;

/**
 * What knocking one hidden unit out does on the test set (its row of an {@link Ablation}).
 *
 * @param accuracyChange accuracy without the unit less with it (a fraction, mostly ≤ 0)
 * @param lossChange mean cross-entropy without the unit less with it
 * @param changed test images whose predicted class changes
 * @param mostHurt the class whose accuracy falls most; -1 when none falls
 * @param mostHurtChange that class's accuracy change (a fraction)
 * @param selectivity the unit's class selectivity; NaN for a dead unit
 * @param classChange each class's accuracy change (fractions)
 */
public record KnockOut(
    double accuracyChange,
    double lossChange,
    int changed,
    int mostHurt,
    double mostHurtChange,
    double selectivity,
    double[] classChange) {

  /** Unit {@code j}'s row of {@code a}. */
  static KnockOut of(Ablation a, int j) {
    int worst = a.mostHurtClass(j);
    return new KnockOut(
        a.accuracyChange(j),
        a.lossChange(j),
        a.unitChanged()[j],
        worst,
        worst < 0 ? 0 : a.classAccuracyChange(j, worst),
        a.selectivity()[j],
        classChanges(a, j));
  }

  private static double[] classChanges(Ablation a, int j) {
    double[] d = new double[a.classes()];
    for (int c = 0; c < d.length; c++) {
      d[c] = a.classAccuracyChange(j, c);
    }
    return d;
  }
}
