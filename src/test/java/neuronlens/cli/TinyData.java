package neuronlens.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import neuronlens.data.Splits;

/**
 * A directory of the four IDX files, small and seeded, for tests that need data but not MNIST:
 * {@link Splits#DEV_SIZE} dev images plus a few hundred to train on, and a small test split.
 */
final class TinyData {
  static final int TRAIN = 300;
  static final int TEST = 100;

  private TinyData() {}

  /** Writes the four files into {@code dir} and returns it, as a {@code --data} value. */
  static Path write(Path dir) {
    Random rng = new Random(5);
    try {
      Files.createDirectories(dir);
      int train = Splits.DEV_SIZE + TRAIN;
      Files.write(dir.resolve("train-images-idx3-ubyte"), images(train, rng));
      Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(train, rng));
      Files.write(dir.resolve("t10k-images-idx3-ubyte"), images(TEST, rng));
      Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels(TEST, rng));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Trains a 784-16-10 model for one epoch on {@code data} into {@code out}; its weights file. */
  static Path trainModel(Path data, Path out) {
    CliRun r =
        CliRun.of(
            "train",
            "--data",
            data.toString(),
            "--hidden",
            "16",
            "--epochs",
            "1",
            "--out",
            out.toString());
    if (r.exit() != 0) {
      throw new IllegalStateException("training the tiny model failed: " + r.err());
    }
    return out.resolve("model.weights.h5");
  }

  private static byte[] images(int count, Random rng) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * 784);
    b.putInt(0x803).putInt(count).putInt(28).putInt(28);
    byte[] px = new byte[count * 784];
    for (int i = 0; i < px.length; i++) {
      // mostly background, as MNIST: the sparse training path sees realistic input
      px[i] = rng.nextInt(5) == 0 ? (byte) rng.nextInt(256) : 0;
    }
    return b.put(px).array();
  }

  private static byte[] labels(int count, Random rng) {
    ByteBuffer b = ByteBuffer.allocate(8 + count);
    b.putInt(0x801).putInt(count);
    for (int i = 0; i < count; i++) {
      b.put((byte) rng.nextInt(10));
    }
    return b.array();
  }
}
