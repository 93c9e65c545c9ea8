package neuronlens.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The front end comes from the jar only: traversal in every spelling is a JSON 404, and the request
 * is written byte for byte on a socket so that no client library normalizes it first.
 */
class StaticFilesTest {
  private static NeuronServer server;

  @BeforeAll
  static void start() {
    server = NeuronServer.start(ServeFixtures.model(), "127.0.0.1", 0, System.err::println);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void servesThePageAndItsScripts() throws Exception {
    String page = raw("GET / HTTP/1.1", "127.0.0.1");
    assertThat(page)
        .startsWith("HTTP/1.1 200")
        .contains("text/html")
        .contains("<canvas id=\"pad\"")
        .containsIgnoringCase("Content-Security-Policy: default-src 'self'");
    assertThat(raw("GET /app.js HTTP/1.1", "127.0.0.1"))
        .startsWith("HTTP/1.1 200")
        .contains("text/javascript");
    assertThat(raw("GET /style.css HTTP/1.1", "localhost")).startsWith("HTTP/1.1 200");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../pom.xml",
        "/..%2fpom.xml",
        "/%2e%2e/pom.xml",
        "/%2e%2e%2fpom.xml",
        "/neuronlens/serve/app.js",
        "//etc/passwd",
        "/etc/passwd",
        "/%2fetc%2fpasswd",
        "/C:/Windows/win.ini",
        "/file:/etc/passwd",
        "/app.js/..",
        "/./app.js",
        "/.%2e/.%2e/pom.xml",
        "/nope.html",
        "/META-INF/MANIFEST.MF",
        "/neuronlens/cli/Main.class",
        "/App.js",
        "/api/../pom.xml",
        "/api/%2e%2e/model"
      })
  void traversalAndUnknownFilesAre404(String path) throws Exception {
    String res = raw("GET " + path + " HTTP/1.1", "127.0.0.1");
    assertThat(res).as(path).startsWith("HTTP/1.1 404").contains("{\"error\":\"not found\"}");
  }

  @Test
  void requestLinesThatAreNoUriAreRefusedByTheJdkParser() throws Exception {
    // the JDK answers these itself (400) before any handler runs: nothing is served either way
    assertThat(raw("GET /..\\pom.xml HTTP/1.1", "127.0.0.1"))
        .startsWith("HTTP/1.1 400")
        .doesNotContain("<project");
  }

  @Test
  void foreignHostHeadersAreRefused() throws Exception {
    assertThat(raw("GET /api/model HTTP/1.1", "attacker.example:80")).startsWith("HTTP/1.1 403");
  }

  /** Sends one request line as given and returns the whole response as text. */
  static String raw(String requestLine, String host) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          (requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
