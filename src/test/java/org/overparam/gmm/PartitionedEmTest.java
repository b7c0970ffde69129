// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.overparam.common.ProgressListener;

/** EM over in-JVM partitions equals the single-machine EM up to the order of additions. */
class PartitionedEmTest {
  /** Relative agreement with the single-machine fit: same start and iterations, sums in another order. */
  static final double REL_TOL = 1e-9;

  @ParameterizedTest
  @CsvSource({"DIAG, ESTIMATED", "FULL, ESTIMATED", "DIAG, FIXED", "FULL, FIXED"})
  void equalsTheSingleMachineFit(CovarianceType type, MixingWeights mode) throws Exception {
    double[][] rows = GmmTestData.blobs(3000, 3, 3, 7);
    rows[5][1] = Double.NaN; // a missing value takes the conditional-moment path
    GmmConfig cfg = GmmConfig.builder().numComponents(3).covariance(type).mixingWeights(mode)
        .weights(mode == MixingWeights.FIXED ? new double[] {0.5, 0.3, 0.2} : new double[0])
        .regCovarRelative(true).numInit(2).maxIterations(30).tolerance(0).seed(3).build();
    MixtureData.Builder b = MixtureData.builder(rows.length, 3, new int[0]);
    for (int i = 0; i < rows.length; i++) {
      for (int a = 0; a < 3; a++) {
        if (Double.isNaN(rows[i][a])) {
          b.missingNumeric(i, a);
        } else {
          b.numeric(i, a, rows[i][a]);
        }
      }
      b.weight(i, 1 + (i % 3) * 0.5);
    }
    MixtureData data = b.build();
    GaussianMixture single = new GaussianMixtureEm(cfg).fit(data);

    List<PartitionedEm.Partition> parts = new ArrayList<>();
    for (int from = 0; from < rows.length; from += 700) {
      int to = Math.min(rows.length, from + 700);
      double[] x = new double[(to - from) * 3];
      double[] w = new double[to - from];
      for (int i = from; i < to; i++) {
        System.arraycopy(rows[i], 0, x, (i - from) * 3, 3);
        w[i - from] = data.w[i];
      }
      parts.add(new PartitionedEm.Partition(3, x, w));
    }
    double[] moments = parts.stream().map(PartitionedEm.Partition::moments).reduce(PartitionedEm::add).orElseThrow();
    double[] mean = PartitionedEm.means(moments);
    double[] centred = parts.stream().map(p -> p.centredMoments(mean)).reduce(PartitionedEm::add).orElseThrow();
    // reduce in reverse order: the sums differ from the single-machine ones in their order only
    PartitionedEm.Cluster cluster = p -> {
      double[] s = null;
      for (int i = parts.size() - 1; i >= 0; i--) {
        double[] t = parts.get(i).eStep(p);
        s = s == null ? t : PartitionedEm.add(s, t);
      }
      return s;
    };
    GaussianMixture dist = PartitionedEm.fit(cfg, moments, centred, rows, data.w.clone(), cluster, ProgressListener.NONE);

    assertEquals(single.summary().iterations(), dist.summary().iterations());
    assertRel(single.summary().logLikelihood(), dist.summary().logLikelihood(), "log-likelihood");
    for (int j = 0; j < 3; j++) {
      assertRel(single.weights()[j], dist.weights()[j], "weight " + j);
      for (int a = 0; a < 3; a++) {
        assertRel(single.mean(j)[a], dist.mean(j)[a], "mean " + j + "," + a);
        assertRel(single.variances(j)[a], dist.variances(j)[a], "variance " + j + "," + a);
      }
    }
    assertEquals(2, dist.summary().restartLogLikelihoods().length);
    assertEquals(single.summary().winningRestart(), dist.summary().winningRestart());
  }

  @Test
  void rejectsBicSearchAndInfiniteValues() {
    GmmConfig bic = GmmConfig.builder().numComponents(-1).build();
    PartitionedEm.Partition p = new PartitionedEm.Partition(1, new double[] {1, 2, 3}, new double[] {1, 1, 1});
    assertThrows(IllegalArgumentException.class, () -> PartitionedEm.fit(bic, p.moments(),
        p.centredMoments(PartitionedEm.means(p.moments())), new double[][] {{1}, {2}, {3}}, new double[] {1, 1, 1},
        q -> p.eStep(q), ProgressListener.NONE));
    assertThrows(IllegalArgumentException.class,
        () -> new PartitionedEm.Partition(1, new double[] {Double.POSITIVE_INFINITY}, new double[] {1}));
  }

  private static void assertRel(double expected, double actual, String what) {
    assertEquals(expected, actual, REL_TOL * Math.max(1e-300, Math.abs(expected)), what);
  }
}
