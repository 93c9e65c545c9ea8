package neuronlens.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * Timing harness, not a unit test: the round trip of {@code POST /api/predict} against a running
 * {@code neuronlens serve}, one keep-alive client sending requests one after another (200 to warm
 * up, then N timed). Prints the median, 90th and 99th percentiles. Run with {@code java -cp
 * target/classes:target/test-classes:... neuronlens.serve.PredictLatency http://127.0.0.1:8080/ [N]
 * [attribution]} (with {@code attribution}, each request also asks for the integrated gradients, as
 * the drawing pad does).
 */
public final class PredictLatency {
  private PredictLatency() {}

  public static void main(String[] args) throws Exception {
    URI uri =
        URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080/").resolve("/api/predict");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    boolean attribution = args.length > 2 && args[2].equals("attribution");
    float[] px = new float[784];
    for (int r = 4; r < 24; r++) {
      px[r * 28 + 13] = 255;
      px[r * 28 + 14] = 200;
    }
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    attribution
                        ? Http.pixels(px).replaceFirst("\\}$", ",\"attribution\":true}")
                        : Http.pixels(px)))
            .build();
    double[] ms = new double[n];
    for (int i = -200; i < n; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("status " + r.statusCode() + ": " + r.body());
      }
      if (i >= 0) {
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    Arrays.sort(ms);
    System.out.printf(
        "predict round trip over %d requests: median %.3f ms, p90 %.3f ms,"
            + " p99 %.3f ms, max %.3f ms%n",
        n, ms[n / 2], ms[n * 9 / 10], ms[n * 99 / 100], ms[n - 1]);
  }
}
