package neuronlens.vis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import neuronlens.nn.Dense;
import neuronlens.nn.Mlp;

/**
 * Integrated gradients (Sundararajan, Taly and Yan 2017) of a class's logit, from a black image to
 * the image: each pixel's (rescaled) value times the average, along the straight path between the
 * two, of the logit's gradient with respect to it. Libraries approximate that average with a
 * Riemann sum of 20 to 300 gradients, whose attributions then add up to the logit's change only
 * roughly; here it is exact. Along the path the network is piecewise linear in the path's parameter
 * α (each ReLU switches at most where its input crosses 0), so the logit's gradient is constant on
 * each piece between two switches: this walks the pieces one after another in double precision,
 * each piece's end the nearest switch of any unit, and adds up each piece's gradient times its
 * length. The attributions then add up to logit(image) − logit(black) up to rounding (the
 * completeness axiom). A piece costs the small layers' passes (typically a few dozen to a hundred
 * pieces for a hidden layer of 128 units); the first kernel is read twice in all, once for the
 * path's direction and once to take the pieces' summed gradient to the pixels.
 */
public final class IntegratedGradients {
  /** A piece shorter than this (in α) is a unit sitting at its switch: its direction decides. */
  private static final double AT_SWITCH = 1e-12;

  /** More pieces than this means the walk is not advancing: a bug, reported as such. */
  private static final int MAX_PIECES = 1_000_000;

  private IntegratedGradients() {}

  /**
   * The attributions (784, one per pixel, in logit units), the logit at the image and at the black
   * baseline (both computed in double precision along the way), and the number of linear pieces the
   * path crossed.
   */
  public record Result(float[] attributions, double logit, double baselineLogit, int pieces) {
    /** {@code sum}, {@code logit}, {@code baseline_logit} and {@code pieces}, for JSON. */
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sum", sum());
      m.put("logit", logit);
      m.put("baseline_logit", baselineLogit);
      m.put("pieces", pieces);
      return m;
    }

    /** The attributions' sum, which equals {@code logit - baselineLogit} up to rounding. */
    public double sum() {
      double s = 0;
      for (float a : attributions) {
        s += a;
      }
      return s;
    }
  }

  /** Integrated gradients of class {@code cls}'s logit at {@code raw} (784 pixels, 0–255). */
  public static Result of(Mlp mlp, float[] raw, int cls) {
    List<Dense> layers = mlp.layers();
    if (cls < 0 || cls >= mlp.classes()) {
      throw new IllegalArgumentException(
          "class: expected 0.." + (mlp.classes() - 1) + ", found " + cls);
    }
    if (raw.length != Mlp.INPUTS) {
      throw new IllegalArgumentException(
          "image: expected " + Mlp.INPUTS + " pixels, found " + raw.length);
    }
    double[] x = new double[Mlp.INPUTS];
    for (int i = 0; i < x.length; i++) {
      x[i] = raw[i] * Mlp.RESCALE; // the float the model's Rescaling layer gives
    }
    int hidden = layers.size() - 1;
    double[][] z = new double[hidden][];
    double[][] slope = new double[hidden][];
    boolean[][] on = new boolean[hidden][];
    for (int l = 0; l < hidden; l++) {
      z[l] = new double[layers.get(l).units()];
      slope[l] = new double[layers.get(l).units()];
      on[l] = new boolean[layers.get(l).units()];
    }
    // the first layer's sums are bias + α·(Wᵀx): Wᵀx once
    double[] firstSlope = times(layers.get(0), x);
    double[] pieceSum = null; // ∫ gradient dα, with respect to the first layer's sums
    double alpha = 0;
    int pieces = 0;
    while (alpha < 1) {
      double end = 1;
      double[] a = null;
      double[] da = null;
      for (int l = 0; l < hidden; l++) {
        Dense d = layers.get(l);
        if (l == 0) {
          for (int j = 0; j < d.units(); j++) {
            z[0][j] = d.bias()[j] + alpha * firstSlope[j];
            slope[0][j] = firstSlope[j];
          }
        } else {
          double[] s = times(d, a);
          double[] ds = times(d, da);
          for (int j = 0; j < d.units(); j++) {
            z[l][j] = d.bias()[j] + s[j];
            slope[l][j] = ds[j];
          }
        }
        a = new double[d.units()];
        da = new double[d.units()];
        for (int j = 0; j < d.units(); j++) {
          double zj = z[l][j];
          double sj = slope[l][j];
          // a unit within AT_SWITCH of its switch takes the side the path is heading to
          boolean atSwitch = Math.abs(zj) <= AT_SWITCH * Math.abs(sj);
          on[l][j] = atSwitch ? sj > 0 : zj > 0;
          if (on[l][j]) {
            a[j] = zj;
            da[j] = sj;
          }
          if (!atSwitch && sj != 0) {
            double t = -zj / sj; // where this unit's sum reaches 0, if ahead
            if (t > 0) {
              end = Math.min(end, alpha + t);
            }
          }
        }
      }
      // the logit's gradient on this piece with respect to the first layer's sums, back through
      // the units that are on. The pixels' gradient is the first kernel times it, the same linear
      // map on every piece, so the pieces add up their gradients there, each times its length,
      // and the sum goes through the first kernel once at the end (with no hidden layer, the
      // gradient is the kernel's column itself, already the pixels')
      double[] g = column(layers.get(hidden), cls);
      for (int l = hidden - 1; l >= 0; l--) {
        for (int j = 0; j < g.length; j++) {
          if (!on[l][j]) {
            g[j] = 0;
          }
        }
        if (l > 0) {
          g = back(layers.get(l), g);
        }
      }
      if (pieceSum == null) {
        pieceSum = new double[g.length];
      }
      double length = end - alpha;
      for (int j = 0; j < g.length; j++) {
        pieceSum[j] += length * g[j];
      }
      alpha = end;
      if (++pieces > MAX_PIECES) {
        throw new IllegalStateException("integrated gradients: the path walk does not advance");
      }
    }
    double[] integral = hidden == 0 ? pieceSum : back(layers.get(0), pieceSum);
    float[] attributions = new float[Mlp.INPUTS];
    for (int i = 0; i < attributions.length; i++) {
      attributions[i] = (float) (x[i] * integral[i]);
    }
    double[] black = new double[Mlp.INPUTS];
    return new Result(attributions, logit(mlp, x, cls), logit(mlp, black, cls), pieces);
  }

  /** Class {@code cls}'s logit at the rescaled input {@code x}, in double precision. */
  static double logit(Mlp mlp, double[] x, int cls) {
    double[] a = x;
    List<Dense> layers = mlp.layers();
    for (int l = 0; l < layers.size(); l++) {
      Dense d = layers.get(l);
      double[] z = times(d, a);
      for (int j = 0; j < z.length; j++) {
        z[j] += d.bias()[j];
        if (l < layers.size() - 1) {
          z[j] = Math.max(0, z[j]);
        }
      }
      a = z;
    }
    return a[cls];
  }

  /** {@code Wᵀv}: the layer's sums without the bias. */
  private static double[] times(Dense d, double[] v) {
    double[] out = new double[d.units()];
    float[] w = d.kernel();
    for (int i = 0; i < d.inputs(); i++) {
      double vi = v[i];
      if (vi != 0) {
        int row = i * d.units();
        for (int j = 0; j < out.length; j++) {
          out[j] += vi * w[row + j];
        }
      }
    }
    return out;
  }

  /** {@code W·g}: a gradient with respect to the layer's sums taken back to its inputs. */
  private static double[] back(Dense d, double[] g) {
    double[] out = new double[d.inputs()];
    float[] w = d.kernel();
    for (int i = 0; i < out.length; i++) {
      int row = i * d.units();
      double s = 0;
      for (int j = 0; j < g.length; j++) {
        s += w[row + j] * g[j];
      }
      out[i] = s;
    }
    return out;
  }

  /** Column {@code c} of the layer's kernel: the weights into unit {@code c}. */
  private static double[] column(Dense d, int c) {
    double[] out = new double[d.inputs()];
    for (int i = 0; i < out.length; i++) {
      out[i] = d.kernel()[i * d.units() + c];
    }
    return out;
  }
}
