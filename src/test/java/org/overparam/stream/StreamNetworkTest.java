// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.PruneDecay;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;

/** The stream trainer: batching, ΔT timing, drift boost, learning, determinism. */
class StreamNetworkTest {
  static StreamConfig config(double sparsity, int batch, int deltaT, long seed) {
    NetworkConfig net = NetworkConfig.builder().hiddenLayers(16, 16).epochs(1).batchSize(batch).l2(0)
        .schedule(LrSchedule.CONSTANT).lrMinFactor(1).patience(1).seed(seed).build();
    ItopConfig itop = ItopConfig.builder().sparsity(sparsity).pruneRate(0.2).pruneRateMin(0)
        .pruneDecay(PruneDecay.CONSTANT).numTopologyUpdates(0).minUpdateIntervalEpochs(0).build();
    return new StreamConfig(net, itop, 1, deltaT, 0.6, 2);
  }

  /** Two numeric inputs and one 3-valued nominal input; the class is the sign of x0 + x1. */
  static double[] row(SplittableRandom rng) {
    return new double[] {rng.nextGaussian() * 5 + 100, rng.nextGaussian(), rng.nextInt(3)};
  }

  static int label(double[] r) {
    return (r[0] - 100) / 5 + r[1] > 0 ? 1 : 0;
  }

  @Test
  void trainsOnFullBatchesAndUpdatesTopologyEveryDeltaT() {
    StreamNetwork net = new StreamNetwork(config(0.5, 4, 3, 1), new int[] {0, 0, 3}, 2);
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 3; i++) {
      double[] r = row(rng);
      net.train(r, label(r), 1);
    }
    assertNull(net.votes(row(rng)), "no votes before the first full batch");
    for (int i = 0; i < 4 * 9 - 3; i++) {
      double[] r = row(rng);
      net.train(r, label(r), 1);
    }
    assertEquals(9, net.batchesTrained());
    assertEquals(3, net.topologyUpdates());
    assertTrue(net.itopRate() > net.density(), "regrowth explores new weights");
    assertEquals(0.5, net.density(), 0.02);
  }

  @Test
  void driftRunsAnUpdateAtOnceAndBoostsTheNextOnes() {
    StreamNetwork net = new StreamNetwork(config(0.5, 4, 1000, 1), new int[] {0, 0, 3}, 2);
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < 8; i++) {
      double[] r = row(rng);
      net.train(r, label(r), 1);
    }
    assertEquals(0, net.topologyUpdates(), "ΔT = 1000 batches: no regular update yet");
    net.signalDrift();
    for (int i = 0; i < 4; i++) {
      double[] r = row(rng);
      net.train(r, label(r), 1);
    }
    assertEquals(1, net.topologyUpdates(), "the batch after a drift updates the topology");
    assertEquals(1, net.drifts());
    for (int i = 0; i < 40; i++) {
      double[] r = row(rng);
      net.train(r, label(r), 1);
    }
    assertEquals(1, net.topologyUpdates(), "no further update without a drift or a ΔT boundary");
  }

  @Test
  void driftBoostRaisesThePruneRateOfTheNextUpdates() {
    // ΔT = 2 batches, base rate 0.2, drift rate 0.6 for 2 updates (the first at once).
    StreamNetwork net = new StreamNetwork(config(0.5, 4, 2, 1), new int[] {0, 0, 3}, 2);
    SplittableRandom rng = new SplittableRandom(4);
    double[] rates = new double[6];
    net.signalDrift();
    for (int batch = 0; batch < 6; batch++) {
      for (int i = 0; i < 4; i++) {
        double[] r = row(rng);
        net.train(r, label(r), 1);
      }
      rates[batch] = net.measurements().get("last prune rate");
    }
    // batch 1: drift update at 0.6; batch 2: scheduled, still boosted (0.6); batches 4 and 6: base rate.
    assertArrayEquals(new double[] {0.6, 0.6, 0.6, 0.2, 0.2, 0.2}, rates);
    assertEquals(4, net.topologyUpdates());
  }

  @Test
  void denseVariantLearnsAndReportsFullDensity() {
    StreamNetwork net = new StreamNetwork(config(0, 8, 5, 3), new int[] {0, 0, 3}, 2);
    SplittableRandom rng = new SplittableRandom(3);
    int correct = 0;
    for (int i = 0; i < 4000; i++) {
      double[] r = row(rng);
      double[] v = net.votes(r);
      if (i >= 3000 && v != null && (v[1] > v[0] ? 1 : 0) == label(r)) {
        correct++;
      }
      net.train(r, label(r), 1);
    }
    assertTrue(correct > 900, "prequential accuracy on the last 1000 of a linear concept: " + correct);
    assertEquals(1.0, net.density());
    assertEquals(0, net.topologyUpdates());
  }

  @Test
  void sameSeedSameVotes() {
    double[][] a = run(7);
    double[][] b = run(7);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i]);
    }
  }

  private static double[][] run(long seed) {
    StreamNetwork net = new StreamNetwork(config(0.8, 4, 2, seed), new int[] {0, 0, 3}, 2);
    SplittableRandom rng = new SplittableRandom(5);
    double[][] votes = new double[300][];
    for (int i = 0; i < votes.length; i++) {
      double[] r = row(rng);
      votes[i] = net.votes(r);
      net.train(r, label(r), 1);
    }
    return votes;
  }
}
