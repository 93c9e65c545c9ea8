package neuronlens.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Adam kernel flushes moments below {@link Float#MIN_NORMAL} to exactly zero (denormal
 * arithmetic is slow on some CPUs and the moments of never-active inputs would otherwise decay
 * through the denormal range for thousands of steps) and leaves normal moments exactly as the
 * formula gives them. Checked at every position of a 130-long array so that both the vector loop
 * and the scalar tail are covered.
 */
class AdamFlushToZeroTest {
  static final int N = 130;
  static final float ALPHA = 1e-3f;
  static final float B1 = 0.9f;
  static final float B2 = 0.999f;
  static final float EPS = 1e-7f;

  static List<Kernels> kernels() {
    return List.of(new ScalarKernels(), new VectorKernels());
  }

  @Test
  void momentsBelowMinNormalBecomeExactlyZero() {
    for (Kernels k : kernels()) {
      float[] p = new float[N];
      float[] g = new float[N];
      float[] m = new float[N];
      float[] v = new float[N];
      for (int j = 0; j < N; j++) {
        p[j] = 0.25f + j;
        switch (j % 4) {
          case 0 -> { // subnormal moments decaying with a zero gradient
            m[j] = 1e-39f;
            v[j] = 2e-39f;
          }
          case 1 -> { // negative subnormal first moment
            m[j] = -3e-39f;
            v[j] = 1e-40f;
          }
          case 2 -> { // normal moments that decay just below the smallest normal
            m[j] = Float.MIN_NORMAL;
            v[j] = Float.MIN_NORMAL;
          }
          default -> { // fresh moments from a tiny gradient whose square is subnormal
            g[j] = 1e-21f;
          }
        }
      }
      float[] p0 = p.clone();
      k.adam(N, p, g, m, v, ALPHA, B1, B2, EPS);
      for (int j = 0; j < N; j++) {
        if (j % 4 == 3) {
          // m = 1e-22 is still normal; only v = 1e-45 is flushed.
          assertThat(m[j]).as(k.name() + " m[%d] (normal)", j).isEqualTo(g[j] * (1f - B1));
        } else {
          assertThat(Float.floatToRawIntBits(m[j])).as(k.name() + " m[%d] bits", j).isZero();
        }
        assertThat(Float.floatToRawIntBits(v[j])).as(k.name() + " v[%d] bits", j).isZero();
        if (j % 4 != 3) {
          assertThat(p[j]).as(k.name() + " p[%d] unchanged when m is flushed", j).isEqualTo(p0[j]);
        }
      }
    }
  }

  @Test
  void normalMomentsFollowTheFormulaExactly() {
    for (Kernels k : kernels()) {
      float[] p = new float[N];
      float[] g = new float[N];
      float[] m = new float[N];
      float[] v = new float[N];
      for (int j = 0; j < N; j++) {
        p[j] = 0.5f - j * 0.01f;
        g[j] = (j % 3 - 1) * 0.02f;
        m[j] = 1e-3f * (j % 5 - 2) + 1e-4f;
        v[j] = 1e-6f * (j % 7 + 1);
      }
      float[] p1 = p.clone();
      float[] m1 = m.clone();
      float[] v1 = v.clone();
      k.adam(N, p1, g, m1, v1, ALPHA, B1, B2, EPS);
      for (int j = 0; j < N; j++) {
        float mj = m[j] + (g[j] - m[j]) * (1f - B1);
        float vj = v[j] + (g[j] * g[j] - v[j]) * (1f - B2);
        float pj = p[j] - ALPHA * mj / ((float) Math.sqrt(vj) + EPS);
        assertThat(mj).as("test data keeps m normal").isNotZero();
        assertThat(m1[j]).as(k.name() + " m[%d]", j).isEqualTo(mj);
        assertThat(v1[j]).as(k.name() + " v[%d]", j).isEqualTo(vj);
        assertThat(p1[j]).as(k.name() + " p[%d]", j).isEqualTo(pj);
      }
    }
  }
}
