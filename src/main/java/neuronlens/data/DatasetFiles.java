package neuronlens.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import neuronlens.BadDataException;

/** Finds the four IDX files in a directory and turns them into checked {@link Splits}. */
public final class DatasetFiles {
  /** Image side in pixels every dataset here must have (the network takes 28 x 28 inputs). */
  public static final int SIDE = 28;

  private DatasetFiles() {}

  /** The path of each file in {@code dir}, raw or with {@code .gz}; refuses if any is missing. */
  public static Map<MnistFile, Path> locate(Path dir) {
    Map<MnistFile, Path> found = new EnumMap<>(MnistFile.class);
    List<String> missing = new ArrayList<>();
    for (MnistFile f : MnistFile.values()) {
      Path p = find(dir, f);
      if (p == null) {
        missing.add(f.fileName());
      } else {
        found.put(f, p);
      }
    }
    if (!missing.isEmpty()) {
      throw new BadDataException(
          dir
              + ": missing "
              + String.join(", ", missing)
              + ": expected the four files train-images-idx3-ubyte, train-labels-idx1-ubyte,"
              + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each raw or .gz)");
    }
    return found;
  }

  /** {@code dir/NAME} if it is a file, else {@code dir/NAME.gz} if that is, else null. */
  public static Path find(Path dir, MnistFile file) {
    Path raw = dir.resolve(file.fileName());
    if (Files.isRegularFile(raw)) {
      return raw;
    }
    Path gz = dir.resolve(file.fileName() + ".gz");
    return Files.isRegularFile(gz) ? gz : null;
  }

  /** Reads every file; the result maps each file to its checked contents. */
  public static Map<MnistFile, IdxData> read(Map<MnistFile, Path> files) {
    Map<MnistFile, IdxData> data = new EnumMap<>(MnistFile.class);
    for (Map.Entry<MnistFile, Path> e : files.entrySet()) {
      data.put(e.getKey(), IdxReader.read(e.getValue(), e.getKey().kind()));
    }
    return data;
  }

  /** Pairs images with labels, checks counts, sizes and label range, and splits off dev. */
  public static Splits splits(Map<MnistFile, IdxData> data, int devSize) {
    Dataset train =
        pair(
            data.get(MnistFile.TRAIN_IMAGES),
            MnistFile.TRAIN_IMAGES,
            data.get(MnistFile.TRAIN_LABELS),
            MnistFile.TRAIN_LABELS);
    Dataset test =
        pair(
            data.get(MnistFile.TEST_IMAGES),
            MnistFile.TEST_IMAGES,
            data.get(MnistFile.TEST_LABELS),
            MnistFile.TEST_LABELS);
    if (train.count() <= devSize) {
      throw new BadDataException(
          String.format(
              "%s: image count: expected more than %d (the dev split), found %d",
              MnistFile.TRAIN_IMAGES.fileName(), devSize, train.count()));
    }
    return Splits.of(train, test, devSize);
  }

  private static Dataset pair(
      IdxData images, MnistFile imageFile, IdxData labels, MnistFile labelFile) {
    int[] d = images.dims();
    if (d[1] != SIDE || d[2] != SIDE) {
      throw new BadDataException(
          String.format(
              "%s: rows x columns: expected %d x %d, found %d x %d",
              imageFile.fileName(), SIDE, SIDE, d[1], d[2]));
    }
    if (images.count() != labels.count()) {
      throw new BadDataException(
          String.format(
              "%s has %d images but %s has %d labels: expected equal counts",
              imageFile.fileName(), images.count(), labelFile.fileName(), labels.count()));
    }
    byte[] l = labels.data();
    for (int i = 0; i < l.length; i++) {
      if ((l[i] & 0xff) >= Dataset.CLASSES) {
        throw new BadDataException(
            String.format(
                "%s: label %d (byte %d): expected 0..%d, found %d",
                labelFile.fileName(),
                i,
                IdxKind.LABELS.headerBytes() + i,
                Dataset.CLASSES - 1,
                l[i] & 0xff));
      }
    }
    return new Dataset(images.data(), l, images.count(), d[1], d[2]);
  }
}
