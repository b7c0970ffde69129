// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConfidentLearningTest {
  private static final double TOL = 1e-12;

  /*
   * Ten instances, three classes, worked out by hand.
   *
   *   i  given  p0    p1    p2
   *   0  0      0.80  0.10  0.10
   *   1  0      0.75  0.15  0.10
   *   2  0      0.20  0.70  0.10   <- looks like a 1
   *   3  1      0.10  0.80  0.10
   *   4  1      0.30  0.40  0.30   <- unsure
   *   5  1      0.10  0.15  0.75   <- looks like a 2
   *   6  2      0.10  0.10  0.80
   *   7  2      0.10  0.20  0.70
   *   8  2      0.05  0.50  0.45   <- leans to 1, but below t1
   *   9  1      0.10  0.70  0.20
   *
   * Thresholds: t0 = (0.8 + 0.75 + 0.2) / 3 = 0.58333, t1 = (0.8 + 0.4 + 0.15 + 0.7) / 4 = 0.5125,
   * t2 = (0.8 + 0.7 + 0.45) / 3 = 0.65.
   * Confident classes: 0 → 0, 1 → 0, 2 → 1, 3 → 1, 4 → none (0.3 < t0, 0.4 < t1, 0.3 < t2), 5 → 2,
   * 6 → 2, 7 → 2, 8 → none (0.5 < t1, 0.45 < t2), 9 → 1.
   * Raw joint C[given][true] = [[2,1,0],[0,2,1],[0,0,2]], row sums 3, 3, 2; given counts 3, 4, 3.
   * Calibration: row 1 × 4/3 = [0, 2.667, 1.333] → [0, 3, 1]; row 2 × 3/2 = [0, 0, 3]; total 10 = n.
   * Calibrated = [[2,1,0],[0,3,1],[0,0,3]]: one issue in class 0 (into 1), one in class 1 (into 2).
   * Prune by noise rate: class 0 into 1, largest p1 − p0: instance 2 (0.5; 0: −0.7, 1: −0.6).
   * Class 1 into 2, largest p2 − p1: instance 5 (0.6; 3: −0.7, 4: −0.1, 9: −0.5). Both are
   * predicted other than given, so they stay. By self-confidence: 5 (0.15), then 2 (0.20).
   * Full self-confidence order: 5 .15, 2 .2, 4 .4, 8 .45, 7 .7, 9 .7, 1 .75, 0 .8, 3 .8, 6 .8.
   * Normalized margins: 0 .7, 1 .6, 2 −.5, 3 .7, 4 .1, 5 −.6, 6 .7, 7 .5, 8 −.05, 9 .5, so the margin
   * order puts 8 (−0.05) before 4 (0.1).
   */
  static final int[] LABELS = {0, 0, 0, 1, 1, 1, 2, 2, 2, 1};
  static final double[][] PROBS = {
    {0.80, 0.10, 0.10}, {0.75, 0.15, 0.10}, {0.20, 0.70, 0.10}, {0.10, 0.80, 0.10}, {0.30, 0.40, 0.30},
    {0.10, 0.15, 0.75}, {0.10, 0.10, 0.80}, {0.10, 0.20, 0.70}, {0.05, 0.50, 0.45}, {0.10, 0.70, 0.20}};

  @Test
  void thresholdsConfidentClassesAndJointOfTheHandExample() {
    ConfidentJoint j = ConfidentJoint.compute(LABELS, PROBS, 3);
    assertArrayEquals(new double[] {1.75 / 3, 2.05 / 4, 1.95 / 3}, j.thresholds(), TOL);
    int[] confident = new int[LABELS.length];
    for (int i = 0; i < confident.length; i++) {
      confident[i] = j.confidentClass(i);
    }
    assertArrayEquals(new int[] {0, 0, 1, 1, -1, 2, 2, 2, -1, 1}, confident);
    assertArrayEquals(new int[][] {{2, 1, 0}, {0, 2, 1}, {0, 0, 2}}, j.counts());
    assertArrayEquals(new int[][] {{2, 1, 0}, {0, 3, 1}, {0, 0, 3}}, j.calibrated());
    assertArrayEquals(new int[] {1, 1, 0}, j.numIssuesPerClass());
    assertEquals(2, j.numIssues());
  }

  @Test
  void everyFilterFindsTheTwoIssuesOfTheHandExample() {
    for (IssueFilter f : IssueFilter.values()) {
      ConfidentLearning.Result r = ConfidentLearning.find(LABELS, PROBS, 3, f, QualityScore.SELF_CONFIDENCE);
      assertArrayEquals(new int[] {5, 2}, r.issues(), f.name());
    }
  }

  /**
   * Uninformative probabilities (a classifier on constant features gives every instance the class frequencies):
   * a given label tied for the most probable is no issue, whichever class the tie would be broken towards.
   */
  @Test
  void aGivenLabelTiedForTheMostProbableIsNoIssue() {
    int[] labels = {0, 1, 0, 1, 0, 1, 0, 1};
    double[][] probs = new double[labels.length][];
    java.util.Arrays.setAll(probs, i -> new double[] {0.5, 0.5});
    for (IssueFilter f : IssueFilter.values()) {
      assertArrayEquals(new int[0], ConfidentLearning.find(labels, probs, 2, f, QualityScore.SELF_CONFIDENCE).issues(),
          f.name());
    }
  }

  @Test
  void fullRankingsOfTheHandExample() {
    assertArrayEquals(new int[] {5, 2, 4, 8, 7, 9, 1, 0, 3, 6}, IssueRanking.selfConfidence(LABELS, PROBS, 3).order());
    IssueRanking margin = IssueRanking.confidentLearning(LABELS, PROBS, 3, IssueFilter.PRUNE_BY_NOISE_RATE,
        QualityScore.NORMALIZED_MARGIN);
    assertArrayEquals(new int[] {5, 2, 8, 4, 7, 9, 1, 0, 3, 6}, margin.order());
    assertEquals(2, margin.numListed());
    assertEquals(1, margin.suggested()[2]);
    assertEquals(2, margin.suggested()[5]);
    assertEquals(-0.6, QualityScore.NORMALIZED_MARGIN.score(PROBS[5], 1), TOL);
  }

  @Test
  void severalClassesAboveThresholdTakeTheMostProbableOfThem() {
    // t0 = (0.9 + 0.3) / 2 = 0.6, t1 = (0.3 + 0.2) / 2 = 0.25, t2 = (0.1 + 0.2) / 2 = 0.15.
    // Instance 2, p = (0.5, 0.3, 0.2): 0.5 < t0, 0.3 >= t1, 0.2 >= t2, so it is confidently in 1,
    // the more probable of the two (cleanlab would take the overall arg-max, 0, below its threshold).
    // Instance 0: only 0.9 >= t0 → 0. Instance 1, p = (0.3, 0.4, 0.3): 1 and 2 → 1.
    int[] labels = {0, 0, 1, 1, 2, 2};
    double[][] probs = {{0.9, 0.05, 0.05}, {0.3, 0.4, 0.3}, {0.5, 0.3, 0.2}, {0.8, 0.2, 0.0}, {0.8, 0.1, 0.1},
      {0.7, 0.1, 0.2}};
    ConfidentJoint j = ConfidentJoint.compute(labels, probs, 3);
    assertArrayEquals(new double[] {0.6, 0.25, 0.15}, j.thresholds(), TOL);
    assertEquals(0, j.confidentClass(0));
    assertEquals(1, j.confidentClass(1));
    assertEquals(1, j.confidentClass(2));
  }

  @Test
  void roundingKeepsRowTotals() {
    assertArrayEquals(new int[] {0, 3, 1}, ConfidentJoint.roundPreservingTotal(new double[] {0, 8 / 3.0, 4 / 3.0}, 4));
    assertArrayEquals(new int[] {1, 1, 1}, ConfidentJoint.roundPreservingTotal(new double[] {1, 1, 1}, 3));
    assertArrayEquals(new int[] {3, 0}, ConfidentJoint.roundPreservingTotal(new double[] {2.9999999999, 0}, 3));
  }

  @Test
  void everyClassKeepsOneInstance() {
    // t0 = t1 = 0.8, t2 = 0.1. Instance 4 (given 2, p = (0.85, 0.05, 0.1)) is confident in 0 and 2
    // → 0; instance 5 (given 2, p = (0.05, 0.85, 0.1)) → 1. Raw row 2 = [1, 1, 0], its diagonal
    // raised to 1: [1, 1, 1]; calibrated to 2 instances: [2/3, 2/3, 2/3] → [1, 1, 0] (ties to the
    // lower index), so class 2 would lose both. The rule takes one back from the largest
    // off-diagonal cell (the first): [0, 1, 1], and only instance 5 (into 1) is reported.
    int[] labels = {0, 0, 1, 1, 2, 2};
    double[][] probs = {{0.8, 0.1, 0.1}, {0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.8, 0.1}, {0.85, 0.05, 0.1},
      {0.05, 0.85, 0.1}};
    ConfidentJoint j = ConfidentJoint.compute(labels, probs, 3);
    assertArrayEquals(new int[] {1, 1, 0}, j.calibrated()[2]);
    assertArrayEquals(new int[] {0, 1, 1}, ConfidentLearning.pruneCounts(j)[2]);
    ConfidentLearning.Result r = ConfidentLearning.find(labels, probs, 3, IssueFilter.PRUNE_BY_NOISE_RATE,
        QualityScore.SELF_CONFIDENCE);
    assertArrayEquals(new int[] {5}, r.issues());
  }

  @Test
  void findsSyntheticFlipsWithHighPrecision() {
    // Out-of-sample probabilities of a decent model of the TRUE labels (right class gets most mass,
    // with noise), 10% of the labels then flipped: confident learning should list mostly flips.
    SplittableRandom rng = new SplittableRandom(7);
    int n = 2000;
    int c = 5;
    int[] truth = new int[n];
    int[] given = new int[n];
    double[][] probs = new double[n][c];
    boolean[] wrong = new boolean[n];
    for (int i = 0; i < n; i++) {
      truth[i] = rng.nextInt(c);
      double sum = 0;
      for (int j = 0; j < c; j++) {
        probs[i][j] = rng.nextDouble() + (j == truth[i] ? 2.5 * rng.nextDouble() + 0.5 : 0);
        sum += probs[i][j];
      }
      for (int j = 0; j < c; j++) {
        probs[i][j] /= sum;
      }
      given[i] = truth[i];
      if (rng.nextDouble() < 0.1) {
        given[i] = (truth[i] + 1 + rng.nextInt(c - 1)) % c;
        wrong[i] = true;
      }
    }
    for (IssueFilter f : IssueFilter.values()) {
      ConfidentLearning.Result r = ConfidentLearning.find(given, probs, c, f, QualityScore.SELF_CONFIDENCE);
      int hits = 0;
      for (int i : r.issues()) {
        hits += wrong[i] ? 1 : 0;
      }
      double precision = (double) hits / r.issues().length;
      assertTrue(precision > 0.8, f + ": precision " + precision + " over " + r.issues().length);
      assertTrue(r.issues().length > 100, f + ": only " + r.issues().length + " issues");
    }
    int flipped = 0;
    for (boolean w : wrong) {
      flipped += w ? 1 : 0;
    }
    int estimate = ConfidentJoint.compute(given, probs, c).numIssues();
    assertTrue(Math.abs(estimate - flipped) < 0.3 * flipped, "estimate " + estimate + " vs " + flipped + " flipped");
    IssueRanking ranked = IssueRanking.confidentLearning(given, probs, c, IssueFilter.PRUNE_BY_NOISE_RATE,
        QualityScore.SELF_CONFIDENCE);
    assertTrue(DetectionMetrics.rocAuc(ranked.suspicion(), wrong) > 0.9);
  }

  @Test
  void badInputIsRefusedWithTheInstance() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfidentJoint.compute(new int[] {0, 3}, new double[][] {{1, 0}, {0, 1}}, 2));
    assertTrue(e.getMessage().contains("instance 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ConfidentJoint.compute(new int[] {0, 1}, new double[][] {{1, 0}, {0.2, 0.2}}, 2));
    assertTrue(e.getMessage().contains("sum to 0.4"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ConfidentJoint.compute(new int[] {0}, new double[][] {{1}}, 1));
    assertThrows(IllegalArgumentException.class,
        () -> ConfidentJoint.compute(new int[] {0, 1}, new double[][] {{1, 0}}, 2));
  }

  @Test
  void aClassWithoutInstancesIsNeverConfident() {
    ConfidentJoint j = ConfidentJoint.compute(new int[] {0, 1, 0}, new double[][] {{0.5, 0.2, 0.3},
        {0.1, 0.6, 0.3}, {0.2, 0.2, 0.6}}, 3);
    assertEquals(Double.POSITIVE_INFINITY, j.thresholds()[2]);
    assertEquals(-1, j.confidentClass(2));
  }
}
