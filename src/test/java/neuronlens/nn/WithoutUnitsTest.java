package neuronlens.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Knocking units out: exactly their rows of the next kernel become 0, in a copy. */
class WithoutUnitsTest {
  @Test
  void zeroesTheKnockedOutUnitsRowsOfTheNextKernelOnly() {
    Mlp mlp = Mlp.glorot(new int[] {6, 4}, 3, 11);
    Mlp m = mlp.withoutUnits(0, 1, 4);
    float[] before = mlp.layers().get(1).kernel(); // (6, 4)
    float[] after = m.layers().get(1).kernel();
    for (int j = 0; j < 6; j++) {
      for (int u = 0; u < 4; u++) {
        float want = j == 1 || j == 4 ? 0f : before[j * 4 + u];
        assertThat(after[j * 4 + u]).as("row %d, unit %d", j, u).isEqualTo(want);
      }
    }
    assertThat(before[4]).isNotZero(); // the original keeps its weights
    assertThat(m.layers().get(0).kernel()).containsExactly(mlp.layers().get(0).kernel());
    assertThat(m.layers().get(2).kernel()).containsExactly(mlp.layers().get(2).kernel());
    // the second hidden layer's units feed the output layer
    assertThat(mlp.withoutUnits(1, 3).layers().get(2).kernel()[3 * 3]).isZero();
  }

  @Test
  void refusesTheOutputLayerAndUnitsOutOfRange() {
    Mlp mlp = Mlp.glorot(new int[] {6}, 3, 11);
    assertThatThrownBy(() -> mlp.withoutUnits(1, 0)).hasMessageContaining("hidden layer");
    assertThatThrownBy(() -> mlp.withoutUnits(0, 6)).hasMessageContaining("0..5");
    assertThatThrownBy(() -> mlp.withoutUnits(0, 2, 2)).hasMessageContaining("2 twice");
  }
}
