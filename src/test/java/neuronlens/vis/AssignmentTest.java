package neuronlens.vis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Hungarian method against trying every pairing, on small random matrices. */
class AssignmentTest {
  @Test
  void findsThePairingWithTheLargestTotalOfEverySmallMatrix() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int trial = 0; trial < 300; trial++) {
      int rows = 1 + rng.nextInt(6);
      int cols = 1 + rng.nextInt(6);
      double[][] s = new double[rows][cols];
      for (double[] r : s) {
        for (int j = 0; j < cols; j++) {
          // few distinct values: ties, which a pairing must handle too
          r[j] = trial % 2 == 0 ? rng.nextDouble(-1, 1) : rng.nextInt(3);
        }
      }
      int[] pair = Assignment.maximize(s);
      assertThat(pair).hasSize(rows);
      Set<Integer> cols1 = new HashSet<>();
      double total = 0;
      int paired = 0;
      for (int i = 0; i < rows; i++) {
        if (pair[i] >= 0) {
          assertThat(cols1.add(pair[i])).as("column %d used twice", pair[i]).isTrue();
          total += s[i][pair[i]];
          paired++;
        }
      }
      assertThat(paired).isEqualTo(Math.min(rows, cols));
      assertThat(total)
          .as("trial %d", trial)
          .isCloseTo(best(s, 0, new boolean[cols]), within(1e-9));
    }
  }

  @Test
  void aPermutedIdentityIsUndone() {
    int n = 40;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = (i * 7 + 3) % n;
    }
    double[][] s = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        s[i][j] = j == perm[i] ? 1 : 0.5 * Math.sin(i * 31 + j);
      }
    }
    assertThat(Assignment.maximize(s)).containsExactly(perm);
  }

  /** The largest total over every pairing of rows {@code i..} with the unused columns. */
  private static double best(double[][] s, int i, boolean[] used) {
    if (i == s.length) {
      return 0;
    }
    int free = 0;
    for (boolean u : used) {
      free += u ? 0 : 1;
    }
    // a row may stay unpaired only when there are more rows left than free columns
    double most = s.length - i > free ? best(s, i + 1, used) : Double.NEGATIVE_INFINITY;
    for (int j = 0; j < used.length; j++) {
      if (!used[j]) {
        used[j] = true;
        most = Math.max(most, s[i][j] + best(s, i + 1, used));
        used[j] = false;
      }
    }
    return most;
  }
}
