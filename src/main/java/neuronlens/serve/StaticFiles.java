package neuronlens.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The front end, from the jar's resources under {@code neuronlens/serve/} only. A request names a
 * file by a plain lower-case name with a known extension ({@code /app.js}); anything else — a
 * slash, a dot segment, a percent sign, an absolute path — never reaches the class loader and is a
 * 404. {@code /} is {@code index.html}.
 */
final class StaticFiles {
  private static final String ROOT = "/neuronlens/serve/";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,40}\\.(html|css|js|svg)");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml");
  // the page loads nothing from elsewhere and runs no inline script
  private static final String CSP =
      "default-src 'self'; img-src 'self' data:; "
          + "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

  private StaticFiles() {}

  /** Sends the file named by the raw request path, or throws a 404. */
  static void serve(HttpExchange ex, String rawPath) throws IOException {
    String name = rawPath.equals("/") ? "index.html" : rawPath.substring(1);
    if (!NAME.matcher(name).matches()) {
      throw ApiException.notFound();
    }
    if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
      throw new ApiException(405, "method not allowed; use GET");
    }
    byte[] body;
    try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw ApiException.notFound();
      }
      body = in.readAllBytes();
    }
    String ext = name.substring(name.lastIndexOf('.') + 1);
    ex.getResponseHeaders().set("Content-Type", TYPES.get(ext));
    ex.getResponseHeaders().set("Content-Security-Policy", CSP);
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    Exchanges.send(ex, 200, body);
  }
}
