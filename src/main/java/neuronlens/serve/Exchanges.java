package neuronlens.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reading bounded request bodies and writing JSON answers on a {@link HttpExchange}. */
final class Exchanges {
  /** Largest request body accepted; a 784-pixel predict request is about 4 KB. */
  static final int MAX_BODY = 64 * 1024;

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Exchanges() {}

  /** The request body as JSON; 413 past {@link #MAX_BODY} bytes, 400 if it is not JSON. */
  static JsonNode jsonBody(HttpExchange ex) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > MAX_BODY) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("Content-Length: expected a number, found " + length);
      }
    }
    byte[] body = readAtMost(ex.getRequestBody(), MAX_BODY);
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw ApiException.badRequest("expected a JSON body, found none");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("request body is not valid JSON");
    }
  }

  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    byte[] b = in.readNBytes(max + 1);
    if (b.length > max) {
      throw tooLarge();
    }
    return b;
  }

  private static ApiException tooLarge() {
    return new ApiException(413, "request body larger than " + MAX_BODY + " bytes");
  }

  /** Sends {@code value} as JSON with {@code status}. */
  static void sendJson(HttpExchange ex, int status, Object value) throws IOException {
    byte[] b = MAPPER.writeValueAsBytes(value);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    send(ex, status, b);
  }

  /** Sends {@code {"error": message}} with {@code status}. */
  static void sendError(HttpExchange ex, int status, String message) throws IOException {
    sendJson(ex, status, Map.of("error", message));
  }

  /** Sends {@code body} as it is; the caller has set Content-Type. */
  static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (status >= 400) {
      // the request body may be unread (413, early 400): the server then drops the connection,
      // so say so, or a client that pools connections sends its next request into a closed one
      ex.getResponseHeaders().set("Connection", "close");
    }
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  /** UTF-8 bytes of {@code s}. */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
