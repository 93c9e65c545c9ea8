package neuronlens.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import neuronlens.data.ClassNames;
import neuronlens.vis.DatasetExamples;

/** The grid cards and the per-unit sections of the hidden neurons, from their templates. */
final class NeuronHtml {
  private static final Html DEAD = new Html("<span class=\"badge dead\">dead</span>");

  private NeuronHtml() {}

  /**
   * The anchor of unit sections: {@code neuron-17} for the first hidden layer (as the report has
   * always linked them), {@code neuron-dense_1-17} for a deeper one.
   */
  static String anchor(String layer, boolean first) {
    return first ? "neuron-" : "neuron-" + layer + "-";
  }

  static Html card(NeuronView v, String anchor, ClassNames classes, Map<String, String> src) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dead_class", v.dead() ? " dead" : "");
    m.put("anchor", anchor);
    m.put("unit", v.unit());
    boolean hasR = !Double.isNaN(v.correlation());
    m.put(
        "tooltip",
        "neuron "
            + v.unit()
            + (v.dead() ? " (dead)" : "")
            + (hasR ? ", r = " + r(v.correlation()) : "")
            + (v.dead()
                ? ""
                : ", answers most to "
                    + classes.name(DatasetExamples.topClass(v.classMeans()))
                    + ", knocked out "
                    + AblationHtml.pp(v.knockOut().accuracyChange())));
    m.put("weights", src(src, v.weights()));
    m.put("am", src(src, v.am()));
    m.put("r", hasR ? "r " + r(v.correlation()) : "");
    m.put("badge", v.dead() ? DEAD : Html.EMPTY);
    return Template.load("neuron-card.html").fill(m);
  }

  static Html section(
      String layer,
      String anchor,
      String grid,
      NeuronView v,
      int prev,
      int next,
      int images,
      ClassNames classes,
      Map<String, String> src) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("unit", v.unit());
    m.put("layer", layer);
    m.put("anchor", anchor);
    m.put("grid", grid);
    boolean hasR = !Double.isNaN(v.correlation());
    m.put("weights_caption", hasR ? "weights" : "effective weights");
    m.put("badge", v.dead() ? DEAD : Html.EMPTY);
    m.put("prev", prev);
    m.put("next", next);
    m.put(
        "facts",
        String.format(
            Locale.ROOT,
            "Active on %,d of %,d test images (%.1f%%)%s%s%s",
            v.active(),
            images,
            images == 0 ? 0 : 100.0 * v.active() / images,
            hasR ? " · weights vs AM: Pearson r = " + r(v.correlation()) : "",
            v.dead() ? " · dead: its ReLU never opens on the test set" : "",
            v.dead() ? "" : knockOut(v.knockOut(), classes)));
    m.put("weights", src(src, v.weights()));
    m.put("am", src(src, v.am()));
    m.put(
        "agreement",
        v.agreement() == null
            ? Html.EMPTY
            : Template.load("figure.html")
                .fill(
                    figure(
                        src(src, v.agreement()),
                        "agreement map of neuron " + v.unit(),
                        168,
                        " big-figure",
                        "agreement z(w)·z(x)")));
    m.put(
        "top_title",
        v.dead()
            ? "No test image activates it"
            : "Top " + v.top().size() + " test images (index: activation)");
    List<Html> top = new ArrayList<>();
    for (TopExample e : v.dead() ? List.<TopExample>of() : v.top()) {
      top.add(
          Template.load("figure.html")
              .fill(
                  figure(
                      src(src, e.image()),
                      "test image " + e.index() + ", label " + e.label(),
                      56,
                      "",
                      String.format(Locale.ROOT, "#%d: %.2f", e.index(), e.activation()))));
    }
    m.put("top", Html.join(top));
    m.put(
        "histogram",
        v.dead()
            ? new Html(
                "<p class=\"note\">Never active on the test set:" + " no histogram to draw.</p>")
            : SvgCharts.histogram(
                "activation where > 0 (" + v.active() + " images)",
                "post-ReLU activation",
                v.histogram()));
    m.put(
        "by_class",
        v.dead()
            ? Html.EMPTY
            : Html.join(
                List.of(
                    SvgCharts.classBars("mean activation by class", classes, v.classMeans()),
                    SvgCharts.classChanges(
                        "each class's accuracy with it knocked out",
                        classes,
                        v.knockOut().classChange(),
                        "pp",
                        100))));
    return Template.load("neuron-section.html").fill(m);
  }

  /**
   * " · knocked out: accuracy −0.74 pp (87 predictions change), 7 hurt most (−6.42 pp); class
   * selectivity 0.90".
   */
  private static String knockOut(KnockOut k, ClassNames classes) {
    return String.format(
        Locale.ROOT,
        " · knocked out: accuracy %s (%,d %s change)%s; class selectivity %.2f",
        AblationHtml.pp(k.accuracyChange()),
        k.changed(),
        k.changed() == 1 ? "prediction" : "predictions",
        k.mostHurt() < 0
            ? ""
            : ", "
                + classes.name(k.mostHurt())
                + " hurt most ("
                + AblationHtml.pp(k.mostHurtChange())
                + ")",
        k.selectivity());
  }

  static Map<String, Object> figure(
      String src, String alt, int size, String extraClass, String caption) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("extra_class", extraClass);
    m.put("src", src);
    m.put("alt", alt);
    m.put("size", size);
    m.put("caption", caption);
    return m;
  }

  /** The data URI of picture {@code name}; a missing picture is a bug in the builder. */
  static String src(Map<String, String> src, String name) {
    String s = src.get(name);
    if (s == null) {
      throw new IllegalStateException("no picture named " + name);
    }
    return s;
  }

  static String r(double r) {
    return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
  }
}
