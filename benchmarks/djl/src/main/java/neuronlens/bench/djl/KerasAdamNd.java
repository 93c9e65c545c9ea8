package neuronlens.bench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import neuronlens.train.Adam;
import neuronlens.train.ExponentialDecay;

/**
 * Keras 3's Adam written by hand on DJL arrays, updating the parameters in place: with {@code t =
 * iterations + 1}, {@code alpha = lr · √(1 - β2ᵗ) / (1 - β1ᵗ)}, {@code m = β1·m + (1-β1)·g},
 * {@code v = β2·v + (1-β2)·g²}, {@code p -= alpha · m / (√v + ε)}. The learning rate and {@code
 * alpha} come from neuronlens' own {@link Adam#alpha}, so both sides follow the same schedule.
 * DJL's built-in Adam differs (ε inside the bias correction), which is why it is not used here.
 */
final class KerasAdamNd {
  private final List<NDArray> params;
  private final List<NDArray> m = new ArrayList<>();
  private final List<NDArray> v = new ArrayList<>();
  private final Adam rule;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private long iterations;

  /** State lives in {@code manager}; {@code params} must already require gradients. */
  KerasAdamNd(NDManager manager, List<NDArray> params, ExponentialDecay schedule, double beta1,
      double beta2, double epsilon) {
    this.params = List.copyOf(params);
    for (NDArray p : params) {
      m.add(manager.zeros(p.getShape()));
      v.add(manager.zeros(p.getShape()));
    }
    this.rule = new Adam(schedule, beta1, beta2, epsilon);
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
  }

  /**
   * Takes one step with the gradients autograd left on the parameters, then zeroes them (PyTorch
   * accumulates). Temporaries go to {@code scratch}, which the caller closes.
   */
  void step(NDManager scratch) {
    float alpha = rule.alpha(iterations);
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      NDArray g = p.getGradient();
      g.attach(scratch);
      NDArray mi = m.get(i);
      NDArray vi = v.get(i);
      mi.muli(beta1).addi(g.mul(1 - beta1));
      vi.muli(beta2).addi(g.square().muli(1 - beta2));
      NDArray denom = vi.sqrt();
      denom.attach(scratch);
      NDArray update = mi.mul(alpha);
      update.attach(scratch);
      p.subi(update.divi(denom.addi(epsilon)));
      g.subi(g);
    }
    iterations++;
  }

  long iterations() {
    return iterations;
  }
}
