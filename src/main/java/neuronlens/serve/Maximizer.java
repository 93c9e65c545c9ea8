package neuronlens.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import neuronlens.vis.ActivationMaximizer;
import neuronlens.vis.AmResult;

/**
 * Activation maximization on request: {@code POST /api/maximize} answers the whole run at once;
 * {@code GET /api/maximize/stream} sends it as Server-Sent Events, one {@code frame} event per kept
 * frame ({@code step}, {@code objective}, {@code image}) paced by {@code delay_ms}, then a {@code
 * done} event. At most {@link #CONCURRENT} runs at a time; others wait briefly, then 503.
 */
final class Maximizer {
  static final int CONCURRENT = 2;

  private final ServeModel model;
  private final Semaphore slots = new Semaphore(CONCURRENT);

  Maximizer(ServeModel model) {
    this.model = model;
  }

  AmResult run(AmRequest r) {
    try {
      if (!slots.tryAcquire(10, TimeUnit.SECONDS)) {
        throw new ApiException(503, "busy: too many maximize runs at once, try again");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "interrupted");
    }
    try {
      return new ActivationMaximizer(model.mlp(), model.kernels(), 1)
          .run(r.layer(), new int[] {r.unit()}, r.config(), null);
    } finally {
      slots.release();
    }
  }

  /** The whole run as one JSON object. */
  Map<String, Object> answer(AmRequest r) {
    AmResult res = run(r);
    Map<String, Object> m = done(r, res);
    List<Integer> steps = new ArrayList<>();
    for (int f = 0; f < res.frames().size(); f++) {
      steps.add(r.frameStep(f));
    }
    m.put("image", res.image(0));
    m.put("objective", res.curve(0));
    m.put("frame_steps", steps);
    m.put("frames", res.frames());
    return m;
  }

  /** Streams the run as Server-Sent Events. */
  void stream(HttpExchange ex, AmRequest r) throws IOException {
    AmResult res = run(r);
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      for (int f = 0; f < res.frames().size(); f++) {
        int step = r.frameStep(f);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("frame", f);
        e.put("frames", res.frames().size());
        e.put("step", step);
        e.put("objective", res.objectiveAt(step, 0));
        e.put("image", res.frames().get(f));
        event(out, "frame", e);
        pause(r.delayMs());
      }
      Map<String, Object> d = done(r, res);
      d.put("objective", res.curve(0));
      event(out, "done", d);
    }
  }

  private Map<String, Object> done(AmRequest r, AmResult res) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layer", res.layer());
    m.put("unit", r.unit());
    m.put("preset", r.preset());
    m.put("objective_kind", res.objective().id());
    m.put("steps", r.config().steps());
    m.put("lr", r.config().learningRate());
    m.put("predicted", res.predicted()[0]);
    m.put("final_objective", res.objectiveAt(r.config().steps(), 0));
    return m;
  }

  private static void event(OutputStream out, String name, Object data) throws IOException {
    out.write(Exchanges.utf8("event: " + name + "\ndata: "));
    out.write(Exchanges.MAPPER.writeValueAsBytes(data));
    out.write(Exchanges.utf8("\n\n"));
    out.flush();
  }

  private static void pause(int ms) {
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
