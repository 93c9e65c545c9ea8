package neuronlens.report;

import java.util.Locale;

/**
 * The confusion matrix as an HTML table: counts in cells, the diagonal shaded green by the class's
 * recall, mistakes shaded red by their count relative to the largest mistake, recall per row.
 */
final class ConfusionTable {
  private ConfusionTable() {}

  static Html of(int[][] m) {
    int n = m.length;
    int maxOff = 1;
    for (int a = 0; a < n; a++) {
      for (int p = 0; p < n; p++) {
        if (a != p) {
          maxOff = Math.max(maxOff, m[a][p]);
        }
      }
    }
    StringBuilder sb =
        new StringBuilder(
            "<table class=\"confusion\" id=\"confusion\"><thead><tr>"
                + "<th class=\"corner\">true ↓ pred →</th>");
    for (int p = 0; p < n; p++) {
      sb.append("<th>").append(p).append("</th>");
    }
    sb.append("<th class=\"corner\">recall</th></tr></thead><tbody>");
    for (int a = 0; a < n; a++) {
      int total = 0;
      for (int v : m[a]) {
        total += v;
      }
      sb.append("<tr><th>").append(a).append("</th>");
      for (int p = 0; p < n; p++) {
        int v = m[a][p];
        double alpha = a == p ? (total == 0 ? 0 : (double) v / total) : (double) v / maxOff;
        String cls = a == p ? "diag" : v == 0 ? "off zero" : alpha > 0.55 ? "off hot" : "off";
        sb.append(
            String.format(
                Locale.ROOT,
                "<td class=\"%s\" style=\"--a:%.3f\" "
                    + "title=\"true %d, predicted %d: %d\">%d</td>",
                cls,
                alpha,
                a,
                p,
                v,
                v));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "<td class=\"recall\">%.1f%%</td></tr>",
              total == 0 ? 0 : 100.0 * m[a][a] / total));
    }
    return new Html(sb.append("</tbody></table>").toString());
  }
}
