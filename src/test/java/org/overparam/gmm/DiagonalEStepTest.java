// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vectorised diagonal E-step against {@link DenseColumnarReference}, the columnar code it
 * replaced. Log-densities and exponentials are bit-for-bit the same, so the log-likelihood of a block
 * with unequal weights (summed row by row in both) must match exactly; N_j and the moment sums add
 * the same terms in another order (lanes instead of four partial sums), and equal weights take one
 * logarithm per lane product: those are compared within a bound on the rounding of such sums,
 * n * eps * sum |terms| (n &lt;= 2048, so 1e-12 relative to sum |terms| is above it).
 * Odd and even d, blocks shorter than a chunk, with a partial last chunk and of whole chunks, and
 * mixtures whose responsibilities are mostly exact zeros and mostly nonzero.
 */
class DiagonalEStepTest {
  /** Relative to the sum of the absolute values of the terms: above 2048 * 2^-53 = 2.3e-13. */
  static final double SUM_TOL = 1e-12;

  @ParameterizedTest
  @EnumSource(value = CovarianceType.class, names = {"IDENTITY", "SPHERICAL", "DIAG"})
  void agreesWithTheColumnarReference(CovarianceType type) throws Exception {
    int mostlyZero = 0;
    int mostlyNonzero = 0;
    for (int d : new int[] {1, 2, 3, 10}) {
      for (int n : new int[] {1, 255, 1001, 2048}) {
        for (int k : new int[] {1, 3, 5}) {
          for (int iterations : new int[] {0, 1, 8}) {
            for (boolean equal : new boolean[] {false, true}) {
              double zeros = compare(type, n, d, k, iterations, equal, 31L * d + n + k);
              mostlyZero += zeros > 0.5 ? 1 : 0;
              mostlyNonzero += zeros < 0.25 ? 1 : 0;
            }
          }
        }
      }
    }
    assertTrue(mostlyZero > 0 && mostlyNonzero > 0, "the cases must cover both regimes: " + mostlyZero + ", "
        + mostlyNonzero);
  }

  /** One block under the parameters after the given number of EM iterations; returns the fraction of zero r_ij. */
  private static double compare(CovarianceType type, int n, int d, int k, int iterations, boolean equal, long seed)
      throws Exception {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = equal ? 1.5 : 0.5 + (i % 7) / 4.0;
    }
    // parameters fitted on 2048 rows, the block is their first n
    double[][] rows = GmmTestData.blobs(2048, d, k, seed);
    MixtureData data = MixtureData.of(java.util.Arrays.copyOf(rows, n), w);
    MixtureParams p = new GaussianMixtureEm(GmmConfig.builder().numComponents(k).covariance(type)
        .maxIterations(iterations).seed(seed).build()).fit(MixtureData.of(rows)).params();
    ComponentDensities cd = new ComponentDensities(p);
    double[] xt = DenseColumnarReference.transpose(data, 0, n);
    SufficientStats expected = new SufficientStats(type, k, d, 0);
    DenseColumnarReference.Scratch rs = new DenseColumnarReference.Scratch(k, d, n, false);
    DenseColumnarReference.accumulate(cd, xt, w, n, expected, rs);

    SufficientStats actual = new SufficientStats(type, k, d, 0);
    double[][] cw = DiagonalEStep.weights(data, 0, n);
    boolean lanes = DiagonalEStep.equalWeights(cw, k);
    assertEquals(equal || n == 1, lanes);
    DiagonalEStep.accumulate(cd, DiagonalEStep.chunks(data, 0, n), cw, lanes, actual, new DiagonalEStep.Scratch(k, n));

    String where = type + " n=" + n + " d=" + d + " k=" + k + " after " + iterations + " iterations, "
        + (equal ? "equal" : "unequal") + " weights";
    if (lanes) {
      // terms w (max_i + log s_i): bounded by the sum of |max_i| + log k per row
      double scale = 0;
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          max = Math.max(max, rowLogDensity(cd, data, i, j));
        }
        scale += w[i] * (Math.abs(max) + Math.log(k));
      }
      assertEquals(expected.logLik, actual.logLik, SUM_TOL * scale, where);
    } else {
      assertEquals(expected.logLik, actual.logLik, 0.0, where);
    }
    double[] rij = rs.lp;
    for (int j = 0; j < k; j++) {
      assertEquals(expected.nk[j], actual.nk[j], SUM_TOL * expected.nk[j], where + ", N_" + j);
      for (int a = 0; a < d; a++) {
        double m = p.means[j * d + a];
        double abs1 = 0;
        double abs2 = 0;
        for (int i = 0; i < n; i++) {
          double t = data.x[i * d + a] - m;
          abs1 += Math.abs(rij[j * n + i] * t);
          abs2 += rij[j * n + i] * t * t;
        }
        assertEquals(expected.s1[j * d + a], actual.s1[j * d + a], SUM_TOL * abs1, where + ", s1 " + j + "," + a);
        if (type != CovarianceType.IDENTITY) {
          assertEquals(expected.s2[j * d + a], actual.s2[j * d + a], SUM_TOL * abs2, where + ", s2 " + j + "," + a);
        }
      }
    }
    int zeros = 0;
    for (int t = 0; t < k * n; t++) {
      zeros += rij[t] == 0.0 ? 1 : 0;
    }
    return zeros / (double) (k * n);
  }

  /** log w_j + log N(x_i | j), as the reference computes it. */
  private static double rowLogDensity(ComponentDensities cd, MixtureData data, int i, int j) {
    double q = 0;
    for (int a = 0; a < cd.d; a++) {
      double t = data.x[i * cd.d + a] - cd.p.means[j * cd.d + a];
      q += t * t * cd.prec[j * cd.d + a];
    }
    return cd.logWeights[j] + cd.logNormComplete[j] - 0.5 * q;
  }

  @Test
  void listedExponentialsAreBitIdenticalToTheScalarOnes() {
    Random r = new Random(7);
    for (int n : new int[] {0, 1, 7, 8, 9, 63, 450, 1280}) {
      double[] x = new double[n];
      for (int p = 0; p < n; p++) {
        x[p] = switch (p % 5) {
          case 0 -> FastExp.CUTOFF * r.nextDouble();
          case 1 -> -r.nextDouble() * 1e-3;
          case 2 -> Math.rint(FastExp.CUTOFF * r.nextDouble()) * Math.log(2); // on the reduction's edges
          case 3 -> p % 2 == 0 ? 0.0 : -0.0;
          default -> FastExp.CUTOFF;
        };
      }
      double[] out = x.clone();
      FastExp.expListed(out, n, new double[n], new double[n]);
      for (int p = 0; p < n; p++) {
        assertEquals(Double.doubleToRawLongBits(FastExp.expNonPositive(x[p])), Double.doubleToRawLongBits(out[p]),
            "exp(" + x[p] + ")");
      }
    }
  }

  @Test
  void chunksOfAllBlocksAtOnceEqualThoseOfEachBlock() {
    int n = 2 * 700 + 301;
    MixtureData data = MixtureData.of(GmmTestData.blobs(n, 3, 2, 5));
    double[][][][] all = new double[3][][][];
    all[0] = new double[0][][];
    all[2] = new double[0][][]; // block 1 left out, as BlockedPass does for a block with missing values
    DiagonalEStep.chunks(data, 0, n, 700, all);
    assertEquals(null, all[1]);
    for (int b : new int[] {0, 2}) {
      double[][][] one = DiagonalEStep.chunks(data, b * 700, Math.min(n, (b + 1) * 700));
      assertTrue(java.util.Arrays.deepEquals(one, all[b]), "block " + b);
    }
    assertEquals(2, all[2].length, "301 rows: one whole chunk and a partial one");
    assertEquals(301 - DiagonalEStep.CHUNK, all[2][1][0].length);
    assertEquals(data.x[(1400 + DiagonalEStep.CHUNK + 3) * 3 + 2], all[2][1][2][3], 0.0);
  }

  @Test
  void sumOfLogsOfFoldedLanesMatchesTheLogOfEachLane() {
    Random r = new Random(11);
    for (int k : new int[] {1, 2, 5, 40, 1000}) {
      for (int chunks : new int[] {1, 8, 50}) {
        if (!(chunks * Math.log(k) <= 600)) {
          continue; // such blocks take the row-by-row path
        }
        double[] prod = new double[DiagonalEStep.CHUNK];
        double expected = 0;
        double scale = 0;
        for (int i = 0; i < prod.length; i++) {
          prod[i] = 1;
          for (int c = 0; c < chunks; c++) {
            // normalisers in [1, k], the largest ones included so that a fold too many overflows
            prod[i] *= i % 3 == 0 ? k : 1 + (k - 1) * r.nextDouble();
          }
          expected += Math.log(prod[i]);
          scale += Math.abs(Math.log(prod[i]));
        }
        double actual = DiagonalEStep.sumOfLogs(prod.clone(), prod.length, chunks, k);
        assertTrue(Double.isFinite(actual), "k=" + k + " chunks=" + chunks);
        assertEquals(expected, actual, SUM_TOL * scale + 1e-12, "k=" + k + " chunks=" + chunks);
      }
    }
    double[] partial = {2, 3, 4};
    assertEquals(Math.log(24), DiagonalEStep.sumOfLogs(partial, 3, 1, 5), 1e-15, "a partial lane set is not folded");
  }

  @Test
  void equalWeightsNeedsEveryWeightEqual() {
    assertTrue(DiagonalEStep.equalWeights(new double[][] {{2, 2}, {2}}, 5));
    assertFalse(DiagonalEStep.equalWeights(new double[][] {{2, 2}, {2, 3}}, 5));
    double[][] many = new double[30][];
    java.util.Arrays.fill(many, new double[] {1});
    assertFalse(DiagonalEStep.equalWeights(many, Integer.MAX_VALUE), "k^chunks could overflow");
  }
}
