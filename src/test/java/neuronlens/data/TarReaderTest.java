package neuronlens.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TarReaderTest {
  /** One ustar entry: a 512-byte header, then the data padded to 512. */
  private static void entry(ByteArrayOutputStream out, String name, byte[] data) {
    byte[] h = new byte[512];
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(n, 0, h, 0, n.length);
    byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, h, 124, size.length);
    h[156] = '0';
    out.writeBytes(h);
    out.writeBytes(data);
    out.writeBytes(new byte[(512 - data.length % 512) % 512]);
  }

  @Test
  void extractsWantedEntriesByBaseName() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entry(out, "package/readme.md", new byte[700]);
    entry(out, "package/data/t10k-labels-idx1-ubyte", new byte[] {1, 2, 3});
    out.writeBytes(new byte[1024]);
    Map<String, byte[]> got =
        TarReader.extract(
            new ByteArrayInputStream(out.toByteArray()), Set.of("t10k-labels-idx1-ubyte"), 100);
    assertThat(got).containsOnlyKeys("t10k-labels-idx1-ubyte");
    assertThat(got.get("t10k-labels-idx1-ubyte")).containsExactly(1, 2, 3);
  }

  @Test
  void refusesOversizeEntryAndTruncation() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entry(out, "package/data/x", new byte[200]);
    byte[] tar = out.toByteArray();
    assertThatThrownBy(() -> TarReader.extract(new ByteArrayInputStream(tar), Set.of("x"), 100))
        .hasMessageContaining("size 200, expected at most 100");
    assertThatThrownBy(() -> TarReader.extract(new ByteArrayInputStream(tar), Set.of("y"), 100))
        .isInstanceOf(IOException.class);
  }
}
