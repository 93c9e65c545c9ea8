package neuronlens.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTML template from the resources {@code neuronlens/report/}, with {@code {{name}}}
 * placeholders. A value that is {@link Html} goes in as it is; any other value is turned into a
 * string and escaped. A placeholder without a value, or a value without a placeholder, is a bug in
 * the caller and throws, so a template and its code cannot drift apart silently.
 */
public final class Template {
  private static final Map<String, Template> CACHE = new ConcurrentHashMap<>();

  private final String name;
  private final List<String> literals = new ArrayList<>(); // literal text before each placeholder
  private final List<String> keys = new ArrayList<>();
  private final String tail;

  private Template(String name, String text) {
    this.name = name;
    int at = 0;
    while (true) {
      int open = text.indexOf("{{", at);
      if (open < 0) {
        break;
      }
      int close = text.indexOf("}}", open);
      if (close < 0) {
        throw new IllegalStateException(name + ": unclosed {{ at offset " + open);
      }
      literals.add(text.substring(at, open));
      keys.add(text.substring(open + 2, close).trim());
      at = close + 2;
    }
    tail = text.substring(at);
  }

  /** The template {@code file} from the resources {@code neuronlens/report/}, parsed once. */
  public static Template load(String file) {
    return CACHE.computeIfAbsent(file, f -> new Template(f, resource(f)));
  }

  /** A template parsed from {@code text} (for tests). */
  public static Template of(String name, String text) {
    return new Template(name, text);
  }

  /** The text of resource {@code neuronlens/report/<file>}. */
  public static String resource(String file) {
    try (InputStream in = Template.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("resource neuronlens/report/" + file + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fills every placeholder from {@code values}. */
  public Html fill(Map<String, ?> values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      sb.append(literals.get(i));
      String key = keys.get(i);
      if (!values.containsKey(key)) {
        throw new IllegalStateException(name + ": no value for {{" + key + "}}");
      }
      Object v = values.get(key);
      sb.append(v instanceof Html h ? h.markup() : Html.escape(v == null ? "" : v.toString()));
    }
    for (String key : values.keySet()) {
      if (!keys.contains(key)) {
        throw new IllegalStateException(name + ": value " + key + " has no placeholder");
      }
    }
    return new Html(sb.append(tail).toString());
  }
}
