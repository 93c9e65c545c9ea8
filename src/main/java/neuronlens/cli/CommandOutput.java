package neuronlens.cli;

import java.util.Map;

/** The last thing a visualization command prints: one JSON object, or one line of text. */
final class CommandOutput {
  private CommandOutput() {}

  static void print(Console console, boolean json, Map<String, Object> result, String text) {
    if (json) {
      console.out().println(Json.write(result));
    } else {
      console.out().println(text);
    }
  }
}
