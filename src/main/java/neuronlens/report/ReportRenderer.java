package neuronlens.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import neuronlens.data.ClassNames;
import neuronlens.nn.Mlp;
import neuronlens.train.EpochStats;
import neuronlens.vis.SanityCheck;

/**
 * Draws a {@link Report} as one HTML page by filling the templates in the resources {@code
 * neuronlens/report/}. Every string from the report is escaped (see {@link Template}). The page is
 * self-contained: the CSS is inlined and every picture is a PNG data URI, so it refers to no other
 * file and no network resource.
 */
public final class ReportRenderer {
  /** The stylesheet, a resource inlined into the page. */
  public static final String CSS = "report.css";

  private ReportRenderer() {}

  /**
   * The page.
   *
   * @param src the data URI of every picture of {@code r}, by {@link Picture#name()}
   */
  public static String render(Report r, Map<String, String> src) {
    TestSummary t = r.test();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("css", new Html(Template.resource(CSS)));
    m.put("title", r.title());
    m.put("source", r.source());
    m.put("accuracy", percent(t.accuracy()));
    m.put("params", String.format(Locale.ROOT, "%,d", r.totalParams()));
    m.put("dead", r.neurons().isEmpty() ? "n/a" : r.deadCount() + " of " + r.hiddenCount());
    m.put("mean_r", NeuronHtml.r(r.meanCorrelation()));
    List<Html> rows = new ArrayList<>();
    for (LayerRow l : r.layers()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", l.name());
      row.put("type", l.type());
      row.put("shape", l.outputShape());
      row.put("params", String.format(Locale.ROOT, "%,d", l.params()));
      row.put("detail", l.detail());
      rows.add(Template.load("layer-row.html").fill(row));
    }
    m.put("layer_rows", Html.join(rows));
    m.put("training", training(r));
    m.put("total", String.format(Locale.ROOT, "%,d", t.total()));
    m.put("correct", String.format(Locale.ROOT, "%,d", t.correct()));
    m.put("loss", String.format(Locale.ROOT, "%.4f", t.loss()));
    ClassNames classes = r.classes();
    m.put("noun", classes.noun());
    m.put("class_legend", legend(classes));
    m.put("confusion", ConfusionTable.of(t.confusion()));
    List<Html> pairs = new ArrayList<>();
    for (ConfusedPair p : t.pairs()) {
      String actual = Html.escape(classes.name(p.actual()));
      pairs.add(
          new Html(
              String.format(
                  Locale.ROOT,
                  "<li><strong>%s</strong> taken for "
                      + "<strong>%s</strong>: %d times <span class=\"muted\">(%.1f%% of the %s)</span></li>",
                  actual,
                  Html.escape(classes.name(p.predicted())),
                  p.count(),
                  100.0 * p.count() / Math.max(1, t.rowTotal(p.actual())),
                  classes.numeric() ? actual + "s" : actual + " images")));
    }
    m.put("pairs", Html.join(pairs));
    List<Html> mistakes = new ArrayList<>();
    for (Mistake x : t.mistakes()) {
      mistakes.add(
          Template.load("figure.html")
              .fill(
                  NeuronHtml.figure(
                      NeuronHtml.src(src, x.image()),
                      "test image "
                          + x.index()
                          + ": "
                          + classes.withArticle(x.actual())
                          + " taken for "
                          + classes.withArticle(x.predicted()),
                      56,
                      " mistake",
                      String.format(
                          Locale.ROOT,
                          "%d → %d (%.3f)",
                          x.actual(),
                          x.predicted(),
                          x.probability()))));
    }
    m.put("mistakes", Html.join(mistakes));
    List<Html> why = new ArrayList<>();
    for (AttributionView a : r.attributions()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("mistake_class", a.predicted() == a.label() ? "" : " mistake");
      c.put("image", NeuronHtml.src(src, a.image()));
      c.put("attributions", NeuronHtml.src(src, a.attributions()));
      c.put("index", a.index());
      String logitOf =
          "logit of "
              + classes.name(a.explained())
              + (a.against() < 0 ? "" : " − logit of " + classes.name(a.against()));
      c.put(
          "explained",
          classes.name(a.explained())
              + (a.against() < 0 ? "" : " against " + classes.name(a.against())));
      String what =
          a.predicted() == a.label()
              ? classes.withArticle(a.label())
              : classes.withArticle(a.label()) + " taken for " + classes.withArticle(a.predicted());
      c.put("title", "#" + a.index() + " · " + what);
      c.put(
          "detail",
          String.format(
              Locale.ROOT,
              "%s: %.2f = %.2f for black %s %.2f from the pixels",
              logitOf,
              a.logit(),
              a.baselineLogit(),
              a.sum() < 0 ? "−" : "+",
              Math.abs(a.sum())));
      why.add(Template.load("attribution-card.html").fill(c));
    }
    m.put("why", Html.join(why));
    m.put("sanity", sanity(r.sanity()));
    m.put("walks", walks(r.walks(), classes, src));
    m.put("layer", r.hiddenLayer());
    m.put("units", r.neurons().size());
    List<Html> cards = new ArrayList<>();
    List<Html> sections = new ArrayList<>();
    int n = r.neurons().size();
    String first = NeuronHtml.anchor(r.hiddenLayer(), true);
    units(r.hiddenLayer(), first, "neurons", r.neurons(), t.total(), classes, src, cards, sections);
    m.put("grid", Html.join(cards));
    m.put("knockouts", AblationHtml.of(r.hiddenLayer(), first, r.ablation(), r.curve(), classes));
    m.put("sections", Html.join(sections));
    List<Html> deeper = new ArrayList<>();
    for (HiddenLayerView h : r.deeper()) {
      List<Html> hCards = new ArrayList<>();
      List<Html> hSections = new ArrayList<>();
      String grid = "neurons-" + h.layer();
      units(
          h.layer(),
          NeuronHtml.anchor(h.layer(), false),
          grid,
          h.neurons(),
          t.total(),
          classes,
          src,
          hCards,
          hSections);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("id", grid);
      d.put("layer", h.layer());
      d.put("units", h.neurons().size());
      d.put("dead", h.neurons().stream().filter(NeuronView::dead).count());
      d.put("grid", Html.join(hCards));
      d.put(
          "knockouts",
          AblationHtml.of(
              h.layer(), NeuronHtml.anchor(h.layer(), false), h.ablation(), h.curve(), classes));
      d.put("sections", Html.join(hSections));
      deeper.add(Template.load("deeper-layer.html").fill(d));
    }
    m.put("deeper", Html.join(deeper));
    List<Html> outputs = new ArrayList<>();
    for (OutputView o : r.outputs()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("src", NeuronHtml.src(src, o.am()));
      c.put(
          "unit",
          classes.numeric()
              ? Integer.toString(o.unit())
              : o.unit() + " · " + classes.name(o.unit()));
      c.put(
          "caption",
          Float.isNaN(o.probability())
              ? ""
              : String.format(
                  Locale.ROOT,
                  "p = %.3f%s",
                  o.probability(),
                  o.predicted() == o.unit()
                      ? ""
                      : " (read as " + classes.name(o.predicted()) + ")"));
      outputs.add(Template.load("output-card.html").fill(c));
    }
    m.put("outputs", Html.join(outputs));
    m.put("am_settings", r.amSettings());
    return Template.load("index.html").fill(m).markup();
  }

  /** The grid cards and the sections of one hidden layer's units. */
  private static void units(
      String layer,
      String anchor,
      String grid,
      List<NeuronView> neurons,
      int images,
      ClassNames classes,
      Map<String, String> src,
      List<Html> cards,
      List<Html> sections) {
    int n = neurons.size();
    for (int i = 0; i < n; i++) {
      NeuronView v = neurons.get(i);
      cards.add(NeuronHtml.card(v, anchor, classes, src));
      sections.add(
          NeuronHtml.section(
              layer,
              anchor,
              grid,
              v,
              neurons.get((i + n - 1) % n).unit(),
              neurons.get((i + 1) % n).unit(),
              images,
              classes,
              src));
    }
  }

  /** For named classes, the number of each (the matrix and the captions use numbers). */
  private static Html legend(ClassNames classes) {
    if (classes.numeric()) {
      return new Html("");
    }
    List<String> items = new ArrayList<>();
    for (int k = 0; k < classes.names().size(); k++) {
      items.add("<strong>" + k + "</strong> " + Html.escape(classes.name(k)));
    }
    return new Html("<p class=\"muted small\">Classes: " + String.join(" · ", items) + "</p>");
  }

  private static Html training(Report r) {
    List<EpochStats> h = r.history();
    if (h.isEmpty()) {
      return new Html(
          "<p class=\"note\">No training history was found beside the weights file"
              + " (<code>history.json</code>, written by <code>neuronlens train</code> and"
              + " <code>run</code>), so there are no training curves.</p>");
    }
    int n = h.size();
    double[] tl = new double[n];
    double[] dl = new double[n];
    double[] ta = new double[n];
    double[] da = new double[n];
    for (int i = 0; i < n; i++) {
      tl[i] = h.get(i).trainLoss();
      dl[i] = h.get(i).devLoss();
      ta[i] = h.get(i).trainAccuracy();
      da[i] = h.get(i).devAccuracy();
    }
    EpochStats last = h.get(n - 1);
    return Html.join(
        List.of(
            new Html("<div class=\"charts\">"),
            SvgCharts.lines(
                "loss per epoch",
                "cross-entropy",
                List.of(
                    new SvgCharts.Series("train", "train", tl),
                    new SvgCharts.Series("dev", "dev", dl))),
            SvgCharts.lines(
                "accuracy per epoch",
                "accuracy",
                List.of(
                    new SvgCharts.Series("train", "train", ta),
                    new SvgCharts.Series("dev", "dev", da))),
            deadChart(r),
            new Html("</div><p class=\"muted\">"),
            Html.text(
                String.format(
                    Locale.ROOT,
                    "After epoch %d: train loss "
                        + "%.4f, accuracy %s; dev loss %.4f, accuracy %s.",
                    last.epoch(),
                    last.trainLoss(),
                    percent(last.trainAccuracy()),
                    last.devLoss(),
                    percent(last.devAccuracy()))),
            Html.text(deadSentence(r)),
            new Html("</p>")));
  }

  /** Units of each hidden layer: the first's neurons, then each deeper layer's. */
  private static int[] hiddenUnits(Report r) {
    int[] units = new int[1 + r.deeper().size()];
    units[0] = r.neurons().size();
    for (int l = 1; l < units.length; l++) {
      units[l] = r.deeper().get(l - 1).neurons().size();
    }
    return units;
  }

  /** Whether every epoch recorded its dead units for each of the model's hidden layers. */
  private static boolean hasDead(Report r) {
    int layers = hiddenUnits(r).length;
    for (EpochStats e : r.history()) {
      if (e.devDeadUnits().length != layers) {
        return false;
      }
    }
    return true;
  }

  /** Per hidden layer, its units dead on the dev set after each epoch; nothing when unrecorded. */
  private static Html deadChart(Report r) {
    if (!hasDead(r)) {
      return new Html("");
    }
    List<EpochStats> h = r.history();
    List<SvgCharts.Series> series = new ArrayList<>();
    int layers = hiddenUnits(r).length;
    for (int l = 0; l < layers; l++) {
      double[] dead = new double[h.size()];
      for (int i = 0; i < dead.length; i++) {
        dead[i] = h.get(i).devDeadUnits()[l];
      }
      series.add(new SvgCharts.Series(Mlp.layerName(l), "layer" + Math.min(l, 2), dead));
    }
    return SvgCharts.countLines("dead units per epoch", "units silent on dev", series);
  }

  /**
   * The dead units after the first epoch and the last, per hidden layer: "Units that output 0 for
   * every dev image: dense 24 of 128 after epoch 1, 26 after epoch 10."
   */
  private static String deadSentence(Report r) {
    if (!hasDead(r)) {
      return "";
    }
    List<EpochStats> h = r.history();
    EpochStats first = h.get(0);
    EpochStats last = h.get(h.size() - 1);
    int[] units = hiddenUnits(r);
    List<String> parts = new ArrayList<>();
    for (int l = 0; l < units.length; l++) {
      parts.add(
          String.format(
              Locale.ROOT,
              "%s %d of %d after epoch %d%s",
              Mlp.layerName(l),
              first.devDeadUnits()[l],
              units[l],
              first.epoch(),
              h.size() > 1
                  ? String.format(
                      Locale.ROOT, ", %d after epoch %d", last.devDeadUnits()[l], last.epoch())
                  : ""));
    }
    return " Units that output 0 for every dev image (dead): " + String.join("; ", parts) + ".";
  }

  /** The walks to the model's second choices: a card each, and what they took in words. */
  private static Html walks(List<WalkView> walks, ClassNames classes, Map<String, String> src) {
    if (walks.isEmpty()) {
      return Html.EMPTY;
    }
    List<Html> cards = new ArrayList<>();
    List<Integer> changed = new ArrayList<>();
    for (WalkView w : walks) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("image", NeuronHtml.src(src, w.image()));
      c.put("walked", NeuronHtml.src(src, w.walked()));
      c.put("difference", NeuronHtml.src(src, w.difference()));
      c.put("index", w.index());
      c.put("target", classes.name(w.target()));
      c.put(
          "title",
          "#" + w.index() + " · " + classes.name(w.predicted()) + " → " + classes.name(w.target()));
      c.put(
          "detail",
          w.reached()
              ? String.format(
                  Locale.ROOT,
                  "read as %s after %d %s: %d pixels changed",
                  classes.name(w.target()),
                  w.steps(),
                  w.steps() == 1 ? "step" : "steps",
                  w.changed())
              : "still not " + classes.name(w.target()) + " after " + w.steps() + " steps");
      cards.add(Template.load("walk-card.html").fill(c));
      if (w.reached()) {
        changed.add(w.changed());
      }
    }
    java.util.Collections.sort(changed);
    String median =
        changed.isEmpty() ? "" : " (median " + changed.get((changed.size() - 1) / 2) + " pixels)";
    return Html.join(
        List.of(
            new Html("<h3 id=\"walks\">How little it takes</h3><p>"),
            Html.text(
                "Each of the same first test images walked to the model's second choice for it:"
                    + " a step raises the 8 pixels where the gradient of that class's logit less"
                    + " the strongest other's is most positive (by 64, up to 255) and lowers those"
                    + " where it is most negative, until the model reads the class (Goodfellow et"
                    + " al.'s fast gradient sign method, kept sparse). Each card: the image, where"
                    + " the walk ended, and what it changed (red raised, blue lowered)."
                    + " The model changed its answer on "
                    + changed.size()
                    + " of "
                    + walks.size()
                    + median
                    + "; the viewer's Draw page takes the same steps on any image."),
            new Html("</p><div class=\"whys\">"),
            Html.join(cards),
            new Html("</div>")));
  }

  /** The sanity check's table: a row per method, a column per randomization. */
  private static Html sanity(SanityView v) {
    if (v.images() == 0) {
      return new Html("");
    }
    StringBuilder rows = new StringBuilder();
    for (int m = 0; m < SanityCheck.NAMES.size(); m++) {
      rows.append("<tr><td>")
          .append(Html.escape(SanityCheck.NAMES.get(m)))
          .append(String.format(Locale.ROOT, "</td><td class=\"num\">%.2f</td>", v.lastLayer()[m]))
          .append(String.format(Locale.ROOT, "<td class=\"num\">%.2f</td></tr>", v.allLayers()[m]));
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("images", v.images());
    c.put("seed", v.seed());
    c.put("rows", new Html(rows.toString()));
    return Template.load("sanity.html").fill(c);
  }

  static String percent(double v) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }
}
