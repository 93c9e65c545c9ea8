package neuronlens.vis;

import java.util.List;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;

/** For tests: a one-hidden-layer model with its hidden units reordered, the same function. */
public final class ShuffledUnits {
  private ShuffledUnits() {}

  /** {@code mlp} (one hidden layer) with its hidden units reordered: unit q is unit perm[q]. */
  public static Mlp of(Mlp mlp, int[] perm) {
    Dense h = mlp.layers().get(0);
    Dense o = mlp.layers().get(1);
    int n = h.units();
    float[] k0 = new float[h.kernel().length];
    float[] b0 = new float[n];
    float[] k1 = new float[o.kernel().length];
    for (int q = 0; q < n; q++) {
      b0[q] = h.bias()[perm[q]];
      for (int i = 0; i < h.inputs(); i++) {
        k0[i * n + q] = h.kernel()[i * n + perm[q]];
      }
      System.arraycopy(o.kernel(), perm[q] * o.units(), k1, q * o.units(), o.units());
    }
    return new Mlp(
        List.of(
            new Dense(h.name(), h.inputs(), n, h.activation(), k0, b0),
            new Dense(o.name(), n, o.units(), o.activation(), k1, o.bias().clone())));
  }
}
