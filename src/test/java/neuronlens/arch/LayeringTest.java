package neuronlens.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the arrows of DESIGN.md honest by reading imports: each package uses only the packages
 * below it, nothing uses {@code cli}, only {@code keras} knows the HDF5 library and only {@code
 * tensor} touches the Vector API. The root package (exceptions, atomic writes) is for everyone.
 */
class LayeringTest {
  static final Path SRC = Path.of("src", "main", "java", "neuronlens");

  /** What each package may import from the project (its own package aside). */
  static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "data", Set.of(),
          "tensor", Set.of(),
          "nn", Set.of("tensor"),
          "train", Set.of("nn", "data", "tensor"),
          "keras", Set.of("nn", "train", "data", "tensor"),
          "vis", Set.of("nn", "data", "tensor"),
          "report", Set.of("vis", "train", "nn", "data", "tensor"),
          "serve", Set.of("vis", "nn", "data", "tensor"),
          "cli", Set.of("data", "tensor", "nn", "train", "keras", "vis", "report", "serve"));

  static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);

  @Test
  void packagesOnlyImportWhatTheDesignAllows() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles()) {
      String pkg =
          SRC.relativize(file).getNameCount() > 1 ? SRC.relativize(file).getName(0).toString() : "";
      String text = Files.readString(file);
      Matcher m = IMPORT.matcher(text);
      while (m.find()) {
        String imp = m.group(1);
        if (imp.startsWith("neuronlens.")) {
          String[] parts = imp.split("\\.");
          boolean rootType = Character.isUpperCase(parts[1].charAt(0));
          String target = parts[1];
          if (!rootType
              && !target.equals(pkg)
              && !ALLOWED.getOrDefault(pkg, Set.of()).contains(target)) {
            violations.add(file + " imports " + imp);
          }
        }
        if (imp.startsWith("io.jhdf") && !pkg.equals("keras")) {
          violations.add(file + " uses the HDF5 library outside keras: " + imp);
        }
        if (imp.startsWith("jdk.incubator.vector") && !pkg.equals("tensor")) {
          violations.add(file + " uses the Vector API outside tensor: " + imp);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyPackageIsKnownToTheRules() throws IOException {
    try (Stream<Path> dirs = Files.list(SRC)) {
      dirs.filter(Files::isDirectory)
          .forEach(
              d ->
                  assertThat(ALLOWED)
                      .as("rules for package " + d.getFileName())
                      .containsKey(d.getFileName().toString()));
    }
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> s = Files.walk(SRC)) {
      return s.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }
}
