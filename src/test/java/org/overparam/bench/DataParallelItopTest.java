// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.overparam.engine.ParameterLayout;
import org.overparam.itop.Growth;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.ItopHook;
import org.overparam.itop.SparseMasks;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.OptimizerState;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.TrainingSet;
import org.overparam.nn.UpdaterType;

/**
 * The data-parallel simulation: one worker is the single-machine trainer bit for bit, averaging
 * keeps the shared mask (inactive weights and their optimiser state stay zero, all workers equal),
 * and the traffic counts follow the formulas of docs/scaling.md.
 */
class DataParallelItopTest {
  private static final long SEED = 5;
  private static final long ITOP_SEED = 7;

  static TrainingSet data(int n) {
    SplittableRandom rng = new SplittableRandom(3);
    float[][] x = new float[n][10];
    int[] y = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      w[i] = 1;
      for (int j = 0; j < 10; j++) {
        x[i][j] = (float) (rng.nextGaussian() + (j == y[i] ? 1.5 : 0));
      }
    }
    return new TrainingSet(x, y, w, 3);
  }

  static NetworkConfig config() {
    return NetworkConfig.builder().hiddenLayers(24, 24).epochs(4).batchSize(16).updater(UpdaterType.NESTEROVS)
        .learningRate(0.05).schedule(LrSchedule.COSINE).patience(1).seed(SEED).build();
  }

  /** Topology updates every 3 steps (96 rows, batch 16: 6 steps per epoch, 24 in all for one worker). */
  static ItopConfig itop(Growth growth, ExecutionMode mode) {
    return ItopConfig.builder().sparsity(0.8).growth(growth).numTopologyUpdates(0).updateInterval(3)
        .minUpdateIntervalEpochs(0).execution(mode).build();
  }

  @ParameterizedTest
  @CsvSource({"DENSE, RANDOM, 1", "DENSE, GRADIENT, 1", "SPARSE, RANDOM, 1", "SPARSE, GRADIENT, 1",
      "SPARSE, GRADIENT, 2", "DENSE, GRADIENT, 4", "SPARSE, RANDOM, 16"})
  void oneWorkerTrainsExactlyAsTheTrainer(ExecutionMode mode, Growth growth, int s) throws Exception {
    TrainingSet data = data(96);
    ItopHook hook = new ItopHook(itop(growth, mode), ITOP_SEED);
    NetworkTrainer trainer = new NetworkTrainer(config(), data, new SoftmaxCrossEntropy(), hook, null, null);
    trainer.initialize();
    while (trainer.nextEpoch()) {
      // all epochs
    }
    double[] expected = trainer.finish().parameters();

    DataParallelItop sim = new DataParallelItop(config(), itop(growth, mode), ITOP_SEED, data,
        new DataParallelItop.Settings(1, s, true));
    sim.train();
    assertEquals(mode == ExecutionMode.SPARSE, sim.runsSparse());
    assertEquals(8, hook.masks().updates(), "the run must include topology updates");
    assertEquals(hook.masks().updates(), sim.masks().updates());
    for (int l = 0; l < hook.masks().numLayers(); l++) {
      assertArrayEquals(hook.masks().activeCopy(l), sim.masks().activeCopy(l), "same mask in layer " + l);
    }
    assertArrayEquals(expected, sim.parameters(0), 0.0);
    assertEquals(0, sim.traffic().denseTotal(), "one worker sends nothing");
  }

  @ParameterizedTest
  @CsvSource({"DENSE, GRADIENT", "SPARSE, GRADIENT", "SPARSE, RANDOM"})
  void averagingKeepsTheSharedMask(ExecutionMode mode, Growth growth) {
    DataParallelItop sim = new DataParallelItop(config(), itop(growth, mode), ITOP_SEED, data(96),
        new DataParallelItop.Settings(3, 2, true));
    sim.train();
    // 32 rows per worker: 2 steps per epoch, 8 in all; updates after steps 3 and 6 end rounds early
    assertEquals(8, sim.iterations());
    assertEquals(5, sim.rounds()); // rounds end at 2, 3, 5, 6, 8
    assertEquals(2, sim.masks().updates());
    assertTrue(sim.masks().itopRate() > sim.masks().density(), "the topology changed");
    SparseMasks masks = sim.masks();
    double[] first = sim.parameters(0);
    OptimizerState firstState = sim.optimizerState(0);
    for (int w = 0; w < 3; w++) {
      double[] p = sim.parameters(w);
      double[] momentum = sim.optimizerState(w).vectors()[0];
      assertArrayEquals(first, p, 0.0, "worker " + w + " holds the average");
      assertArrayEquals(firstState.vectors()[0], momentum, 0.0);
      for (ParameterLayout.Segment seg : sim.layout().weights()) {
        for (int j = 0; j < seg.length(); j++) {
          if (!masks.isActive(seg.layer(), j)) {
            assertEquals(0.0, p[(int) seg.offset() + j], "worker " + w + ": inactive weight " + j + " of layer "
                + seg.layer());
            assertEquals(0.0, momentum[(int) seg.offset() + j]);
          }
        }
      }
    }
  }

  @Test
  void workersLearnFromTheirShards() {
    TrainingSet data = data(96);
    NetworkConfig longer = config().toBuilder().epochs(20).build();
    DataParallelItop one = new DataParallelItop(longer, itop(Growth.RANDOM, ExecutionMode.SPARSE), ITOP_SEED, data,
        new DataParallelItop.Settings(1, 1, true));
    DataParallelItop two = new DataParallelItop(longer, itop(Growth.RANDOM, ExecutionMode.SPARSE), ITOP_SEED, data,
        new DataParallelItop.Settings(2, 1, true));
    one.train();
    two.train();
    assertEquals(120, one.iterations());
    assertEquals(60, two.iterations());
    assertFalse(java.util.Arrays.equals(one.parameters(0), two.parameters(0)));
    double a1 = one.accuracy(data.x(), data.labels());
    double a2 = two.accuracy(data.x(), data.labels());
    assertTrue(a1 > 0.8, "one worker fits the easy data: " + a1);
    // half as many steps, each on two averaged batches: worse than one worker here, far above chance (1/3)
    assertTrue(a2 > 0.55, "two workers learn too: " + a2);
  }

  @Test
  void trafficFollowsTheFormulas() {
    DataParallelItop sim = new DataParallelItop(config(), itop(Growth.GRADIENT, ExecutionMode.SPARSE), ITOP_SEED,
        data(96), new DataParallelItop.Settings(2, 4, true));
    sim.train();
    long weights = 10 * 24 + 24 * 24 + 24 * 3;
    long biases = 24 + 24 + 3;
    long active = 0;
    for (int l = 0; l < 3; l++) {
      active += sim.masks().nonzeros(l);
    }
    // Nesterov momentum: one state vector; up and down
    assertEquals(2 * 4 * (weights + biases) * 2, sim.traffic().denseRoundBytes());
    assertEquals(2 * 4 * ((active + biases) * 2 + active), sim.traffic().sparseRoundBytes());
    // 48 rows per worker: 3 steps per epoch, 12 in all; rounds end at 3, 6, 9, 12 (updates at 3, 6, 9, 12)
    assertEquals(4, sim.rounds());
    assertEquals(4, sim.masks().updates());
    long sparseLayers = 0;
    for (int l = 0; l < 3; l++) {
      sparseLayers += sim.masks().isDense(l) ? 0 : sim.masks().size(l);
    }
    assertTrue(sparseLayers > 0);
    // each of 2 workers, each round; and at each update RigL's dense gradient of the sparse layers, up
    long gradients = 4L * 2 * 4 * sparseLayers;
    assertEquals(4L * 2 * sim.traffic().sparseRoundBytes() + gradients, sim.traffic().sparseTotal());
    // the dense format also broadcasts the changed mask positions
    assertTrue(sim.traffic().denseTotal() > 4L * 2 * sim.traffic().denseRoundBytes() + gradients);
  }

  @Test
  void rejectsMoreWorkersThanRows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DataParallelItop(config(),
        itop(Growth.RANDOM, ExecutionMode.SPARSE), ITOP_SEED, data(4), new DataParallelItop.Settings(5, 1, true)));
    assertTrue(e.getMessage().contains("K = 5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DataParallelItop.Settings(2, 0, true));
  }
}
