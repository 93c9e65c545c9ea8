package neuronlens.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import neuronlens.data.ClassNames;
import neuronlens.vis.Ablation;
import neuronlens.vis.AmConfig;
import neuronlens.vis.KnockOutCurve;

/**
 * A hidden layer's knock-outs: the units that matter most as a table, every live unit's class
 * selectivity against the loss its knock-out adds as a chart (each dot links to its unit), and the
 * counts in words.
 */
final class AblationHtml {
  /** Units in the table. */
  static final int LISTED = 10;

  private AblationHtml() {}

  /** The block for layer {@code layer}, its units' sections at {@code anchor + unit}. */
  static Html of(String layer, String anchor, Ablation a, KnockOutCurve curve, ClassNames classes) {
    if (a == null) {
      return Html.EMPTY;
    }
    if (a.live() == 0) {
      return new Html(
          "<h3 id=\"knockouts-"
              + Html.escape(layer)
              + "\">What each unit contributes <span class=\"muted\">(knock-outs)</span></h3>"
              + "<p>Every unit of this layer is silent on every test image: knocking any of them"
              + " out changes nothing.</p>");
    }
    int[] order = a.byLossChange();
    int live = a.live();
    int silent = a.unchanged();
    List<Html> rows = new ArrayList<>();
    for (int r = 0; r < Math.min(LISTED, order.length); r++) {
      rows.add(row(anchor, a, order[r], classes));
    }
    List<SvgCharts.Dot> dots = new ArrayList<>();
    for (int j = 0; j < a.units(); j++) {
      dots.add(
          new SvgCharts.Dot(
              a.selectivity()[j],
              a.lossChange(j),
              String.format(
                  Locale.ROOT,
                  "neuron %d: selectivity %.2f, loss %+.4f, accuracy %+.2f pp",
                  j,
                  a.selectivity()[j],
                  a.lossChange(j),
                  100 * a.accuracyChange(j)),
              "#" + anchor + j,
              j == order[0] || (order.length > 1 && j == order[1]) ? Integer.toString(j) : null));
    }
    int top = order[0];
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "knockouts-" + layer);
    m.put(
        "summary",
        String.format(
            Locale.ROOT,
            "Knocking out the unit that matters most, neuron %d, costs %.2f percentage points"
                + " of accuracy (%,d %s); %s%s. %s",
            top,
            -100 * a.accuracyChange(top),
            a.unitChanged()[top],
            a.unitChanged()[top] == 1 ? "prediction changes" : "predictions change",
            silent == 0
                ? "each of the " + live + " live units changes some prediction"
                : silent + " of the " + live + " live units change no prediction at all",
            deadClause(a.units() - live),
            selectivitySentence(a.selectivityCorrelation())));
    m.put("rows", Html.join(rows));
    m.put(
        "chart",
        SvgCharts.scatter(
            "every live unit knocked out", "class selectivity", "loss increase", dots));
    m.put("curve_summary", curveSummary(curve));
    List<SvgCharts.Series> series = new ArrayList<>();
    for (int o = 0; o < KnockOutCurve.ORDERS.size(); o++) {
      double[] y = new double[curve.live() + 1];
      for (int k = 0; k < y.length; k++) {
        y[k] = curve.accuracy(o, k);
      }
      series.add(new SvgCharts.Series(KnockOutCurve.ORDERS.get(o), "order" + o, y));
    }
    m.put(
        "curve",
        SvgCharts.curves(
            "accuracy as live units are knocked out", "units knocked out", "accuracy", series));
    return Template.load("ablation.html").fill(m);
  }

  private static String deadClause(int dead) {
    return dead == 0
        ? ""
        : dead == 1
            ? ", and the dead one changes nothing"
            : ", and the " + dead + " dead ones change nothing";
  }

  /**
   * What class selectivity says about which units matter, as the rank correlation says it: little
   * for |ρ| below 0.3, else which way.
   */
  static String selectivitySentence(double rho) {
    String what =
        "Class selectivity (how much more a unit answers to its favourite class than to the"
            + " others: 0 alike, 1 only to it)";
    if (Double.isNaN(rho)) {
      return "";
    }
    String says =
        Math.abs(rho) < 0.3
            ? " says little about which units matter here"
            : rho < 0
                ? " goes with mattering less here: the more selective a unit, the less its"
                    + " knock-out costs"
                : " goes with mattering more here: the more selective a unit, the more its"
                    + " knock-out costs";
    return String.format(
            Locale.ROOT,
            "%s%s (Spearman's ρ = %.2f against the loss over the live units).",
            what,
            says,
            rho)
        .replace("ρ = -", "ρ = −");
  }

  /** The cumulative knock-outs in words. */
  private static String curveSummary(KnockOutCurve c) {
    int k = Math.min(10, c.live());
    int cheap = c.spare(1, 0.01);
    return String.format(
        Locale.ROOT,
        "Knocked out one after another (Morcos et al. again): the %d of the %d live units whose"
            + " single knock-outs cost least can all go with the accuracy still within one point"
            + " of the whole layer's (%.2f %%); with the %d costliest out it is %.2f %%, with %d"
            + " chosen at random (seed %d) %.2f %%, with the %d most class-selective %.2f %%."
            + " With every live unit out, the layers after it get nothing from it and give every"
            + " image the same answer: %.2f %%.",
        cheap,
        c.live(),
        100 * c.accuracy(1, cheap),
        k,
        100 * c.accuracy(0, k),
        k,
        AmConfig.DEFAULT_SEED,
        100 * c.accuracy(3, k),
        k,
        100 * c.accuracy(2, k),
        100 * c.accuracy(0, c.live()));
  }

  private static Html row(String anchor, Ablation a, int j, ClassNames classes) {
    int worst = a.mostHurtClass(j);
    return new Html(
        String.format(
            Locale.ROOT,
            "<tr><td><a href=\"#%s%d\">%d</a></td><td class=\"num\">%s</td>"
                + "<td class=\"num\">%+.4f</td><td class=\"num\">%d</td><td>%s</td>"
                + "<td class=\"num\">%s</td></tr>",
            Html.escape(anchor),
            j,
            j,
            pp(a.accuracyChange(j)),
            a.lossChange(j),
            a.unitChanged()[j],
            worst < 0
                ? "–"
                : Html.escape(classes.name(worst))
                    + " ("
                    + pp(a.classAccuracyChange(j, worst))
                    + ")",
            a.dead(j) ? "dead" : String.format(Locale.ROOT, "%.2f", a.selectivity()[j])));
  }

  /** A change of a fraction in percentage points, its sign always written: "−0.74 pp". */
  static String pp(double change) {
    return String.format(Locale.ROOT, "%+.2f pp", 100 * change).replace('-', '−');
  }
}
