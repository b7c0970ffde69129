// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.ItopReport;
import weka.core.Instances;
import weka.overparam.TestData;

/**
 * ITOP's extended training through the Weka option: {@code -training-multiplier m} keeps the update
 * interval of the base run, so a longer run makes m times the topology updates and explores more.
 */
class ItopTrainingMultiplierTest {
  private static ItopSparseNetwork net(int multiplier) {
    ItopSparseNetwork n = new ItopSparseNetwork();
    n.setHiddenLayers("32");
    n.setEpochs(6);
    n.setBatchSizeTrain(32);
    n.setSparsity(0.9);
    n.setNumTopologyUpdates(6);
    n.setTrainingMultiplier(multiplier);
    return n;
  }

  @Test
  void theOptionReachesTheSchedule() {
    assertEquals(ItopConfig.DEFAULT_TRAINING_MULTIPLIER, new ItopSparseNetwork().itopConfig().trainingMultiplier());
    assertEquals(3, net(3).itopConfig().trainingMultiplier());
  }

  @Test
  void longerRunsUpdateMoreOftenAtTheSameIntervalAndExploreMore() throws Exception {
    Instances train = TestData.arff("segment-challenge.arff");
    ItopReport base = null;
    double previousRs = 0;
    for (int m : new int[] {1, 2, 4}) {
      ItopSparseNetwork n = net(m);
      n.buildClassifier(train);
      ItopReport r = n.getItopReport();
      if (base == null) {
        base = r;
        assertTrue(base.updates() > 0, "the base run updates the topology");
      }
      assertEquals(base.deltaT(), r.deltaT(), "ΔT at m = " + m);
      assertEquals((long) m * base.updates(), r.updates(), "updates at m = " + m);
      assertTrue(r.itopRate() > previousRs + 0.01, "R_s grows with m: " + r.itopRate() + " at m = " + m
          + " after " + previousRs);
      previousRs = r.itopRate();
    }
  }
}
