package neuronlens.keras;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import neuronlens.BadModelFileException;
import neuronlens.nn.Activation;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;

/**
 * Reads the Dense chain from {@code layers/dense*}: shapes first (so the architecture is known and
 * checked before any data is allocated), then values; Adam's state via {@link AdamReader}.
 */
final class WeightsReader {
  private WeightsReader() {}

  /** Reads {@code file}; {@code expectedSizes} may be null (accept any chain). */
  static LoadedWeights read(Path file, int[] expectedSizes) {
    HdfSignature.find(file);
    HdfInput in = null;
    try (HdfFile hdf = new HdfFile(file)) {
      in = new HdfInput(file, hdf);
      checkLength(file, hdf);
      int[] sizes = architecture(in);
      if (expectedSizes != null) {
        checkExpected(in, sizes, expectedSizes);
      }
      Mlp model = values(in, sizes);
      return new LoadedWeights(model, AdamReader.read(in, model));
    } catch (BadModelFileException e) {
      throw e;
    } catch (IOException e) {
      throw new BadModelFileException(file + ": cannot read: " + oneLine(e), e);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // a broken file can make jHDF fail anywhere: bad offsets, checksums, sizes, cycles
      String where = in == null ? "HDF5 superblock" : in.at();
      throw new BadModelFileException(
          file + ": " + where + ": cannot read HDF5 structure (" + oneLine(e) + ")", e);
    }
  }

  /**
   * A file cut short may still parse up to its end; the superblock's end-of-file address says how
   * long it must be, as libhdf5 checks. libhdf5 counts a user block in that address (a 512-byte
   * user block file of 22,120 bytes stores 22,120), so it is compared with the whole file's size.
   */
  private static void checkLength(Path file, HdfFile hdf) throws IOException {
    Superblock sb = hdf.getHdfBackingStorage().getSuperblock();
    long expected = sb.getEndOfFileAddress();
    long found = Files.size(file);
    if (found < expected) {
      throw new BadModelFileException(
          file
              + ": HDF5 superblock: truncated file; expected "
              + expected
              + " bytes (the superblock's end-of-file address), found "
              + found);
    }
  }

  /** Sizes along the chain, {784, h1, ..., classes}, from the kernel shapes alone. */
  static int[] architecture(HdfInput in) {
    Group layers = in.group(KerasLayout.LAYERS);
    Set<String> names = layers.getChildren().keySet();
    int count = 0;
    while (names.contains(Mlp.layerName(count))) {
      count++;
    }
    if (count == 0) {
      throw in.bad(
          KerasLayout.LAYERS,
          "expected a Dense layer named dense, found layers " + Names.sorted(names));
    }
    for (String name : names) {
      checkOtherLayer(in, name, count);
    }
    int[] sizes = new int[count + 1];
    sizes[0] = Mlp.INPUTS;
    for (int l = 0; l < count; l++) {
      String name = Mlp.layerName(l);
      Group vars = in.group(KerasLayout.vars(name));
      if (!vars.getChildren().keySet().equals(Set.of("0", "1"))) {
        throw in.bad(
            KerasLayout.vars(name),
            "expected datasets 0 (kernel) and 1 (bias), found "
                + Names.sorted(vars.getChildren().keySet()));
      }
      String path = KerasLayout.kernel(name);
      Dataset kernel = in.dataset(path);
      int[] shape = in.shape(kernel, path, 2, "Dense kernel (inputs, units)");
      if (shape[0] != sizes[l]) {
        String why =
            l == 0
                ? Mlp.INPUTS + " inputs (a flattened 28x28 image)"
                : sizes[l]
                    + " inputs because "
                    + Mlp.layerName(l - 1)
                    + " has "
                    + sizes[l]
                    + " units";
        throw in.bad(
            path,
            "expected shape ("
                + sizes[l]
                + ", units): "
                + why
                + ", found "
                + KerasLayout.shape(shape));
      }
      sizes[l + 1] = shape[1];
    }
    return sizes;
  }

  /** Layers other than the chain must be stateless (rescaling, flatten, dropout, ...). */
  private static void checkOtherLayer(HdfInput in, String name, int count) {
    if (name.matches("dense(_[0-9]+)?")) {
      int index = name.equals("dense") ? 0 : Integer.parseInt(name.substring(6));
      if (index >= count) {
        throw in.bad(
            KerasLayout.LAYERS + "/" + name,
            "found "
                + name
                + " but no "
                + Mlp.layerName(count)
                + "; expected consecutive Dense layers dense, dense_1, ...");
      }
      return;
    }
    Group vars = in.optionalGroup(KerasLayout.vars(name));
    if (vars != null && !vars.getChildren().isEmpty()) {
      throw in.bad(
          KerasLayout.vars(name),
          "expected no variables (only Dense layers dense, "
              + "dense_1, ... may have weights), found "
              + Names.sorted(vars.getChildren().keySet()));
    }
  }

  private static void checkExpected(HdfInput in, int[] found, int[] expected) {
    String want = Names.sizes(expected);
    if (expected.length != found.length) {
      throw in.bad(
          KerasLayout.LAYERS,
          "expected a "
              + want
              + " model ("
              + (expected.length - 1)
              + " Dense layers), found "
              + Names.sizes(found)
              + " ("
              + (found.length - 1)
              + " Dense layers)");
    }
    for (int l = 0; l + 1 < found.length; l++) {
      if (found[l] != expected[l] || found[l + 1] != expected[l + 1]) {
        throw in.bad(
            KerasLayout.kernel(Mlp.layerName(l)),
            "expected shape "
                + KerasLayout.shape(expected[l], expected[l + 1])
                + " for a "
                + want
                + " model, found "
                + KerasLayout.shape(found[l], found[l + 1]));
      }
    }
  }

  private static Mlp values(HdfInput in, int[] sizes) {
    List<Dense> layers = new ArrayList<>();
    for (int l = 0; l + 1 < sizes.length; l++) {
      String name = Mlp.layerName(l);
      boolean last = l + 2 == sizes.length;
      float[] kernel = in.floats(KerasLayout.kernel(name), sizes[l], sizes[l + 1]);
      float[] bias = in.floats(KerasLayout.bias(name), sizes[l + 1]);
      layers.add(
          new Dense(
              name,
              sizes[l],
              sizes[l + 1],
              last ? Activation.SOFTMAX : Activation.RELU,
              kernel,
              bias));
    }
    return new Mlp(layers);
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    return s.replaceAll("\\s+", " ").trim();
  }
}
