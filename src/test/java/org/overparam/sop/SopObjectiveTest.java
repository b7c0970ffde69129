// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.Objective;
import org.overparam.nn.TrainingSet;

class SopObjectiveTest {
  private static final int N = 12;
  private static final int C = 3;

  private static TrainingSet data() {
    float[][] x = new float[N][2];
    int[] labels = new int[N];
    double[] w = new double[N];
    for (int i = 0; i < N; i++) {
      x[i][0] = i;
      x[i][1] = -i;
      labels[i] = i % C;
      w[i] = 1;
    }
    return new TrainingSet(x, labels, w, C);
  }

  private static double[] ones(int b) {
    double[] w = new double[b];
    java.util.Arrays.fill(w, 1.0);
    return w;
  }

  private static SopConfig config(SopVariant variant, double lambdaC, boolean project, boolean ceOnly) {
    return SopConfig.builder().variant(variant).scaling(UvLrScaling.NONE).projectUv(project)
        .lambdaConsistency(lambdaC).ceOnly(ceOnly).build();
  }

  private static SopObjective started(SopConfig config, double lrU, double lrV, long seed) {
    SopObjective objective = new SopObjective(config, lrU, lrV);
    objective.begin(data(), java.util.stream.IntStream.range(0, N).toArray(), new SplittableRandom(seed));
    return objective;
  }

  /** Runs {@code steps} steps on random batches of 4 with random logits; returns nothing, state is in the objective. */
  private static void run(SopObjective objective, int steps, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] labels = data().labels();
    for (int t = 0; t < steps; t++) {
      int[] rows = {rng.nextInt(N), rng.nextInt(N), rng.nextInt(N), rng.nextInt(N)};
      rows = java.util.Arrays.stream(rows).distinct().toArray();
      int b = rows.length;
      int[] batchLabels = java.util.Arrays.stream(rows).map(i -> labels[i]).toArray();
      Objective.Step step = new Objective.Step(rows, b, batchLabels, ones(b), t / 3, t);
      double[][] logits = new double[objective.views() * b][C];
      for (double[] row : logits) {
        for (int c = 0; c < C; c++) {
          row[c] = 3 * rng.nextGaussian();
        }
      }
      double[][] dLogits = new double[logits.length][C];
      double value = objective.lossAndGradient(step, logits, dLogits);
      assertTrue(Double.isFinite(value));
      objective.afterStep(step);
    }
  }

  @Test
  void labelEntryOfVNeverChangesAndTermsStayInUnitInterval() {
    for (SopVariant variant : SopVariant.values()) {
      SopObjective objective = started(config(variant, 0.9, false, false), 50, 500, 1);
      double[][] before = objective.v();
      run(objective, 60, 2);
      double[][] after = objective.v();
      double[] u = objective.u();
      int[] labels = data().labels();
      boolean moved = false;
      for (int i = 0; i < N; i++) {
        assertEquals(before[i][labels[i]], after[i][labels[i]], 0.0, "v_{i,k_i} moved at row " + i);
        assertTrue(SopLoss.labelTerm(u[i]) >= 0 && SopLoss.labelTerm(u[i]) <= 1);
        for (int c = 0; c < C; c++) {
          assertTrue(SopLoss.otherTerm(after[i][c]) >= 0 && SopLoss.otherTerm(after[i][c]) <= 1);
          moved |= after[i][c] != before[i][c];
        }
      }
      assertTrue(moved, "v should have been trained");
    }
  }

  @Test
  void projectionKeepsUAndVInUnitBox() {
    SopObjective objective = started(config(SopVariant.REPO_HEAD, 0, true, false), 1e4, 1e4, 1);
    run(objective, 60, 3);
    for (double x : objective.u()) {
      assertTrue(Math.abs(x) <= 1);
    }
    for (double[] row : objective.v()) {
      for (double x : row) {
        assertTrue(Math.abs(x) <= 1);
      }
    }
  }

  @Test
  void onlyTheBatchRowsAreUpdated() {
    SopObjective objective = started(config(SopVariant.REPO_HEAD, 0, false, false), 1, 10, 1);
    double[] u0 = objective.u();
    int[] rows = {2, 5};
    Objective.Step step = new Objective.Step(rows, 2, new int[] {2, 2}, ones(2), 0, 0);
    double[][] logits = {{0, 3, 0}, {3, 0, 0}}; // both predict a class other than their label
    objective.lossAndGradient(step, logits, new double[2][C]);
    objective.afterStep(step);
    double[] u1 = objective.u();
    for (int i = 0; i < N; i++) {
      if (i == 2 || i == 5) {
        assertNotEquals(u0[i], u1[i]);
      } else {
        assertEquals(u0[i], u1[i], 0.0);
      }
    }
  }

  @Test
  void initialisationIsSeededAndDeterministic() {
    SopConfig cfg = config(SopVariant.PAPER, 0, false, false);
    SopObjective a = started(cfg, 1, 10, 42);
    SopObjective b = started(cfg, 1, 10, 42);
    SopObjective c = started(cfg, 1, 10, 43);
    run(a, 20, 5);
    run(b, 20, 5);
    assertArrayEquals(a.u(), b.u(), 0.0);
    assertArrayEquals(a.v(), b.v());
    assertNotEquals(a.u()[0], c.u()[0]);
  }

  @Test
  void ceOnlyIsPlainSoftmaxCrossEntropy() {
    SopObjective objective = started(config(SopVariant.PAPER, 0.9, false, true), 1, 10, 1);
    assertEquals(1, objective.views());
    double[][] logits = {{1, 2, 0.5}, {0, 0, 0}};
    int[] rows = {0, 4};
    double[][] d = new double[2][C];
    Objective.Step step = new Objective.Step(rows, 2, new int[] {0, 1}, ones(2), 0, 0);
    double value = objective.lossAndGradient(step, logits, d);
    double[] p0 = SoftmaxCrossEntropy.softmax(logits[0]);
    assertEquals(-(Math.log(p0[0]) + Math.log(1 / 3.0)) / 2, value, 1e-12);
    assertEquals((p0[0] - 1) / 2, d[0][0], 1e-15);
    assertEquals((1 / 3.0 - 1) / 2, d[1][1], 1e-15);
    objective.afterStep(step);
    assertArrayEquals(new double[N], objective.u(), 0.0);
    assertNull(objective.noiseReport());
  }

  @Test
  void secondViewAddsSeededNoiseAndMasks() {
    SopConfig cfg = SopConfig.builder().scaling(UvLrScaling.NONE).lambdaConsistency(0.9).viewNoiseStd(0.5)
        .viewMaskProb(0.5).build();
    SopObjective objective = started(cfg, 1, 10, 1);
    assertEquals(2, objective.views());
    float[][] x1 = new float[20][10];
    float[][] x2 = new float[20][10];
    objective.makeView(1, x1, new SplittableRandom(9));
    objective.makeView(1, x2, new SplittableRandom(9));
    int zeros = 0;
    for (int i = 0; i < 20; i++) {
      assertArrayEquals(x1[i], x2[i]);
      for (float f : x1[i]) {
        zeros += f == 0f ? 1 : 0;
      }
    }
    assertTrue(zeros > 60 && zeros < 140, "about half the entries masked, got " + zeros);
  }

  @Test
  void empiricalPriorIsClassFrequency() {
    assertArrayEquals(new double[] {0.75, 0.25}, SopObjective.prior(new int[] {0, 0, 1, 0}, 2, BalancePrior.EMPIRICAL), 1e-15);
    assertArrayEquals(new double[] {0.5, 0.5}, SopObjective.prior(new int[] {0, 0, 1, 0}, 2, BalancePrior.UNIFORM), 0);
  }

  /** The collapse guard's class-frequency rule and the divergence message know SOP's loss is its own. */
  @Test
  void lossScaleAndDivergenceHintFollowTheVariant() {
    SopObjective sop = new SopObjective(config(SopVariant.PAPER, 0.5, false, false), 1, 10);
    assertFalse(sop.lossIsCrossEntropy());
    assertTrue(sop.divergenceHint().contains("-lambda-consistency (now 0.5)"), sop.divergenceHint());
    SopObjective ceOnly = new SopObjective(config(SopVariant.PAPER, 0, false, true), 1, 10);
    assertTrue(ceOnly.lossIsCrossEntropy());
    assertEquals("", ceOnly.divergenceHint());
  }
}
