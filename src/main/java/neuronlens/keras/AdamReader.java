package neuronlens.keras;

import io.jhdf.api.Group;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;
import neuronlens.train.AdamState;

/**
 * Reads Adam's state from {@code optimizer/vars}: {@code 0} the iteration counter, then for each
 * model variable in Keras' order the first moment m and the second moment v. A missing or empty
 * group means "no optimizer state"; a partial one is refused, since resuming from half a state
 * would silently train differently.
 */
final class AdamReader {
  private AdamReader() {}

  /** Adam's state shaped like {@code model}'s variables, or null when the file has none. */
  static AdamState read(HdfInput in, Mlp model) {
    Group vars = in.optionalGroup(KerasLayout.OPTIMIZER_VARS);
    if (vars == null || vars.getChildren().isEmpty()) {
      return null;
    }
    List<int[]> shapes = shapes(model);
    Set<String> expected = new HashSet<>();
    for (int i = 0; i <= 2 * shapes.size(); i++) {
      expected.add(Integer.toString(i));
    }
    Set<String> found = vars.getChildren().keySet();
    if (!found.equals(expected)) {
      throw in.bad(
          KerasLayout.OPTIMIZER_VARS,
          "expected datasets "
              + Names.sorted(expected)
              + " (iterations, then Adam's m and v for "
              + shapes.size()
              + " variables of a "
              + model.describe()
              + " model), found "
              + Names.sorted(found));
    }
    long iterations = in.integerScalar(KerasLayout.iterations());
    if (iterations < 0 || iterations > Integer.MAX_VALUE) {
      throw in.bad(
          KerasLayout.iterations(),
          "expected iterations in [0, " + Integer.MAX_VALUE + "], found " + iterations);
    }
    float[][] m = new float[shapes.size()][];
    float[][] v = new float[shapes.size()][];
    for (int i = 0; i < shapes.size(); i++) {
      int[] shape = shapes.get(i);
      m[i] = in.floats(KerasLayout.adamM(i), shape);
      v[i] = in.floats(KerasLayout.adamV(i), shape);
      Finite.checkNonNegative(in, KerasLayout.adamV(i), v[i], shape);
    }
    return new AdamState(iterations, m, v);
  }

  /** Shapes of the model's variables in Keras' order: kernel (in, units), bias (units,), ... */
  static List<int[]> shapes(Mlp model) {
    List<int[]> shapes = new java.util.ArrayList<>();
    for (Dense d : model.layers()) {
      shapes.add(new int[] {d.inputs(), d.units()});
      shapes.add(new int[] {d.units()});
    }
    return shapes;
  }
}
