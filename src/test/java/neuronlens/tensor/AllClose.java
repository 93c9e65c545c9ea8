package neuronlens.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * numpy-style {@code allclose} for tests: lengths are checked first, then every element must
 * satisfy {@code |actual - expected| <= atol + rtol * |expected|}; a failure names the worst index.
 */
public final class AllClose {
  private AllClose() {}

  /** Asserts that {@code actual} matches {@code expected} element by element. */
  public static void assertAllClose(
      String what, double[] expected, float[] actual, double rtol, double atol) {
    assertThat(actual.length).as(what + ": length").isEqualTo(expected.length);
    int worst = -1;
    double worstExcess = 0;
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(actual[i] - expected[i]);
      double excess = err - (atol + rtol * Math.abs(expected[i]));
      if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
        worst = i;
        worstExcess = excess;
      }
    }
    if (worst >= 0) {
      fail(
          "%s: element %d of %d: expected %s, found %s (|diff| %s > atol %s + rtol %s * |expected|)",
          what,
          worst,
          expected.length,
          expected[worst],
          actual[worst],
          Math.abs(actual[worst] - expected[worst]),
          atol,
          rtol);
    }
  }

  /** Float-to-float variant. */
  public static void assertAllClose(
      String what, float[] expected, float[] actual, double rtol, double atol) {
    double[] e = new double[expected.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = expected[i];
    }
    assertAllClose(what, e, actual, rtol, atol);
  }

  /** Asserts that the two arrays hold the same float bit patterns. */
  public static void assertBitEqual(String what, float[] expected, float[] actual) {
    assertThat(actual.length).as(what + ": length").isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
        fail(
            "%s: element %d of %d: expected %s, found %s (bit-exact comparison)",
            what, i, expected.length, expected[i], actual[i]);
      }
    }
  }
}
