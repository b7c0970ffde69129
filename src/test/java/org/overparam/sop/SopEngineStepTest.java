// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.overparam.nn.Activation;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkModel;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.TrainingSet;
import org.overparam.nn.UpdaterType;

/**
 * One plain-SGD step of the engine with the SOP objective (Liu et al., ICML 2022): pins the batch-division
 * convention. The output bias enters every logit with coefficient 1, so its step must be exactly
 * −lr·Σ_rows ∂L/∂z with L carrying its 1/B; u and v must move by −lr_u·∂L/∂u and −lr_v·∂L/∂v.
 */
class SopEngineStepTest {
  private static final double TOL = 1e-10;

  @Test
  void oneFullBatchSgdStepMatchesTheHandGradients() throws Exception {
    int n = 6;
    int c = 3;
    SplittableRandom rng = new SplittableRandom(4);
    float[][] x = new float[n][2];
    int[] labels = new int[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = (float) rng.nextGaussian();
      x[i][1] = (float) rng.nextGaussian();
      labels[i] = i % c;
      weights[i] = 1;
    }
    TrainingSet data = new TrainingSet(x, labels, weights, c);
    double lr = 0.5;
    NetworkConfig net = NetworkConfig.builder().hiddenLayers(2).activation(Activation.TANH).epochs(1).batchSize(n)
        .updater(UpdaterType.SGD).learningRate(lr).momentum(0).l2(0).schedule(LrSchedule.CONSTANT).lrMinFactor(1)
        .doublePrecision(true).patience(1).seed(7).build();
    // init std 0.5 makes u, v large enough that their gradients are far from zero
    SopConfig config = SopConfig.builder().variant(SopVariant.REPO_HEAD).lrV(1).scaling(UvLrScaling.NONE)
        .initStd(0.5).lambdaBalance(0.1).build();
    double lrU = 0.3;
    double lrV = 0.7;
    SopObjective objective = new SopObjective(config, lrU, lrV);
    NetworkTrainer trainer = new NetworkTrainer(net, data, objective, null, null, null);
    trainer.initialize();
    NetworkModel model = trainer.finish(); // wraps the live network: parameters() tracks training
    double[] before = model.parameters();
    double[][] logits = model.logits(x);
    double[] u0 = objective.u();
    double[][] v0 = objective.v();

    trainer.nextEpoch();

    double[] after = model.parameters();
    SopLoss.Result expected = new SopLoss(config.variant(), config.lambdaBalance(), new double[] {1 / 3.0, 1 / 3.0,
        1 / 3.0}, 0).evaluate(logits, null, labels, u0, v0);
    int biasStart = before.length - c; // DL4J's flat layout ends with the output bias
    for (int j = 0; j < c; j++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += expected.dLogits()[i][j];
      }
      assertEquals(before[biasStart + j] - lr * sum, after[biasStart + j], TOL, "output bias " + j);
    }
    double[] u1 = objective.u();
    double[][] v1 = objective.v();
    IntStream.range(0, n).forEach(i -> {
      assertEquals(u0[i] - lrU * expected.du()[i], u1[i], TOL, "u " + i);
      for (int k = 0; k < c; k++) {
        assertEquals(v0[i][k] - lrV * expected.dv()[i][k], v1[i][k], TOL, "v " + i + "," + k);
      }
    });
  }
}
