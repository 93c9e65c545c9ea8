package neuronlens.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bounded load test on loopback: 50 concurrent clients each send 200 predict requests (half of
 * them with the attribution); none may fail, and the heap used after GC may not grow by more than
 * {@link #GROWTH_BOUND} bytes between a warmed-up start and the end.
 */
class ServeLoadTest {
  static final int CLIENTS = 50;
  static final int REQUESTS = 200;
  static final long GROWTH_BOUND = 16L << 20;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void fiftyClientsTimesTwoHundredPredictsWithoutErrorsOrGrowth() throws Exception {
    try (NeuronServer server =
        NeuronServer.start(ServeFixtures.model(), "127.0.0.1", 0, System.err::println)) {
      URI uri = server.uri().resolve("/api/predict");
      List<HttpClient> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build());
      }
      String[] bodies = bodies();
      AtomicInteger errors = new AtomicInteger();
      run(clients, uri, bodies, 20, errors); // warm-up: JIT, connections, buffers
      long before = heapAfterGc();
      long t0 = System.nanoTime();
      run(clients, uri, bodies, REQUESTS, errors);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long after = heapAfterGc();
      System.out.printf(
          "load: %d requests in %.2f s (%.0f/s), heap after GC %d -> %d KB%n",
          CLIENTS * REQUESTS, seconds, CLIENTS * REQUESTS / seconds, before >> 10, after >> 10);
      assertThat(errors.get()).isZero();
      assertThat(after - before).isLessThan(GROWTH_BOUND);
    }
  }

  private static void run(
      List<HttpClient> clients, URI uri, String[] bodies, int perClient, AtomicInteger errors)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients.size(); c++) {
        HttpClient client = clients.get(c);
        int first = c;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perClient; i++) {
                    HttpRequest req =
                        HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    bodies[(first + i) % bodies.length]))
                            .build();
                    try {
                      HttpResponse<String> r =
                          client.send(req, HttpResponse.BodyHandlers.ofString());
                      if (r.statusCode() != 200 || !r.body().startsWith("{\"prediction\":")) {
                        errors.incrementAndGet();
                      }
                    } catch (Exception e) {
                      errors.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A few random images, so that not every request is the same. */
  private static String[] bodies() {
    SplittableRandom rng = new SplittableRandom(42);
    String[] b = new String[16];
    for (int k = 0; k < b.length; k++) {
      float[] px = new float[784];
      for (int i = 0; i < px.length; i++) {
        px[i] = rng.nextInt(5) == 0 ? rng.nextInt(256) : 0;
      }
      // every other request also asks for the integrated gradients, as the drawing pad does
      b[k] =
          k % 2 == 0
              ? Http.pixels(px)
              : Http.pixels(px).replaceFirst("\\}$", ",\"attribution\":true}");
    }
    return b;
  }

  private static long heapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
