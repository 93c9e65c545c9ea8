package neuronlens.tensor;

/** Per-thread scratch buffers of {@link VectorKernels}, grown once and then reused. */
final class VectorScratch {
  private VectorScratch() {}

  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[3][0]);
  private static final ThreadLocal<int[][]> INDEX_SCRATCH =
      ThreadLocal.withInitial(() -> new int[1][0]);

  /** A per-thread int buffer of at least {@code size} (grown once, then reused). */
  static int[] indexScratch(int size) {
    int[][] s = INDEX_SCRATCH.get();
    if (s[0].length < size) {
      s[0] = new int[size];
    }
    return s[0];
  }

  /** A per-thread buffer of at least {@code size} floats (grown once, then reused). */
  static float[] scratch(int size) {
    float[][] s = SCRATCH.get();
    if (s[0].length < size) {
      s[0] = new float[size];
    }
    return s[0];
  }

  /**
   * A second per-thread buffer of at least {@code size} floats, for use beside {@link #scratch}.
   */
  static float[] smallScratch(int size) {
    float[][] s = SCRATCH.get();
    if (s[2].length < size) {
      s[2] = new float[size];
    }
    return s[2];
  }

  /**
   * A third per-thread buffer, of {@code size} floats from {@link Aligned#START} (grown once, then
   * reused).
   */
  static float[] aligned(int size) {
    float[][] s = SCRATCH.get();
    if (s[1].length < Aligned.START + size) {
      s[1] = Aligned.floats(size);
    }
    return s[1];
  }
}
