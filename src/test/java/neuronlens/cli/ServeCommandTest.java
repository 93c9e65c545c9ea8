package neuronlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code neuronlens serve}: option checks, the printed URL, the warning off loopback. */
class ServeCommandTest {
  @Test
  void portOutOfRangeIsAUsageError() {
    CliRun r = CliRun.of("serve", "--port", "70000", "--weights", "x.h5");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--port: expected 0..65535");
  }

  @Test
  void missingWeightsIsABadModelFile() {
    CliRun r = CliRun.of("serve", "--port", "0", "--weights", "no/such/model.weights.h5");
    assertThat(r.exit()).isEqualTo(4);
  }

  @Test
  void printsItsUrlServesAndWarnsOffLoopback() throws Exception {
    String weights = Mnist.seedWeights().toString();
    String cache = Mnist.cacheRoot();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread t =
        new Thread(
            () ->
                exit.set(
                    Main.run(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        "serve",
                        "--weights",
                        weights,
                        "--cache",
                        cache,
                        "--port",
                        "0",
                        "--host",
                        "0.0.0.0")));
    t.start();
    Pattern url = Pattern.compile("neuronlens serve: http://[^:]+:(\\d+)/");
    String port = null;
    for (int i = 0; i < 600 && port == null && t.isAlive(); i++) {
      Thread.sleep(100);
      Matcher m = url.matcher(out.toString(StandardCharsets.UTF_8));
      port = m.find() ? m.group(1) : null;
    }
    assertThat(port).as(err.toString(StandardCharsets.UTF_8)).isNotNull();
    HttpResponse<String> res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/model"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("784-128-10");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("warning: listening on 0.0.0.0");
    t.interrupt();
    t.join(10_000);
    assertThat(exit.get()).isZero();
  }
}
