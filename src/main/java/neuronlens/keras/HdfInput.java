package neuronlens.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.file.Path;
import java.util.Arrays;
import neuronlens.BadModelFileException;

/**
 * One open HDF5 file seen with distrust: finds groups and datasets by path, checks dtype and shape
 * before any data is read, and turns every problem into a one-line {@link BadModelFileException}
 * naming the file, the HDF5 path, what was expected and what was found.
 */
final class HdfInput {
  /** Largest dataset we agree to read, in elements; far above any MNIST MLP, far below the heap. */
  static final long MAX_ELEMENTS = 1L << 26;

  private final Path file;
  private final HdfFile hdf;
  private String at = "/"; // the HDF5 path being looked at, to name it if jHDF fails there

  HdfInput(Path file, HdfFile hdf) {
    this.file = file;
    this.hdf = hdf;
  }

  /** An exception for {@code path}: "file: path: message". */
  BadModelFileException bad(String path, String message) {
    return new BadModelFileException(file + ": " + path + ": " + message);
  }

  /** The HDF5 path most recently looked at. */
  String at() {
    return at;
  }

  /** The node at {@code path}, or null if any part of it is missing. */
  Node find(String path) {
    at = path;
    Node node = hdf;
    for (String part : path.split("/")) {
      if (!(node instanceof Group)) {
        return null;
      }
      node = ((Group) node).getChildren().get(part);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /** The group at {@code path}, or null when absent; a dataset there is an error. */
  Group optionalGroup(String path) {
    Node node = find(path);
    if (node != null && !(node instanceof Group)) {
      throw bad(path, "expected a group, found a dataset");
    }
    return (Group) node;
  }

  /** The group at {@code path}; missing is an error. */
  Group group(String path) {
    Group g = optionalGroup(path);
    if (g == null) {
      throw bad(path, "missing group; expected a Keras 3 .weights.h5 layout");
    }
    return g;
  }

  /** The dataset at {@code path}; missing or a group there is an error. */
  Dataset dataset(String path) {
    Node node = find(path);
    if (node == null) {
      throw bad(path, "missing dataset");
    }
    if (!(node instanceof Dataset)) {
      throw bad(path, "expected a dataset, found a group");
    }
    return (Dataset) node;
  }

  /** The dataset's shape, after checking its rank and its size limit. */
  int[] shape(Dataset ds, String path, int rank, String role) {
    int[] dims = ds.getDimensions();
    if (dims.length != rank) {
      throw bad(
          path,
          "expected a rank-" + rank + " " + role + ", found shape " + KerasLayout.shape(dims));
    }
    long n = 1;
    for (int d : dims) {
      if (d <= 0) {
        throw bad(path, "expected positive dimensions, found shape " + KerasLayout.shape(dims));
      }
      n *= d;
    }
    if (n > MAX_ELEMENTS) {
      throw bad(
          path,
          "expected at most " + MAX_ELEMENTS + " values, found shape " + KerasLayout.shape(dims));
    }
    return dims;
  }

  /**
   * Reads a float32 (or float64, rounded to float32 as Keras' assign would) dataset of exactly
   * {@code expected} shape; every value must be finite.
   */
  float[] floats(String path, int... expected) {
    Dataset ds = dataset(path);
    int[] dims = ds.getDimensions();
    if (!Arrays.equals(dims, expected)) {
      throw bad(
          path,
          "expected shape " + KerasLayout.shape(expected) + ", found " + KerasLayout.shape(dims));
    }
    DataType type = ds.getDataType();
    if (!(type instanceof FloatingPoint) || (type.getSize() != 4 && type.getSize() != 8)) {
      throw bad(path, "expected dtype float32, found " + dtype(type));
    }
    Object data = ds.getDataFlat();
    float[] values;
    if (data instanceof float[]) {
      values = (float[]) data;
    } else if (data instanceof double[]) {
      double[] d = (double[]) data;
      values = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        values[i] = (float) d[i];
      }
    } else {
      throw bad(path, "expected float32 values, found " + describe(data));
    }
    if (values.length != count(expected)) {
      throw bad(path, "expected " + count(expected) + " values, found " + values.length);
    }
    Finite.check(this, path, values, expected);
    return values;
  }

  /** Reads a scalar integer dataset (Keras writes int32; int64 is accepted). */
  long integerScalar(String path) {
    Dataset ds = dataset(path);
    int[] dims = ds.getDimensions();
    if (dims.length != 0 || !ds.isScalar()) {
      throw bad(path, "expected a scalar of shape (), found shape " + KerasLayout.shape(dims));
    }
    DataType type = ds.getDataType();
    if (!(type instanceof FixedPoint) || type.getSize() > 8) {
      throw bad(path, "expected dtype int32, found " + dtype(type));
    }
    Object data = ds.getData();
    if (data instanceof Number) {
      return ((Number) data).longValue();
    }
    throw bad(path, "expected an integer scalar, found " + describe(data));
  }

  /** numpy's name for an HDF5 type where there is one. */
  static String dtype(DataType type) {
    if (type instanceof FloatingPoint) {
      return "float" + type.getSize() * 8;
    }
    if (type instanceof FixedPoint) {
      return (((FixedPoint) type).isSigned() ? "int" : "uint") + type.getSize() * 8;
    }
    return type.getClass().getSimpleName() + " of " + type.getSize() + " bytes";
  }

  private static String describe(Object data) {
    return data == null ? "no data" : data.getClass().getSimpleName();
  }

  private static long count(int[] dims) {
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }
}
