package neuronlens.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Fetches the gzip IDX files from a public web mirror: {@code BASE + name + ".gz"}. */
final class MirrorSource implements DataSource {
  private final String base;
  private final Duration timeout;

  /**
   * @param base URL ending in a slash
   */
  MirrorSource(String base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
  }

  @Override
  public String describe() {
    return "mirror " + base;
  }

  @Override
  public Map<MnistFile, byte[]> fetch(FetchProgress progress) throws IOException {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    Map<MnistFile, byte[]> files = new EnumMap<>(MnistFile.class);
    for (MnistFile f : MnistFile.values()) {
      URI uri = URI.create(base + f.fileName() + ".gz");
      HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
      HttpResponse<InputStream> resp;
      try {
        resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } catch (IOException e) {
        throw new IOException(uri + ": " + describe(e), e);
      }
      try (InputStream body = resp.body()) {
        if (resp.statusCode() != 200) {
          throw new IOException(uri + ": HTTP " + resp.statusCode() + ", expected 200");
        }
        try (InputStream in = new GZIPInputStream(body, 1 << 16)) {
          files.put(f, Gzip.readBounded(uri.toString(), in, NpmSource.MAX_FILE));
        }
      }
    }
    return files;
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
  }
}
