package neuronlens.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON API under {@code /api}: {@code GET model}, {@code GET layers/{layer}}, {@code GET
 * neurons/{layer}/{unit}}, {@code GET test/{index}}, {@code POST predict}, {@code POST maximize}
 * and {@code GET maximize/stream}. Anything else under {@code /api} is a JSON 404 (or 405 for a
 * wrong method).
 */
final class ApiRoutes {
  private final ServeModel model;
  private final NeuronViews views;
  private final Predictor predictor;
  private final Maximizer maximizer;

  ApiRoutes(ServeModel model) {
    this.model = model;
    this.views = new NeuronViews(model);
    this.predictor = new Predictor(model.mlp(), model.kernels());
    this.maximizer = new Maximizer(model);
  }

  /** Answers {@code path} (below {@code /api/}, raw) or throws an {@link ApiException}. */
  void handle(HttpExchange ex, String path) throws IOException {
    String[] p = path.split("/", -1);
    String method = ex.getRequestMethod();
    if (p.length == 1 && p[0].equals("model")) {
      allow(method, "GET");
      Exchanges.sendJson(ex, 200, views.summary());
    } else if (p.length == 2 && p[0].equals("layers")) {
      allow(method, "GET");
      Exchanges.sendJson(ex, 200, views.layer(model.layerIndex(p[1])));
    } else if (p.length == 3 && p[0].equals("neurons")) {
      allow(method, "GET");
      int l = model.layerIndex(p[1]);
      Exchanges.sendJson(ex, 200, views.neuron(l, model.unit(l, Text.integer("neuron", p[2]))));
    } else if (p.length == 2 && p[0].equals("test")) {
      allow(method, "GET");
      Exchanges.sendJson(ex, 200, views.testImage(model.testIndex(Text.integer("index", p[1]))));
    } else if (p.length == 1 && p[0].equals("predict")) {
      allow(method, "POST");
      JsonNode body = object(Exchanges.jsonBody(ex));
      float[] px = Predictor.pixels(body);
      Exchanges.sendJson(
          ex,
          200,
          predictor.predict(
              px, predictor.attribution(body), predictor.knockOut(body), predictor.towards(body)));
    } else if (p.length == 1 && p[0].equals("maximize")) {
      allow(method, "POST");
      AmRequest r = AmRequest.parse(model, fields(object(Exchanges.jsonBody(ex))), 0);
      Exchanges.sendJson(ex, 200, maximizer.answer(r));
    } else if (p.length == 2 && p[0].equals("maximize") && p[1].equals("stream")) {
      allow(method, "GET");
      maximizer.stream(ex, AmRequest.parse(model, query(ex.getRequestURI().getRawQuery()), 30));
    } else {
      throw ApiException.notFound();
    }
  }

  private static void allow(String method, String expected) {
    if (!method.equals(expected) && !(expected.equals("GET") && method.equals("HEAD"))) {
      throw new ApiException(
          405, "method " + Text.clip(method) + " not allowed here; use " + expected);
    }
  }

  private static JsonNode object(JsonNode n) {
    if (!n.isObject()) {
      throw ApiException.badRequest("expected a JSON object");
    }
    return n;
  }

  /** The scalar fields of a JSON object as strings (numbers as written). */
  private static Map<String, String> fields(JsonNode n) {
    Map<String, String> m = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        m.put(e.getKey(), e.getValue().asText());
      }
    }
    return m;
  }

  /** A URL query as a map; at most 20 parameters. */
  static Map<String, String> query(String raw) {
    Map<String, String> m = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    String[] parts = raw.split("&");
    if (parts.length > 20) {
      throw ApiException.badRequest("query: expected at most 20 parameters");
    }
    for (String part : parts) {
      int eq = part.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
        m.put(k, v);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("query: bad percent-encoding");
      }
    }
    return m;
  }
}
