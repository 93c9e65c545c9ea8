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
    Dataset d = new Dataset(images, new byte[count], count, 28, 28);
    SparseImages s = SparseImages.of(d, threads);
    assertThat(s.count()).isEqualTo(count);
    int e = 0;
    for (int i = 0; i < count; i++) {
      assertThat(s.start(i)).as("start of image %d", i).isEqualTo(e);
      for (int p = 0; p < 784; p++) {
        int v = images[i * 784 + p] & 0xff;
        if (v != 0) {
          assertThat(s.index(e)).isEqualTo(p);
          assertThat(s.pixel(e)).isEqualTo(v);
          e++;
        }
      }
      assertThat(s.end(i)).as("end of image %d", i).isEqualTo(e);
    }
    assertThat(s.indices()).hasSize(e);
  }
}
