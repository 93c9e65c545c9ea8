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

/** Failures of the payload's length and of the gzip layer. */
class IdxReaderLengthTest {
  /**
   * What refusing may allocate: the header, a read buffer or a gzip window, never the claimed
   * payload. Counted in bytes allocated by this thread, not timed, so load cannot make it flaky.
   */
  private static final long SMALL = 8L << 20;

  @TempDir Path dir;

  @Test
  void headerClaimingGigabytesInTinyRawFileIsRefusedBeforeAllocating() {
    // 2,000,000 x 28 x 28 = 1.5 GB: fits in an int, so only the length check stops it
    byte[] f = idx(IdxKind.IMAGES.magic(), new int[] {2_000_000, 28, 28}, new byte[10]);
    Path p = write(dir, "huge", f);
    long before = allocated();
    assertThatThrownBy(() -> IdxReader.read(p, IdxKind.IMAGES))
        .isInstanceOf(BadDataException.class)
        .hasMessage(
            "huge: truncated: header claims shape 2000000x28x28,"
                + " expected file length 1568000016 bytes, found 26");
    assertThat(allocated() - before).isLessThan(SMALL);
  }

  @Test
  void headerClaimingMoreThanAnArrayIsRefused() {
    byte[] f = idx(IdxKind.IMAGES.magic(), new int[] {60_000_000, 28, 28}, new byte[0]);
    assertThatThrownBy(() -> IdxReader.read(write(dir, "big", f), IdxKind.IMAGES))
        .hasMessageStartingWith(
            "big: header claims shape 60000000x28x28 = 47040000000 bytes:"
                + " expected at most 2147483631");
  }

  @Test
  void headerClaimingGigabytesInTinyGzipIsRefusedBeforeAllocating() {
    byte[] f = gzip(idx(IdxKind.IMAGES.magic(), new int[] {2_000_000, 28, 28}, new byte[10]));
    Path p = write(dir, "huge.gz", f);
    long before = allocated();
    assertThatThrownBy(() -> IdxReader.read(p, IdxKind.IMAGES))
        .isInstanceOf(BadDataException.class)
        .hasMessageContaining(
            "huge.gz: header claims shape 2000000x28x28 = 1568000016 bytes:" + " expected at most");
    assertThat(allocated() - before).isLessThan(SMALL);
  }

  @Test
  void gzipBombBehindASmallHeaderIsRefusedWithoutInflatingIt() throws Exception {
    // a valid 10-label file followed by 64 MiB of zeros: about 64 KiB of gzip
    Path p = dir.resolve("bomb.gz");
    try (var gz = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(p))) {
      gz.write(labels(10));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gz.write(zeros);
      }
    }
    long before = allocated();
    assertThatThrownBy(() -> IdxReader.read(p, IdxKind.LABELS))
        .isInstanceOf(BadDataException.class)
        .hasMessage(
            "bomb.gz: trailing data at byte 18 of the decompressed data: header claims"
                + " count 10, expected exactly 18 bytes");
    assertThat(allocated() - before).isLessThan(SMALL);
  }

  @Test
  void truncatedPayload() {
    byte[] f = Arrays.copyOf(labels(10), 15);
    assertThatThrownBy(() -> IdxReader.read(write(dir, "l", f), IdxKind.LABELS))
        .hasMessage(
            "l: truncated: header claims count 10, expected file length 18 bytes, found 15");
  }

  @Test
  void trailingGarbageInRawFile() {
    byte[] f = Arrays.copyOf(labels(10), 19);
    assertThatThrownBy(() -> IdxReader.read(write(dir, "l", f), IdxKind.LABELS))
        .hasMessage(
            "l: trailing data: header claims count 10, expected file length 18 bytes,"
                + " found 19");
  }

  @Test
  void trailingDataInsideGzip() {
    byte[] f = gzip(Arrays.copyOf(images(2, 3, 3, 1), 16 + 18 + 5));
    assertThatThrownBy(() -> IdxReader.read(write(dir, "i.gz", f), IdxKind.IMAGES))
        .hasMessage(
            "i.gz: trailing data at byte 34 of the decompressed data: header claims"
                + " shape 2x3x3, expected exactly 34 bytes");
  }

  @Test
  void payloadTruncatedInsideGzip() {
    byte[] f = gzip(Arrays.copyOf(images(2, 3, 3, 1), 30));
    assertThatThrownBy(() -> IdxReader.read(write(dir, "i.gz", f), IdxKind.IMAGES))
        .hasMessage(
            "i.gz: truncated: decompressed data ends at byte 30: header claims"
                + " shape 2x3x3, expected 34 bytes");
  }

  @Test
  void truncatedGzipStream() {
    byte[] full = gzip(images(20, 28, 28, 4));
    byte[] f = Arrays.copyOf(full, full.length / 2);
    assertThatThrownBy(() -> IdxReader.read(write(dir, "t.gz", f), IdxKind.IMAGES))
        .isInstanceOf(BadDataException.class)
        .hasMessageStartingWith("t.gz: corrupt or truncated gzip data: ");
  }

  @Test
  void corruptGzipStream() {
    byte[] f = gzip(images(20, 28, 28, 5));
    for (int i = 20; i < 60; i++) {
      f[i] ^= (byte) 0x5a;
    }
    assertThatThrownBy(() -> IdxReader.read(write(dir, "c.gz", f), IdxKind.IMAGES))
        .isInstanceOf(BadDataException.class)
        .hasMessageStartingWith("c.gz: ");
  }

  @Test
  void corruptGzipChecksum() {
    byte[] f = gzip(labels(50));
    f[f.length - 6] ^= 1; // inside the CRC-32 of the trailer
    assertThatThrownBy(() -> IdxReader.read(write(dir, "c.gz", f), IdxKind.LABELS))
        .hasMessageStartingWith("c.gz: corrupt or truncated gzip data: ");
  }

  @Test
  void missingFile() {
    assertThatThrownBy(() -> IdxReader.read(dir.resolve("nope"), IdxKind.LABELS))
        .isInstanceOf(BadDataException.class)
        .hasMessageEndingWith("nope: file not found: expected an IDX file of labels");
  }

  @Test
  void messagesAreOneLine() {
    byte[] f = Arrays.copyOf(labels(10), 19);
    assertThatThrownBy(() -> IdxReader.read(write(dir, "l", f), IdxKind.LABELS))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  /** Bytes allocated so far by this thread (HotSpot's ThreadMXBean). */
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean)
            java.lang.management.ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
