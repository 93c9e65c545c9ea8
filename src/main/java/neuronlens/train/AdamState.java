package neuronlens.train;

import java.util.List;

/**
 * Adam's state in Keras' terms: the step counter {@code iterations} and, for every model variable
 * in Keras' order (kernel, bias of each layer), the first moment {@code m} and the second moment
 * {@code v}, each shaped like its variable.
 */
public final class AdamState {
  private long iterations;
  private final float[][] m;
  private final float[][] v;

  /** Wraps existing moments (not copied); {@code m[i]} and {@code v[i]} match variable i. */
  public AdamState(long iterations, float[][] m, float[][] v) {
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, found " + iterations);
    }
    if (m.length != v.length) {
      throw new IllegalArgumentException("m and v: " + m.length + " vs " + v.length + " arrays");
    }
    this.iterations = iterations;
    this.m = m;
    this.v = v;
  }

  /** A fresh state (iterations 0, zero moments) for these variables. */
  public static AdamState zeros(List<float[]> variables) {
    float[][] m = new float[variables.size()][];
    float[][] v = new float[variables.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = new float[variables.get(i).length];
      v[i] = new float[variables.get(i).length];
    }
    return new AdamState(0, m, v);
  }

  /** Number of steps taken so far (Keras' {@code optimizer.iterations}). */
  public long iterations() {
    return iterations;
  }

  /** Advances the step counter by one. */
  public void increment() {
    iterations++;
  }

  /** First moments, one array per variable. */
  public float[][] m() {
    return m;
  }

  /** Second moments, one array per variable. */
  public float[][] v() {
    return v;
  }

  /** A deep copy. */
  public AdamState copy() {
    float[][] mc = new float[m.length][];
    float[][] vc = new float[v.length][];
    for (int i = 0; i < m.length; i++) {
      mc[i] = m[i].clone();
      vc[i] = v[i].clone();
    }
    return new AdamState(iterations, mc, vc);
  }
}
