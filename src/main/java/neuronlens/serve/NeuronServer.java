package neuronlens.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The local web app over one {@link ServeModel}: the API under {@code /api/} and the front end from
 * the jar. Every failure becomes a JSON {@code {"error": ...}} with its status; unexpected ones are
 * a 500 whose details go to {@code log}, never to the client. Bound to loopback, it also refuses
 * requests whose Host header is not a loopback name (a guard against DNS rebinding).
 */
public final class NeuronServer implements AutoCloseable {
  /** Request threads; SSE streams hold one each while they run. */
  public static final int THREADS = 16;

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the body
    // waits for the client's delayed ACK, about 40 ms per request. Read once, when the server's
    // configuration class loads, so it is set here before any server exists.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService pool;
  private final ApiRoutes api;
  private final boolean loopback;
  private final Consumer<String> log;
  private final String host;

  private NeuronServer(
      HttpServer server,
      ExecutorService pool,
      ServeModel model,
      boolean loopback,
      Consumer<String> log,
      String host) {
    this.server = server;
    this.host = host;
    this.pool = pool;
    this.api = new ApiRoutes(model);
    this.loopback = loopback;
    this.log = log;
  }

  /**
   * Binds {@code host:port} ({@code port} 0: any free port) and starts serving.
   *
   * @param log receives one line per unexpected error
   */
  public static NeuronServer start(ServeModel model, String host, int port, Consumer<String> log) {
    try {
      InetAddress addr = InetAddress.getByName(host);
      HttpServer s = HttpServer.create(new InetSocketAddress(addr, port), 128);
      AtomicInteger n = new AtomicInteger();
      ExecutorService pool =
          Executors.newFixedThreadPool(
              THREADS,
              r -> {
                Thread t = new Thread(r, "neuronlens-serve-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      NeuronServer ns = new NeuronServer(s, pool, model, addr.isLoopbackAddress(), log, host);
      s.createContext("/", ns::handle);
      s.setExecutor(pool);
      s.start();
      return ns;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** The address to open in a browser, e.g. {@code http://127.0.0.1:8080/}, with the host given. */
  public URI uri() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port() + "/");
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) {
    try {
      try {
        route(ex);
      } catch (ApiException e) {
        Exchanges.sendError(ex, e.status(), e.getMessage());
      } catch (IOException e) {
        ex.close(); // the client went away
      } catch (RuntimeException | Error e) {
        log.accept(
            "serve: internal error on "
                + ex.getRequestMethod()
                + " "
                + Text.clip(ex.getRequestURI().getRawPath())
                + ": "
                + e);
        Exchanges.sendError(ex, 500, "internal error");
      }
    } catch (IOException | RuntimeException e) {
      ex.close(); // headers were already sent: nothing more can be said
    }
  }

  private void route(HttpExchange ex) throws IOException {
    if (loopback && !HostCheck.loopbackHost(ex.getRequestHeaders().getFirst("Host"))) {
      throw new ApiException(403, "Host header must name this machine (localhost, 127.0.0.1)");
    }
    String path = ex.getRequestURI().getRawPath();
    if (path == null || path.isEmpty() || path.length() > 200) {
      throw ApiException.notFound();
    }
    if (path.startsWith("/api/")) {
      api.handle(ex, path.substring(5));
    } else {
      StaticFiles.serve(ex, path);
    }
  }

  /** Stops listening and ends the request threads. */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
