package neuronlens.keras;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import neuronlens.AtomicFiles;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.train.AdamState;

/**
 * Writes the seed's exact layout with jHDF: empty {@code layers/rescaling/vars} and {@code
 * layers/flatten/vars}, {@code layers/dense*}/vars/{0 kernel, 1 bias} as float32, {@code
 * optimizer/vars/0} iterations as an int32 scalar then m, v per variable, an empty root {@code
 * vars}, and no attributes.
 */
final class WeightsWriter {
  /** jHDF 0.13.0 tags every root group with this attribute; Keras files have none. */
  private static final String JHDF_ATTRIBUTE = "_jHDF";

  private WeightsWriter() {}

  static void write(Path target, Mlp model, AdamState adam) {
    if (adam != null) {
      checkAdam(model, adam);
    }
    AtomicFiles.writePath(
        target,
        tmp -> {
          try {
            writeLayout(tmp, model, adam);
          } catch (HdfException e) {
            throw new IOException("jHDF: " + e.getMessage(), e);
          }
          JhdfTrailerRepair.repair(tmp);
        });
  }

  private static void writeLayout(Path tmp, Mlp model, AdamState adam) {
    try (WritableHdfFile file = HdfFile.write(tmp)) {
      if (file.getAttribute(JHDF_ATTRIBUTE) != null) {
        file.removeAttribute(JHDF_ATTRIBUTE);
      }
      WritableGroup layers = file.putGroup(KerasLayout.LAYERS);
      for (String name : KerasLayout.STATELESS_LAYERS) {
        layers.putGroup(name).putGroup("vars");
      }
      List<Dense> dense = model.layers();
      for (int l = 0; l < dense.size(); l++) {
        Dense d = dense.get(l);
        WritableGroup vars = layers.putGroup(Mlp.layerName(l)).putGroup("vars");
        vars.putDataset("0", rows(d.kernel(), d.inputs(), d.units()));
        vars.putDataset("1", d.bias());
      }
      WritableGroup opt = file.putGroup("optimizer").putGroup("vars");
      if (adam != null) {
        // an Integer becomes an int32 dataset of shape (), as Keras writes iterations
        opt.putDataset("0", Integer.valueOf((int) adam.iterations()));
        List<int[]> shapes = AdamReader.shapes(model);
        for (int i = 0; i < shapes.size(); i++) {
          opt.putDataset(Integer.toString(1 + 2 * i), shaped(adam.m()[i], shapes.get(i)));
          opt.putDataset(Integer.toString(2 + 2 * i), shaped(adam.v()[i], shapes.get(i)));
        }
      }
      file.putGroup(KerasLayout.ROOT_VARS);
    }
  }

  private static void checkAdam(Mlp model, AdamState adam) {
    List<float[]> vars = model.variables();
    if (adam.m().length != vars.size()) {
      throw new IllegalArgumentException(
          "Adam state has "
              + adam.m().length
              + " moments, the "
              + model.describe()
              + " model has "
              + vars.size()
              + " variables");
    }
    for (int i = 0; i < vars.size(); i++) {
      if (adam.m()[i].length != vars.get(i).length || adam.v()[i].length != vars.get(i).length) {
        throw new IllegalArgumentException(
            "Adam moments of variable "
                + i
                + ": expected "
                + vars.get(i).length
                + " values, found "
                + adam.m()[i].length
                + " and "
                + adam.v()[i].length);
      }
    }
    if (adam.iterations() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "iterations " + adam.iterations() + " do not fit Keras' int32 counter");
    }
  }

  private static Object shaped(float[] values, int[] shape) {
    return shape.length == 2 ? rows(values, shape[0], shape[1]) : values;
  }

  /** A row-major (rows, cols) array as the float[rows][cols] jHDF needs for a 2-d dataset. */
  private static float[][] rows(float[] values, int rows, int cols) {
    float[][] out = new float[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = java.util.Arrays.copyOfRange(values, r * cols, (r + 1) * cols);
    }
    return out;
  }
}
