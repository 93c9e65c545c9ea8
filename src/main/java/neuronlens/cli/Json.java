package neuronlens.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import neuronlens.AtomicFiles;

/** JSON output of commands ({@code --json}) and the JSON files they write, through Jackson. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** {@code v}, or null (JSON's null) where it is not a finite number. */
  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass(), e);
    }
  }

  /** Writes {@code value} as JSON to {@code file}, atomically. */
  static void writeFile(Path file, Object value) {
    AtomicFiles.writeString(file, write(value) + "\n");
  }
}
