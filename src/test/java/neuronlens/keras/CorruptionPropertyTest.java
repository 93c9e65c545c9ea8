package neuronlens.keras;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import neuronlens.BadModelFileException;
import neuronlens.nn.Mlp;

/**
 * Whatever bytes a weights file holds, reading it either succeeds or throws {@link
 * BadModelFileException}: random byte changes and truncations of small valid files, one written by
 * jHDF (ours) and one by h5py (Keras' way), must never let another exception out.
 */
class CorruptionPropertyTest {
  private static Path dir;
  private static List<byte[]> originals;

  @BeforeContainer
  static void makeFiles() throws IOException {
    dir = Files.createTempDirectory("neuronlens-corrupt");
    Path ours = dir.resolve("ours.weights.h5");
    Mlp model = KerasFixtures.randomModel(new int[] {3}, 2, 11L);
    KerasWeights.write(ours, model, KerasFixtures.randomAdam(model, 5, 12L));
    originals =
        List.of(
            Files.readAllBytes(ours),
            Files.readAllBytes(KerasFixtures.resource("bad/valid_small.h5")));
  }

  @AfterContainer
  static void removeFiles() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  @Property(tries = 100, seed = "20240611")
  void changedBytesGiveModelOrBadModelFile(
      @ForAll @IntRange(min = 0, max = 1) int which,
      @ForAll("changes") List<Tuple.Tuple2<Double, Byte>> changes)
      throws IOException {
    byte[] bytes = originals.get(which).clone();
    for (var c : changes) {
      // half the changes land in the first 2 KiB, where the superblock and most headers are
      int span = c.get1() < 0.5 ? Math.min(2048, bytes.length) : bytes.length;
      int at = (int) (Math.abs(c.get1() - 0.5) * 2 * (span - 1));
      bytes[at] = c.get2();
    }
    readOrRefuse(bytes);
  }

  @Property(tries = 100, seed = "20240611")
  void truncationsGiveBadModelFile(
      @ForAll @IntRange(min = 0, max = 1) int which,
      @ForAll @IntRange(min = 0, max = 1_000_000) int cut)
      throws IOException {
    byte[] whole = originals.get(which);
    byte[] bytes = Arrays.copyOf(whole, cut % whole.length);
    try {
      KerasWeights.read(write(bytes));
      throw new AssertionError(
          "a file cut to " + bytes.length + " of " + whole.length + " bytes was read");
    } catch (BadModelFileException expected) {
      // the only way out
    }
  }

  @Provide
  Arbitrary<List<Tuple.Tuple2<Double, Byte>>> changes() {
    return Arbitraries.doubles()
        .between(0, 1)
        .flatMap(pos -> Arbitraries.bytes().map(b -> Tuple.of(pos, b)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  private static void readOrRefuse(byte[] bytes) throws IOException {
    try {
      KerasWeights.read(write(bytes));
    } catch (BadModelFileException expected) {
      // refused with a message: fine
    }
  }

  private static Path write(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("corrupt.h5"), bytes);
  }
}
