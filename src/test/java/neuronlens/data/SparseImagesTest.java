package neuronlens.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparseImagesTest {

  /**
   * Listed on several threads (each a part of the images), the non-zeros are the ones a plain scan
   * of every byte finds, image by image in pixel order, and the same whatever the split.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void threadsListWhatAScanOfTheBytesFinds(int threads) {
    int count = 4321; // parts of 1,080 to 4,321 images, their bounds inside a run of empty images
    SplittableRandom rng = new SplittableRandom(77);
    byte[] images = new byte[count * 784];
    for (int i = 0; i < images.length; i++) {
      images[i] = rng.nextInt(5) == 0 ? (byte) rng.nextInt(1, 256) : 0;
    }
    for (int i = 1000; i < 2200; i++) {
      java.util.Arrays.fill(images, i * 784, (i + 1) * 784, (byte) 0);
    }
    assertListsEveryNonZero(new Dataset(images, new byte[count], count, 28, 28), threads);
  }

  /**
   * Images whose pixels do not fill whole words of eight (5 × 5, 3 × 7, 1 × 1) and words lit in
   * every pattern of the bytes' top and bottom bits (0x01, 0x7f, 0x80, 0xff and zeros in turn).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 5, 7, 8, 16})
  void everyByteOfAnyImageSizeIsFound(int width) {
    int rows = width == 8 ? 2 : width == 16 ? 1 : width;
    int px = rows * width;
    int count = 2500;
    byte[] values = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, 0, 0};
    SplittableRandom rng = new SplittableRandom(width);
    byte[] images = new byte[count * px];
    for (int i = 0; i < images.length; i++) {
      images[i] = values[rng.nextInt(values.length)];
    }
    assertListsEveryNonZero(new Dataset(images, new byte[count], count, rows, width), 2);
  }

  private static void assertListsEveryNonZero(Dataset d, int threads) {
    SparseImages s = SparseImages.of(d, threads);
    int px = d.pixels();
    byte[] images = d.images();
    assertThat(s.count()).isEqualTo(d.count());
    int e = 0;
    for (int i = 0; i < d.count(); i++) {
      assertThat(s.start(i)).as("start of image %d", i).isEqualTo(e);
      for (int p = 0; p < px; p++) {
        int v = images[i * px + p] & 0xff;
        if (v != 0) {
          assertThat(s.index(e)).as("pixel of non-zero %d", e).isEqualTo(p);
          assertThat(s.pixel(e)).as("value of non-zero %d", e).isEqualTo(v);
          e++;
        }
      }
      assertThat(s.end(i)).as("end of image %d", i).isEqualTo(e);
    }
    assertThat(s.indices()).hasSize(e);
    // and by pairs of pixels: each pair with either pixel lit, its index and both values in one int
    int f = 0;
    for (int i = 0; i < d.count(); i++) {
      assertThat(s.pairStarts()[i]).as("pairs' start of image %d", i).isEqualTo(f);
      for (int j = 0; 2 * j < px; j++) {
        int even = images[i * px + 2 * j] & 0xff;
        int odd = 2 * j + 1 < px ? images[i * px + 2 * j + 1] & 0xff : 0;
        if ((even | odd) != 0) {
          assertThat(s.pairs()[f] >>> 16).as("pair of entry %d", f).isEqualTo(j);
          assertThat(s.pairs()[f] & 0xffff).as("values of entry %d", f).isEqualTo(odd << 8 | even);
          f++;
        }
      }
    }
    assertThat(s.pairStarts()[d.count()]).isEqualTo(f);
    assertThat(s.pairs()).hasSize(f);
  }
}
