package neuronlens.keras;

/**
 * HDF5 paths of the Keras 3 {@code .weights.h5} layout, as {@code model.save_weights} writes them
 * for the seed's {@code Sequential([Rescaling, Flatten, Dense, ..., Dense])}.
 */
final class KerasLayout {
  static final String LAYERS = "layers";
  static final String OPTIMIZER_VARS = "optimizer/vars";

  /** The model's own variables (none for a Sequential): an empty group at the root. */
  static final String ROOT_VARS = "vars";

  /** Layers without variables that precede the Dense chain; written as empty {@code vars}. */
  static final String[] STATELESS_LAYERS = {"rescaling", "flatten"};

  private KerasLayout() {}

  /** {@code layers/dense/vars}. */
  static String vars(String layer) {
    return LAYERS + "/" + layer + "/vars";
  }

  /** {@code layers/dense/vars/0}: the kernel, (inputs, units). */
  static String kernel(String layer) {
    return vars(layer) + "/0";
  }

  /** {@code layers/dense/vars/1}: the bias, (units,). */
  static String bias(String layer) {
    return vars(layer) + "/1";
  }

  /** {@code optimizer/vars/0}: Adam's iteration counter, an int32 scalar. */
  static String iterations() {
    return OPTIMIZER_VARS + "/0";
  }

  /** {@code optimizer/vars/(1 + 2i)}: the first moment of model variable {@code i}. */
  static String adamM(int variable) {
    return OPTIMIZER_VARS + "/" + (1 + 2 * variable);
  }

  /** {@code optimizer/vars/(2 + 2i)}: the second moment of model variable {@code i}. */
  static String adamV(int variable) {
    return OPTIMIZER_VARS + "/" + (2 + 2 * variable);
  }

  /** "(784, 128)", "(10,)", "()": numpy's way of printing a shape. */
  static String shape(int... dims) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(dims[i]);
    }
    return sb.append(dims.length == 1 ? ",)" : ")").toString();
  }
}
