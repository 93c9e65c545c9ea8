package neuronlens.tensor;

/**
 * Where the data of a {@code float[]} should start for 64-byte vectors not to straddle two cache
 * lines. HotSpot puts an array's first element 16 bytes after the start of the object (its header,
 * with the default compressed class pointers); when the VM places objects on 64-byte boundaries
 * ({@code -XX:ObjectAlignmentInBytes=64}, as the {@code neuronlens} launcher asks), element {@link
 * #START} lies on a boundary, and so does each row of a multiple of 16 floats after it. Elsewhere
 * starting there costs 48 bytes and changes nothing else. (A harness, the first layer's forward of
 * the seed's batches on 64 columns: 31 µs a batch with rows straddling lines, 21 µs aligned.)
 */
public final class Aligned {
  /** Index of the first float that lies on a 64-byte boundary. */
  public static final int START = 12;

  private Aligned() {}

  /** A {@code float[]} of {@code n} floats from {@link #START}. */
  public static float[] floats(int n) {
    return new float[START + n];
  }
}
