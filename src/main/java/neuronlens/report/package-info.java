/**
 * The HTML report: {@link neuronlens.report.ReportBuilder} turns a model, the test set, the
 * training history and the {@code vis} analyses into a plain {@link neuronlens.report.Report} of
 * what to show; {@link neuronlens.report.ReportRenderer} fills the templates and CSS in the
 * resources {@code neuronlens/report/} with it, escaping every string; {@link
 * neuronlens.report.ReportWriter} writes the page and its pictures into one folder that opens
 * offline. Uses {@code vis}, {@code train}, {@code nn} and {@code data}, nothing above them.
 */
package neuronlens.report;
