// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.overparam.nn.Activation;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.TrainingSet;
import org.overparam.nn.UpdaterType;

/**
 * The sparse engine against the dense engine with masks (the reference path): same masks, same
 * topology updates, same parameters to float rounding; and its own determinism and memory.
 */
class SparseExecutionTest {
  /** Parameters of the two engines agree to this (float32 sums in a different order). */
  private static final double TOL = 2e-5;

  record Run(NetworkTrainer trainer, ItopHook hook, double[] params) {}

  static Run train(ExecutionMode mode, Activation act, UpdaterType updater, Growth growth, RegrowInit init,
      boolean reinit, double validation, double sparsity) throws Exception {
    NetworkConfig cfg = NetworkConfig.builder().hiddenLayers(24, 24).activation(act).epochs(4).batchSize(16)
        .updater(updater).learningRate(updater == UpdaterType.ADAM ? 0.005 : 0.05).schedule(LrSchedule.COSINE)
        .validationFraction(validation).patience(1).seed(5).build();
    ItopConfig itop = ItopConfig.builder().sparsity(sparsity).growth(growth).numTopologyUpdates(0).updateInterval(3)
        .minUpdateIntervalEpochs(0).regrowInit(init).reinitWhenSame(reinit).execution(mode).build();
    ItopHook hook = new ItopHook(itop, 5);
    NetworkTrainer t = new NetworkTrainer(cfg, ItopHookTest.data(96), new SoftmaxCrossEntropy(), hook, null, null);
    t.initialize();
    assertEquals(mode == ExecutionMode.SPARSE, t.runsSparse());
    while (t.nextEpoch()) {
      // all epochs
    }
    return new Run(t, hook, t.finish().parameters());
  }

  static void assertSameRun(Run dense, Run sparse) {
    SparseMasks a = dense.hook().masks();
    SparseMasks b = sparse.hook().masks();
    assertTrue(a.updates() > 0, "the run must include topology updates");
    assertEquals(a.updates(), b.updates());
    for (int l = 0; l < a.numLayers(); l++) {
      assertArrayEquals(a.activeCopy(l), b.activeCopy(l), "same masks in layer " + l);
    }
    assertArrayEquals(dense.params(), sparse.params(), TOL);
  }

  @ParameterizedTest
  @EnumSource(UpdaterType.class)
  void sparseEqualsDenseWithMasksForEveryUpdater(UpdaterType updater) throws Exception {
    for (Growth g : Growth.values()) {
      assertSameRun(train(ExecutionMode.DENSE, Activation.RELU, updater, g, RegrowInit.ZERO, false, 0, 0.8),
          train(ExecutionMode.SPARSE, Activation.RELU, updater, g, RegrowInit.ZERO, false, 0, 0.8));
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void sparseEqualsDenseWithMasksForEveryActivation(Activation act) throws Exception {
    assertSameRun(train(ExecutionMode.DENSE, act, UpdaterType.NESTEROVS, Growth.GRADIENT, RegrowInit.NORMAL, true, 0, 0.8),
        train(ExecutionMode.SPARSE, act, UpdaterType.NESTEROVS, Growth.GRADIENT, RegrowInit.NORMAL, true, 0, 0.8));
  }

  @Test
  void earlyStoppingRestoresTheSameBestWeights() throws Exception {
    Run dense = train(ExecutionMode.DENSE, Activation.RELU, UpdaterType.NESTEROVS, Growth.RANDOM, RegrowInit.ZERO,
        false, 0.25, 0.8);
    Run sparse = train(ExecutionMode.SPARSE, Activation.RELU, UpdaterType.NESTEROVS, Growth.RANDOM, RegrowInit.ZERO,
        false, 0.25, 0.8);
    assertEquals(dense.trainer().bestEpoch(), sparse.trainer().bestEpoch());
    assertSameRun(dense, sparse);
  }

  @Test
  void sameSeedGivesBitIdenticalParameters() throws Exception {
    double[] a = train(ExecutionMode.SPARSE, Activation.RELU, UpdaterType.ADAM, Growth.GRADIENT, RegrowInit.ZERO,
        false, 0, 0.9).params();
    double[] b = train(ExecutionMode.SPARSE, Activation.RELU, UpdaterType.ADAM, Growth.GRADIENT, RegrowInit.ZERO,
        false, 0, 0.9).params();
    assertArrayEquals(a, b, 0.0);
  }

  @Test
  void autoChoosesByDensityAndPrecision() throws Exception {
    NetworkConfig cfg = NetworkConfig.builder().hiddenLayers(24).epochs(1).batchSize(16).updater(UpdaterType.SGD)
        .l2(0).schedule(LrSchedule.CONSTANT).patience(1).seed(5).build();
    assertTrue(trainer(cfg, 0.95, ExecutionMode.AUTO).runsSparse(), "AUTO at 95% sparsity");
    NetworkConfig wide = NetworkConfig.builder().hiddenLayers(128, 128).epochs(1).batchSize(16)
        .updater(UpdaterType.SGD).l2(0).schedule(LrSchedule.CONSTANT).patience(1).seed(5).build();
    assertTrue(trainer(wide, 0.9, ExecutionMode.AUTO).runsSparse(), "AUTO at ItopSparseNetwork's default 90%");
    assertFalse(trainer(wide, 0.85, ExecutionMode.AUTO).runsSparse(), "AUTO at 85% sparsity");
    assertFalse(trainer(cfg, 0.5, ExecutionMode.AUTO).runsSparse(), "AUTO at 50% sparsity");
    NetworkConfig doubles = NetworkConfig.builder().hiddenLayers(24).epochs(1).batchSize(16)
        .updater(UpdaterType.SGD).l2(0).schedule(LrSchedule.CONSTANT).doublePrecision(true).patience(1).seed(5)
        .build();
    assertFalse(trainer(doubles, 0.95, ExecutionMode.AUTO).runsSparse(), "AUTO in float64");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer(doubles, 0.95, ExecutionMode.SPARSE));
    assertTrue(e.getMessage().contains("float32"), e.getMessage());
  }

  @Test
  void trainingStateShrinksWithDensity() throws Exception {
    NetworkConfig cfg = NetworkConfig.builder().epochs(1).batchSize(16).updater(UpdaterType.ADAM)
        .learningRate(0.005).l2(0).schedule(LrSchedule.CONSTANT).patience(1).seed(5).build();
    long dense = trainer(cfg, 0.95, ExecutionMode.DENSE).trainingStateBytes();
    long at95 = trainer(cfg, 0.95, ExecutionMode.SPARSE).trainingStateBytes();
    long at90 = trainer(cfg, 0.90, ExecutionMode.SPARSE).trainingStateBytes();
    // per active weight: value, gradient, two Adam moments and three indices (28 bytes) vs 16 bytes per
    // weight dense, so 5% density needs under a tenth of the dense bytes, and half of 10% density's
    assertTrue(at95 < 0.1 * dense, at95 + " bytes sparse vs " + dense + " dense");
    assertEquals(0.5, (double) at95 / at90, 0.05);
  }

  private static NetworkTrainer trainer(NetworkConfig cfg, double sparsity, ExecutionMode mode) {
    ItopConfig itop = ItopConfig.builder().sparsity(sparsity).numTopologyUpdates(0).updateInterval(3)
        .minUpdateIntervalEpochs(0).execution(mode).build();
    NetworkTrainer t = new NetworkTrainer(cfg, ItopHookTest.data(32), new SoftmaxCrossEntropy(), new ItopHook(itop, 5),
        null, null);
    t.initialize();
    return t;
  }
}
