package neuronlens.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import neuronlens.BadDataException;

/**
 * Whatever is done to a valid small IDX file, raw or gzip, reading it either succeeds or throws
 * {@link BadDataException}: never another exception, never a hang or a huge allocation.
 */
class IdxCorruptionPropertiesTest {
  private static final byte[] IMAGES = IdxBytes.images(5, 4, 3, 11);
  private static final byte[] IMAGES_GZ = IdxBytes.gzip(IMAGES);

  private static void readOnlyFailsCleanly(byte[] bytes) {
    try {
      IdxData d = IdxReader.read("f", bytes, IdxKind.IMAGES);
      assertThat(d.data()).hasSize(d.dims()[0] * d.dims()[1] * d.dims()[2]);
    } catch (BadDataException e) {
      assertThat(e.getMessage()).startsWith("f: ").doesNotContain("\n");
    }
  }

  private static byte[] corrupt(byte[] valid, int seedIndex, int flips, int value) {
    byte[] b = valid.clone();
    for (int i = 0; i < flips; i++) {
      int at = Math.floorMod(seedIndex + i * 7919, b.length);
      b[at] = (byte) (b[at] ^ (value + i));
    }
    return b;
  }

  @Property(tries = 200, seed = "20240601")
  void rawCorruptionsOnlyGiveBadData(
      @ForAll @IntRange(min = 0, max = 10_000) int at,
      @ForAll @IntRange(min = 1, max = 4) int flips,
      @ForAll @IntRange(min = 1, max = 255) int v) {
    readOnlyFailsCleanly(corrupt(IMAGES, at, flips, v));
  }

  @Property(tries = 200, seed = "20240602")
  void gzipCorruptionsOnlyGiveBadData(
      @ForAll @IntRange(min = 0, max = 10_000) int at,
      @ForAll @IntRange(min = 1, max = 4) int flips,
      @ForAll @IntRange(min = 1, max = 255) int v) {
    readOnlyFailsCleanly(corrupt(IMAGES_GZ, at, flips, v));
  }

  @Property(tries = 200, seed = "20240603")
  void truncationsAndExtensionsOnlyGiveBadData(
      @ForAll @IntRange(min = 0, max = 120) int length, @ForAll boolean gzip) {
    byte[] valid = gzip ? IMAGES_GZ : IMAGES;
    byte[] changed = Arrays.copyOf(valid, length);
    if (length == valid.length) {
      readOnlyFailsCleanly(changed);
    } else {
      try {
        IdxReader.read("f", changed, IdxKind.IMAGES);
        assertThat(gzip).as("a raw file of the wrong length must be refused").isTrue();
      } catch (BadDataException e) {
        assertThat(e.getMessage()).startsWith("f: ");
      }
    }
  }
}
