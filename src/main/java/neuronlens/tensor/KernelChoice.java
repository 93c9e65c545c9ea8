package neuronlens.tensor;

/** Holds the kernel implementation chosen once at class-load time. */
final class KernelChoice {
  static final Kernels INSTANCE = choose();

  private KernelChoice() {}

  private static Kernels choose() {
    String wanted = System.getProperty("neuronlens.kernels", "vector");
    return switch (wanted) {
      case "scalar" -> new ScalarKernels();
      case "vector" -> new VectorKernels();
      default ->
          throw new IllegalArgumentException(
              "-Dneuronlens.kernels: expected scalar or vector, found " + wanted);
    };
  }
}
