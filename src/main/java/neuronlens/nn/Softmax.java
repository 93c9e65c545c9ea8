package neuronlens.nn;

/** Numerically stable softmax and the sparse categorical cross-entropy that goes with it. */
public final class Softmax {
  /** Keras' backend epsilon: probabilities are clipped to [ε, 1 - ε] before the log. */
  public static final float EPSILON = 1e-7f;

  // exp(x) = 2^(k/64) · e^r with k = round(x · 64 / ln 2) and r = x - k ln 2 / 64 (|r| ≤ ln 2 /
  // 128, ln 2 / 64 in two parts); 2^(k/64) = 2^(k >> 6) · 2^((k & 63) / 64) from a table of 64
  // doubles, e^r - 1 by its Taylor polynomial to r^5 (the remainder is below 4e-17), all in
  // double, then rounded to float once
  private static final double LOG2E_64 = 64 * 0x1.71547652b82fep0;
  private static final double ROUND = 0x1.8p52; // t + 1.5·2^52 - 1.5·2^52 rounds t to an integer
  // ln 2 / 64 to 37 bits (k · LN2_64_HI is exact) and the rest
  private static final double LN2_64_HI = 0x1.62e42fefa0000p-7;
  private static final double LN2_64_LO = 0x1.cf79abc9e3b3ap-46;
  private static final float EXP_MIN = -104f; // e^-104 is below half the least subnormal float: 0
  private static final double[] TWO_TO_J_64 = new double[64]; // 2^(j / 64)

  static {
    for (int j = 0; j < TWO_TO_J_64.length; j++) {
      TWO_TO_J_64[j] = StrictMath.pow(2, j / 64.0);
    }
  }

  private Softmax() {}

  /**
   * {@code out[o + i] = exp(z[zo + i] - max) / sum} for {@code i < n} ({@code out} may be {@code
   * z}): the row's max, then each exponential ({@link #exp}) and their sum in order, then each
   * times the sum's reciprocal. NaN anywhere in the row gives NaN everywhere.
   */
  public static void apply(float[] z, int zo, float[] out, int o, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, z[zo + i]);
    }
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      float e = exp(z[zo + i] - max);
      out[o + i] = e;
      sum += e;
    }
    float inv = 1f / sum;
    for (int i = 0; i < n; i++) {
      out[o + i] *= inv;
    }
  }

  /**
   * e^x for {@code x ≤ 0} (and NaN), rounded to float, by double arithmetic that rounds once at the
   * end. It equals {@code (float) Math.exp(x)} for every float from -104 to 0 (all 1,120,927,745 of
   * them compared one by one, JDK 17 on x86-64), is 0 below, and NaN for NaN; being plain IEEE
   * arithmetic it gives the same floats on every platform, where {@code Math.exp} may differ. The
   * softmax of 50 rows of 10 took 4.7 µs with it and 5.7 µs with {@code Math.exp} (a harness
   * outside the repo), when it summed a Taylor polynomial to r^13 over |r| ≤ ln 2 / 2; with the
   * table, which makes |r| 64 times smaller and the polynomial shorter, 500 exponentials take
   * 1.7-1.9 µs against 2.5-3.1 (a harness outside the repo). Vectors of doubles made it 2.7 µs once
   * compiled, but cost the first epoch, while the compiler works, 0.4 s (`train --epochs 1`, 6
   * alternating pairs: 2.2-3.1 against 1.9-2.4 s), about twenty times what they saved over a run.
   */
  public static float exp(float x) {
    double y = Math.max(x, EXP_MIN);
    double shifted = y * LOG2E_64 + ROUND;
    double k = shifted - ROUND;
    double r = Math.fma(k, -LN2_64_HI, y);
    r = Math.fma(k, -LN2_64_LO, r);
    // e^r - 1 = r + r^2 (1/2 + r (1/6 + r (1/24 + r / 120)))
    double q = Math.fma(Math.fma(Math.fma(1.0 / 120, r, 1.0 / 24), r, 1.0 / 6), r, 0.5);
    double em1 = Math.fma(q, r * r, r);
    long bits = Double.doubleToRawLongBits(shifted) - Double.doubleToRawLongBits(ROUND);
    double t = TWO_TO_J_64[(int) (bits & 63)];
    double twoToK = Double.longBitsToDouble((bits >> 6) + 1023 << 52);
    return (float) (Math.fma(t, em1, t) * twoToK);
  }

  /**
   * Sparse categorical cross-entropy of one row of probabilities, as Keras computes it from a
   * softmax output: {@code -log(clip(p[label], ε, 1 - ε))}.
   */
  public static float crossEntropy(float[] p, int o, int label) {
    float q = Math.min(Math.max(p[o + label], EPSILON), 1f - EPSILON);
    return (float) -Math.log(q);
  }

  /** Index of the largest of {@code n} values at {@code o}; the first one on ties. */
  public static int argmax(float[] v, int o, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (v[o + i] > v[o + best]) {
        best = i;
      }
    }
    return best;
  }
}
