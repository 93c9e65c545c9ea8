package neuronlens.vis;

import java.util.Arrays;

/**
 * The assignment problem: pair the rows of a score matrix with distinct columns so that the paired
 * scores add up to the most (the Hungarian method of Kuhn and Munkres, with row and column
 * potentials and shortest augmenting paths: O(n² m) for n rows and m columns).
 */
public final class Assignment {
  private Assignment() {}

  /**
   * For each row of {@code score} (rows × columns, every row as long), the column it is paired
   * with; with more rows than columns the rows left over get -1. The total of the paired scores is
   * as large as any pairing's.
   */
  public static int[] maximize(double[][] score) {
    int rows = score.length;
    int cols = rows == 0 ? 0 : score[0].length;
    for (double[] r : score) {
      if (r.length != cols) {
        throw new IllegalArgumentException("score: rows of " + cols + " and " + r.length);
      }
      for (double v : r) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("score: expected finite values, found " + v);
        }
      }
    }
    if (rows <= cols) {
      return minimize(rows, cols, (i, j) -> -score[i][j]);
    }
    // more rows than columns: pair the columns with rows, then read it the other way
    int[] colToRow = minimize(cols, rows, (j, i) -> -score[i][j]);
    int[] out = new int[rows];
    Arrays.fill(out, -1);
    for (int j = 0; j < cols; j++) {
      out[colToRow[j]] = j;
    }
    return out;
  }

  private interface Cost {
    double at(int row, int col);
  }

  /** The pairing of each of n rows with one of m ≥ n columns of least total cost. */
  private static int[] minimize(int n, int m, Cost cost) {
    double[] u = new double[n + 1]; // row potentials, rows from 1
    double[] v = new double[m + 1]; // column potentials, columns from 1
    int[] rowOf = new int[m + 1]; // the row paired with each column, 0 for none
    int[] way = new int[m + 1]; // the previous column on the augmenting path
    double[] minv = new double[m + 1];
    boolean[] used = new boolean[m + 1];
    for (int i = 1; i <= n; i++) {
      rowOf[0] = i;
      int j0 = 0;
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      Arrays.fill(used, false);
      do {
        used[j0] = true;
        int i0 = rowOf[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = -1;
        for (int j = 1; j <= m; j++) {
          if (!used[j]) {
            double cur = cost.at(i0 - 1, j - 1) - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= m; j++) {
          if (used[j]) {
            u[rowOf[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (rowOf[j0] != 0);
      do {
        int j1 = way[j0];
        rowOf[j0] = rowOf[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] out = new int[n];
    for (int j = 1; j <= m; j++) {
      if (rowOf[j] != 0) {
        out[rowOf[j] - 1] = j - 1;
      }
    }
    return out;
  }
}
