package neuronlens.data;

import static neuronlens.data.IdxBytes.gzip;
import static neuronlens.data.IdxBytes.idx;
import static neuronlens.data.IdxBytes.images;
import static neuronlens.data.IdxBytes.labels;
import static neuronlens.data.IdxBytes.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import neuronlens.BadDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdxReaderTest {
  @TempDir Path dir;

  @Test
  void rawImagesRoundTrip() {
    byte[] file = images(3, 28, 28, 1);
    IdxData d = IdxReader.read(write(dir, "img", file), IdxKind.IMAGES);
    assertThat(d.dims()).containsExactly(3, 28, 28);
    assertThat(d.data()).isEqualTo(IdxBytes.payload(file, IdxKind.IMAGES));
    assertThat(Sha256.of(d)).isEqualTo(Sha256.of(file));
  }

  @Test
  void aLargeFileIsReadWithoutLeavingAFileSizedNativeBufferBehind() throws Exception {
    // 8 MB of images, read on a fresh thread: the JDK caches the temporary direct buffer of each
    // channel read per thread, so one read of the whole payload would leave 8 MB of native memory
    byte[] file = images(10_000, 28, 28, 3);
    Path p = write(dir, "big", file);
    java.lang.management.BufferPoolMXBean direct =
        java.lang.management.ManagementFactory.getPlatformMXBeans(
                java.lang.management.BufferPoolMXBean.class)
            .stream()
            .filter(b -> b.getName().equals("direct"))
            .findFirst()
            .orElseThrow();
    long[] grew = new long[1];
    IdxData[] read = new IdxData[1];
    Thread t =
        new Thread(
            () -> {
              long before = direct.getTotalCapacity();
              read[0] = IdxReader.read(p, IdxKind.IMAGES);
              grew[0] = direct.getTotalCapacity() - before;
            });
    t.start();
    t.join();
    assertThat(read[0].data()).isEqualTo(IdxBytes.payload(file, IdxKind.IMAGES));
    assertThat(grew[0]).isLessThan(1 << 20);
  }

  @Test
  void gzipImagesAndLabelsRoundTrip() {
    byte[] img = images(4, 5, 6, 2);
    byte[] lab = labels(4);
    IdxData di = IdxReader.read(write(dir, "img.gz", gzip(img)), IdxKind.IMAGES);
    IdxData dl = IdxReader.read(write(dir, "lab.gz", gzip(lab)), IdxKind.LABELS);
    assertThat(di.dims()).containsExactly(4, 5, 6);
    assertThat(di.data()).isEqualTo(IdxBytes.payload(img, IdxKind.IMAGES));
    assertThat(dl.data()).containsExactly(0, 1, 2, 3);
  }

  @ParameterizedTest
  @CsvSource({
    "0,magic number",
    "3,magic number",
    "4,image count",
    "7,image count",
    "8,rows",
    "11,rows",
    "12,columns",
    "15,columns"
  })
  void truncatedInsideEachHeaderField(int length, String field) {
    byte[] cut = Arrays.copyOf(images(1, 28, 28, 3), length);
    String named = length < 4 ? field : "'" + field + "'";
    assertThatThrownBy(() -> IdxReader.read(write(dir, "cut", cut), IdxKind.IMAGES))
        .isInstanceOf(BadDataException.class)
        .hasMessage(
            "cut: file ends at byte %d, inside the %s (bytes %d-%d):"
                + " expected an images header of 16 bytes",
            length, named, length / 4 * 4, length / 4 * 4 + 3);
  }

  @Test
  void truncatedLabelsHeaderInGzip() {
    byte[] cut = gzip(Arrays.copyOf(labels(2), 6));
    assertThatThrownBy(() -> IdxReader.read(write(dir, "l.gz", cut), IdxKind.LABELS))
        .hasMessageContaining("l.gz: decompressed data ends at byte 6, inside the 'label count'");
  }

  @Test
  void wrongMagicHighBytes() {
    byte[] f = idx(0x12340803, new int[] {1, 1, 1}, new byte[1]);
    assertThatThrownBy(() -> IdxReader.read(write(dir, "m", f), IdxKind.IMAGES))
        .isInstanceOf(BadDataException.class)
        .hasMessage(
            "m: magic number, bytes 0-1: expected 0x0000 (magic 0x00000803),"
                + " found 0x1234 (magic 0x12340803)");
  }

  @Test
  void wrongDataType() {
    byte[] f = idx(0x00000d03, new int[] {1, 1, 1}, new byte[4]);
    assertThatThrownBy(() -> IdxReader.read(write(dir, "t", f), IdxKind.IMAGES))
        .hasMessageContaining("data type, byte 2: expected 0x08 (unsigned byte)")
        .hasMessageContaining("found 0x0d");
  }

  @Test
  void wrongDimensionCountNamesTheOtherKind() {
    byte[] f = labels(3);
    assertThatThrownBy(() -> IdxReader.read(write(dir, "train-labels", f), IdxKind.IMAGES))
        .isInstanceOf(BadDataException.class)
        .hasMessage(
            "train-labels: dimension count, byte 3: expected 3 (images) (magic 0x00000803),"
                + " found 1 (a file of labels?) (magic 0x00000801)");
  }

  @Test
  void zeroCount() {
    byte[] f = idx(IdxKind.IMAGES.magic(), new int[] {0, 28, 28}, new byte[0]);
    assertThatThrownBy(() -> IdxReader.read(write(dir, "z", f), IdxKind.IMAGES))
        .hasMessage("z: field 'image count' (bytes 4-7): expected 1..2147483647, found 0");
  }

  @Test
  void absurdRows() {
    byte[] f = idx(IdxKind.IMAGES.magic(), new int[] {1, 100_000, 28}, new byte[0]);
    assertThatThrownBy(() -> IdxReader.read(write(dir, "r", f), IdxKind.IMAGES))
        .hasMessage("r: field 'rows' (bytes 8-11): expected 1..4096, found 100000");
  }

  @Test
  void countWithHighBitIsReadUnsigned() {
    byte[] f = idx(IdxKind.LABELS.magic(), new int[] {-1}, new byte[0]);
    assertThatThrownBy(() -> IdxReader.read(write(dir, "u", f), IdxKind.LABELS))
        .hasMessageContaining("expected 1..2147483647, found 4294967295");
  }
}
