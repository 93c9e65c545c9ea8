package neuronlens.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The training split shares its file's image array instead of copying it: the bytes past its last
 * image must then be invisible to everything that reads it.
 */
class DatasetTest {
  private static Dataset file(int count) {
    SplittableRandom rng = new SplittableRandom(count);
    byte[] images = new byte[count * 28 * 28];
    for (int i = 0; i < images.length; i++) {
      images[i] = rng.nextInt(4) == 0 ? (byte) rng.nextInt(256) : 0;
    }
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 10);
    }
    return new Dataset(images, labels, count, 28, 28);
  }

  @Test
  void aHeadSharesTheImagesAndReadsLikeACopy() {
    Dataset f = file(30);
    Dataset head = f.head(20);
    Dataset copy = f.slice(0, 20);
    assertThat(head.images()).isSameAs(f.images());
    assertThat(head.count()).isEqualTo(20);
    assertThat(head.labels()).isEqualTo(copy.labels());
    assertThat(head.classCounts()).isEqualTo(copy.classCounts());
    SparseImages a = SparseImages.of(head);
    SparseImages b = SparseImages.of(copy);
    assertThat(a.count()).isEqualTo(20);
    assertThat(a.starts()).isEqualTo(b.starts());
    assertThat(a.indices()).isEqualTo(b.indices());
    assertThat(a.pixels()).isEqualTo(b.pixels());
  }

  @Test
  void splitsShareTheTrainingImagesAndCopyDev() {
    Dataset f = file(30);
    Splits s = Splits.of(f, file(7), 10);
    assertThat(s.train().images()).isSameAs(f.images());
    assertThat(s.train().count()).isEqualTo(20);
    assertThat(s.dev().count()).isEqualTo(10);
    for (int p = 0; p < 784; p++) {
      assertThat(s.dev().pixel(0, p)).as("dev pixel %d", p).isEqualTo(f.pixel(20, p));
    }
  }

  @Test
  void fewerImageBytesThanTheCountNeedsAreRefused() {
    assertThatThrownBy(() -> new Dataset(new byte[784 * 2 - 1], new byte[2], 2, 28, 28))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1568 image bytes, found");
    assertThatThrownBy(() -> file(5).head(6)).isInstanceOf(IllegalArgumentException.class);
  }
}
