package neuronlens.tensor;

/** Holds the kernel implementation chosen once at class-load time. */
final class KernelChoice {
  static final Kernels INSTANCE = choose();

  private KernelChoice() {}

  private static Kernels choose() {
    String wanted = System.getProperty("neuronlens.kernels", "scalar");
    return switch (wanted) {
      case "scalar" -> new ScalarKernels();
      default -> throw new IllegalArgumentException(
          "-Dneuronlens.kernels: expected scalar, found " + wanted);
    };
  }
}
