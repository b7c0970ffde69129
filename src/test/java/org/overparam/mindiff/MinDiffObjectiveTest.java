// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.overparam.nn.Objective;
import org.overparam.nn.TrainingSet;

class MinDiffObjectiveTest {
  /** Central differences in double precision on a smooth objective. */
  private static final double FD_TOL = 1e-6;

  private static final int N = 40;
  private static final int[] ALL_ROWS = java.util.stream.IntStream.range(0, N).toArray();

  /** 40 rows; rows 0..9 and 20..29 are in S; labels cycle 0,1,2 (class 1 is positive). */
  private static TrainingSet data(int numClasses) {
    float[][] x = new float[N][1];
    int[] labels = new int[N];
    double[] w = new double[N];
    for (int i = 0; i < N; i++) {
      labels[i] = i % numClasses;
      w[i] = 0.5 + (i % 4) * 0.25;
    }
    return new TrainingSet(x, labels, w, numClasses);
  }

  private static boolean[] groups() {
    boolean[] s = new boolean[N];
    for (int i = 0; i < N; i++) {
      s[i] = (i / 10) % 2 == 0;
    }
    return s;
  }

  private static MinDiffConfig config(double lambda, Kernel kernel, double flood, int mdBatch, MinDiffLabel label) {
    return MinDiffConfig.builder().lambda(lambda).kernel(kernel).kernelLength(0.3).mindiffBatchSize(mdBatch)
        .floodLevel(flood).label(label).build();
  }

  /** A step over minibatch rows 0..7 plus the objective's extra rows. */
  private static Objective.Step step(MinDiffObjective obj, TrainingSet d) {
    int[] batch = {0, 1, 2, 3, 4, 5, 6, 7};
    int[] extra = obj.extraRows(batch);
    int[] rows = new int[batch.length + extra.length];
    System.arraycopy(batch, 0, rows, 0, batch.length);
    System.arraycopy(extra, 0, rows, batch.length, extra.length);
    int[] labels = new int[rows.length];
    double[] w = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      labels[i] = d.labels()[rows[i]];
      w[i] = d.weights()[rows[i]];
    }
    return new Objective.Step(rows, batch.length, labels, w, 0, 0);
  }

  private static double[][] randomLogits(int rows, int c, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] l = new double[rows][c];
    for (double[] row : l) {
      for (int k = 0; k < c; k++) {
        row[k] = rng.nextDouble(-2, 2);
      }
    }
    return l;
  }

  @ParameterizedTest(name = "{0} classes, {1}, flood {2}")
  @CsvSource({"2, GAUSSIAN, 0", "2, LAPLACIAN, 0", "2, GAUSSIAN, 5.0", "3, GAUSSIAN, 0.2", "3, LAPLACIAN, 5.0"})
  void gradientMatchesFiniteDifferences(int numClasses, Kernel kernel, double flood) {
    TrainingSet d = data(numClasses);
    MinDiffObjective obj = new MinDiffObjective(config(1.5, kernel, flood, 5, MinDiffLabel.POSITIVE), groups());
    obj.begin(d, ALL_ROWS, new SplittableRandom(1));
    Objective.Step step = step(obj, d);
    double[][] logits = randomLogits(step.rows().length, numClasses, 5);
    double[][] grad = new double[logits.length][numClasses];
    obj.lossAndGradient(step, logits, grad);
    double[][] scratch = new double[logits.length][numClasses];
    double h = 1e-6;
    for (int r = 0; r < logits.length; r++) {
      for (int k = 0; k < numClasses; k++) {
        double keep = logits[r][k];
        logits[r][k] = keep + h;
        double up = obj.lossAndGradient(step, logits, scratch);
        logits[r][k] = keep - h;
        double down = obj.lossAndGradient(step, logits, scratch);
        logits[r][k] = keep;
        assertEquals((up - down) / (2 * h), grad[r][k], FD_TOL, "row " + r + " class " + k);
      }
    }
  }

  @Test
  void floodingFlipsTheTaskGradientBelowTheFloodLevel() {
    TrainingSet d = data(2);
    double[][] logits = randomLogits(8, 2, 9);
    MinDiffObjective plain = new MinDiffObjective(config(0, Kernel.GAUSSIAN, 0, 4, MinDiffLabel.POSITIVE), groups());
    plain.begin(d, ALL_ROWS, new SplittableRandom(1));
    Objective.Step step = step(plain, d);
    double[][] g0 = new double[8][2];
    double task = plain.lossAndGradient(step, logits, g0);

    MinDiffObjective flooded = new MinDiffObjective(
        config(0, Kernel.GAUSSIAN, task + 0.5, 4, MinDiffLabel.POSITIVE), groups());
    flooded.begin(d, ALL_ROWS, new SplittableRandom(1));
    double[][] g1 = new double[8][2];
    assertEquals(task + 1.0, flooded.lossAndGradient(step, logits, g1), 1e-12, "|L - b| + b with L < b");
    for (int r = 0; r < 8; r++) {
      for (int k = 0; k < 2; k++) {
        assertEquals(-g0[r][k], g1[r][k], 0.0);
      }
    }
    // One gradient step on the logits therefore increases the task loss.
    for (int r = 0; r < 8; r++) {
      for (int k = 0; k < 2; k++) {
        logits[r][k] -= 0.5 * g1[r][k];
      }
    }
    double after = plain.lossAndGradient(step, logits, new double[8][2]);
    assertTrue(after > task, "task loss " + task + " -> " + after);
  }

  @Test
  void minDiffBatchesHoldOnlyTheChosenLabelAndCycleGroups() {
    TrainingSet d = data(2);
    boolean[] s = groups();
    int b = 7;
    for (MinDiffLabel label : MinDiffLabel.values()) {
      MinDiffObjective obj = new MinDiffObjective(config(1, Kernel.GAUSSIAN, 0, b, label), s);
      obj.begin(d, ALL_ROWS, new SplittableRandom(3));
      Map<Integer, Integer> seen = new HashMap<>();
      int steps = 6; // 42 draws per group from 10 eligible rows: every row cycles 4-5 times
      for (int t = 0; t < steps; t++) {
        int[] extra = obj.extraRows(new int[] {0});
        assertEquals(2 * b, extra.length);
        for (int i = 0; i < extra.length; i++) {
          int row = extra[i];
          assertEquals(i < b, s[row], "first half S, second half R");
          assertTrue(label.selects(d.labels()[row] == 1), "label of row " + row);
          seen.merge(row, 1, Integer::sum);
        }
      }
      assertEquals(20, seen.size(), "all 10 eligible rows of each group are used");
      for (int count : seen.values()) {
        assertTrue(count == 4 || count == 5, "cycling draws each row 4 or 5 times, got " + count);
      }
    }
  }

  @Test
  void minDiffBatchesComeOnlyFromTheTrainRows() {
    TrainingSet d = data(2);
    int[] trainRows = java.util.stream.IntStream.range(0, N).filter(i -> i % 4 != 1).toArray();
    MinDiffObjective obj = new MinDiffObjective(config(1, Kernel.GAUSSIAN, 0, 9, MinDiffLabel.POSITIVE), groups());
    obj.begin(d, trainRows, new SplittableRandom(3));
    for (int t = 0; t < 5; t++) {
      for (int row : obj.extraRows(new int[] {0})) {
        assertTrue(row % 4 == 3, "held-out row " + row + " (or a negative) in a MinDiff batch");
      }
    }
  }

  @Test
  void epochMetricsReportTheTrainingMmd() {
    TrainingSet d = data(2);
    MinDiffObjective obj = new MinDiffObjective(config(1, Kernel.GAUSSIAN, 0, 4, MinDiffLabel.POSITIVE), groups());
    obj.begin(d, ALL_ROWS, new SplittableRandom(1));
    Objective.Step step = step(obj, d);
    double[][] logits = randomLogits(step.rows().length, 2, 2);
    obj.lossAndGradient(step, logits, new double[logits.length][2]);
    Map<String, Double> m = obj.epochMetrics();
    assertTrue(m.get("MMD/training") > 0);
    assertEquals(1, obj.mmdHistory().size());
  }

  @Test
  void emptyGroupCellIsAClearError() {
    TrainingSet d = data(2);
    boolean[] s = new boolean[N];
    s[0] = true; // the only S row has label 0: no positive S rows
    MinDiffObjective obj = new MinDiffObjective(config(1, Kernel.GAUSSIAN, 0, 4, MinDiffLabel.POSITIVE), s);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> obj.begin(d, ALL_ROWS, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("sensitive group has no positive"), e.getMessage());
  }

  @Test
  void configMessagesNameTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MinDiffConfig.builder().lambda(-1).mindiffBatchSize(8).build());
    assertTrue(e.getMessage().contains("lambda"));
    e = assertThrows(IllegalArgumentException.class,
        () -> MinDiffConfig.builder().lambda(1).mindiffBatchSize(0).build());
    assertTrue(e.getMessage().contains("mindiff-batch-size"));
    e = assertThrows(IllegalArgumentException.class,
        () -> MinDiffConfig.builder().lambda(1).mindiffBatchSize(8).floodLevel(Double.NaN).build());
    assertTrue(e.getMessage().contains("flood-level"));
  }
}
