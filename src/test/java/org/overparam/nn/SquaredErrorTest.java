// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Squared error for regression: its gradient, the target standardisation, and training with it. */
class SquaredErrorTest {
  /** Central differences in double precision agree with the analytic gradient to this (relative). */
  private static final double GRADIENT_TOLERANCE = 1e-7;

  /** y = 3·x0 − 2·x1 + x2·x3 + noise, in 4-D. */
  static double[][] regression(int n, long seed, double[] y) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][4];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = rng.nextGaussian();
      }
      y[i] = 3 * x[i][0] - 2 * x[i][1] + x[i][2] * x[i][3] + 0.1 * rng.nextGaussian();
    }
    return x;
  }

  static TrainingSet set(int n, long seed) {
    double[] y = new double[n];
    double[][] xd = regression(n, seed, y);
    float[][] x = new float[n][4];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = (float) xd[i][j];
      }
      w[i] = 1 + (i % 3); // weights 1..3: the loss must use them
    }
    RegressionTarget t = RegressionTarget.fit(y, w);
    return TrainingSet.regression(x, t.standardise(y), w);
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    TrainingSet data = set(12, 3);
    SquaredError loss = new SquaredError(1);
    int[] all = java.util.stream.IntStream.range(0, data.size()).toArray();
    loss.begin(data, all, new SplittableRandom(1));
    int[] rows = {0, 3, 5, 7, 11};
    double[] weights = new double[rows.length];
    for (int r = 0; r < rows.length; r++) {
      weights[r] = data.weights()[rows[r]];
    }
    Objective.Step step = new Objective.Step(rows, rows.length, new int[rows.length], weights, 0, 0);
    SplittableRandom rng = new SplittableRandom(5);
    double[][] z = new double[rows.length][1];
    for (double[] row : z) {
      row[0] = rng.nextGaussian() * 2;
    }
    double[][] grad = new double[rows.length][1];
    double l0 = loss.lossAndGradient(step, z, grad);
    assertTrue(l0 > 0);
    double h = 1e-6;
    for (int r = 0; r < rows.length; r++) {
      double keep = z[r][0];
      z[r][0] = keep + h;
      double up = loss.lossAndGradient(step, z, new double[rows.length][1]);
      z[r][0] = keep - h;
      double down = loss.lossAndGradient(step, z, new double[rows.length][1]);
      z[r][0] = keep;
      double numeric = (up - down) / (2 * h);
      assertEquals(numeric, grad[r][0], GRADIENT_TOLERANCE * Math.max(1, Math.abs(numeric)), "row " + r);
    }
    // and the value: ½ mean of w/w̄ · e²
    double meanWeight = data.meanWeight();
    double expected = 0;
    for (int r = 0; r < rows.length; r++) {
      double e = z[r][0] - data.targets()[rows[r]];
      expected += weights[r] / meanWeight * 0.5 * e * e / rows.length;
    }
    assertEquals(expected, l0, 1e-12);
  }

  @Test
  void standardisationRoundTripsAndIsWeighted() {
    double[] y = {1, 2, 3, 10};
    double[] w = {1, 1, 1, 0};
    RegressionTarget t = RegressionTarget.fit(y, w);
    assertEquals(2, t.mean(), 1e-15);
    assertEquals(Math.sqrt(2.0 / 3), t.sd(), 1e-15);
    for (double v : y) {
      assertEquals(v, t.toTarget(t.standardise(v)), 1e-14);
    }
    // extreme magnitudes: an offset of 1e12 and a scale of 1e-200 keep the spread
    double[] big = {1e12 + 1, 1e12 + 2, 1e12 + 3};
    RegressionTarget b = RegressionTarget.fit(big, new double[] {1, 1, 1});
    assertEquals(-Math.sqrt(1.5), b.standardise(1e12 + 1), 1e-9);
    assertEquals(1e12 + 3, b.toTarget(b.standardise(1e12 + 3)), 1e-3);
    double[] tiny = {1e-200, 2e-200, 3e-200};
    RegressionTarget s = RegressionTarget.fit(tiny, new double[] {1, 1, 1});
    assertEquals(2e-200, s.mean(), 1e-214);
    assertEquals(Math.sqrt(1.5), s.standardise(3e-200), 1e-12);
  }

  @Test
  void badTargetsAreRefused() {
    IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
        () -> RegressionTarget.fit(new double[] {4, 4, 4}, new double[] {1, 1, 1}));
    assertTrue(constant.getMessage().contains("constant"), constant.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> RegressionTarget.fit(new double[] {0.1, 0.1, 0.1, 7}, new double[] {1, 1, 1, 0}));
    IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
        () -> RegressionTarget.fit(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1, 1}));
    assertTrue(inf.getMessage().contains("row 2") && inf.getMessage().contains("finite"), inf.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> RegressionTarget.fit(new double[] {1, Double.NaN}, new double[] {1, 1}));
    assertThrows(IllegalArgumentException.class, () -> new TrainingSet(new float[][] {{1}}, new int[1],
        new double[] {1}, 2, new double[] {0}));
  }

  private static NetworkTrainer trainer(TrainingSet data, double validation, boolean doubles) {
    NetworkConfig cfg = NetworkConfig.builder().hiddenLayers(32).epochs(40).batchSize(16).learningRate(0.01)
        .l2(1e-5).schedule(LrSchedule.COSINE).validationFraction(validation).patience(40).seed(7)
        .doublePrecision(doubles).build();
    return new NetworkTrainer(cfg, data, new SquaredError(2), null, null, null);
  }

  @Test
  void trainsWithoutTheClassRulesOfTheCollapseGuard() throws InterruptedException {
    TrainingSet data = set(300, 11);
    NetworkTrainer t = trainer(data, 0.2, true);
    t.initialize();
    while (t.nextEpoch()) {
      // train
    }
    NetworkModel m = t.finish();
    assertNull(t.collapse(), "the class rules must not fire for regression");
    assertEquals(1, m.numClasses());
    var history = t.history();
    assertFalse(history.has("accuracy/training"));
    assertTrue(history.has("RMSE/training"));
    assertFalse(t.lastMetrics().containsKey("accuracy/training"));
    assertFalse(t.lastMetrics().containsKey("accuracy/validation"));
    assertTrue(t.lastMetrics().containsKey("RMSE/validation"));
    double lossFirst = history.column("loss/training")[0];
    double lossLast = t.lastMetrics().get("loss/training");
    assertTrue(lossLast < 0.2 * lossFirst, lossFirst + " -> " + lossLast);
    assertTrue(t.lastMetrics().get("loss/validation") < 0.1, t.lastMetrics().toString());
  }

  /** SquaredError whose targets jump by {@code shift} from epoch {@code from} (0-based) on: a loss spike. */
  private static final class JumpingTargets implements Objective {
    private final SquaredError inner = new SquaredError(1);
    private final int from;
    private final double shift;

    JumpingTargets(int from, double shift) {
      this.from = from;
      this.shift = shift;
    }

    @Override
    public void begin(TrainingSet data, int[] trainRows, SplittableRandom rng) {
      inner.begin(data, trainRows, rng);
    }

    @Override
    public double lossAndGradient(Step step, double[][] logits, double[][] dLogits) {
      if (step.epoch() < from) {
        return inner.lossAndGradient(step, logits, dLogits);
      }
      double[][] moved = new double[logits.length][];
      for (int r = 0; r < logits.length; r++) {
        moved[r] = new double[] {logits[r][0] - shift}; // d/dz is unchanged
      }
      return inner.lossAndGradient(step, moved, dLogits);
    }
  }

  @Test
  void theSpikeRuleOfTheCollapseGuardStillApplies() throws InterruptedException {
    TrainingSet data = set(300, 11);
    NetworkTrainer t = new NetworkTrainer(NetworkConfig.builder().hiddenLayers(32).epochs(20).batchSize(16)
        .learningRate(0.01).schedule(LrSchedule.CONSTANT).seed(7).build(), data, new JumpingTargets(4, 10), null, null,
        null);
    t.initialize();
    while (t.nextEpoch()) {
      // until the guard stops it
    }
    t.finish();
    Collapse c = t.collapse();
    assertTrue(c != null && c.epoch() == 5 && c.restoredEpoch() == 4, String.valueOf(c));
    assertTrue(c.reason().contains("more than 10 times"), c.reason());
    assertTrue(t.stoppedEarly());
  }

  @Test
  void sameSeedSameModelBitForBit() throws InterruptedException {
    TrainingSet data = set(100, 2);
    double[][] p = new double[2][];
    for (int k = 0; k < 2; k++) {
      NetworkTrainer t = trainer(data, 0, false);
      t.initialize();
      while (t.nextEpoch()) {
        // train
      }
      p[k] = t.finish().parameters();
    }
    assertTrue(java.util.Arrays.equals(p[0], p[1]));
  }
}
