// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.overparam.common.Checks;
import org.overparam.nn.Objective;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.TrainingSet;

/**
 * The MinDiff training objective for the network engine:
 *
 * <pre>
 *   L = |L_task - b| + b + lambda * MMD(S batch, R batch)
 * </pre>
 *
 * where L_task is the weighted softmax cross-entropy of the minibatch (sigmoid cross-entropy for
 * two classes), b the flood level, and the MMD compares the positive-class scores of two extra
 * batches of {@code mindiff-batch-size} rows each: one from the sensitive group S and one from the
 * reference group R, both restricted to one true label. The extra batches are forwarded through
 * {@link #extraRows} and never enter the task loss. Each group's rows are consumed in a shuffled
 * order and reshuffled when exhausted, so small groups cycle instead of truncating the epoch.
 *
 * <p>Created per training run; it keeps the per-epoch means of the task loss and of the training
 * MMD (the "illusion of fairness" shows as the MMD collapsing to zero).
 */
public final class MinDiffObjective implements Objective {
  /** Rows of the validation MMD in the training history (its kernel sums are quadratic). */
  static final int MAX_MMD_ROWS = 2000;
  private final MinDiffConfig config;
  private final boolean[] sensitive;
  private final MmdPenalty mmd;
  private int[] labels;
  private double[] weights;
  private int numClasses;
  private int[] trainRows;
  private int cellS;
  private int cellR;
  private GroupCycle poolS;
  private GroupCycle poolR;
  private double epochTaskLoss;
  private double epochMmd;
  private int epochSteps;
  private final List<Double> mmdHistory = new ArrayList<>();
  private final List<Double> taskLossHistory = new ArrayList<>();

  /**
   * @param config the MinDiff settings
   * @param sensitive group membership per training row (true: group S, false: reference group R),
   *     indexed like the engine's {@link TrainingSet}
   */
  public MinDiffObjective(MinDiffConfig config, boolean[] sensitive) {
    this.config = config;
    this.sensitive = sensitive.clone();
    this.mmd = new MmdPenalty(config.kernel(), config.kernelLength());
  }

  /** Whether the penalty is on (lambda > 0); a plain (optionally flooded) network otherwise. */
  public boolean active() {
    return config.lambda() > 0;
  }

  @Override
  public String divergenceHint() {
    return config.lambda() > 0 ? " MinDiff's penalty scales the loss too: -lambda (now " + config.lambda() + ")." : "";
  }

  @Override
  public void begin(TrainingSet data, int[] trainRows, SplittableRandom rng) {
    Checks.require(data.size() == sensitive.length, "group membership has " + sensitive.length
        + " rows, the training set " + data.size());
    Checks.require(config.positiveClass() < data.numClasses(), "positive-class " + (config.positiveClass() + 1)
        + " is out of range: the class has " + data.numClasses() + " values");
    labels = data.labels();
    weights = data.weights();
    numClasses = data.numClasses();
    this.trainRows = trainRows.clone();
    if (!active()) {
      return;
    }
    List<Integer> s = new ArrayList<>();
    List<Integer> r = new ArrayList<>();
    // Only rows the optimiser trains on: the validation split must not leak into the penalty.
    for (int i : trainRows) {
      if (weights[i] > 0 && config.label().selects(labels[i] == config.positiveClass())) {
        (sensitive[i] ? s : r).add(i);
      }
    }
    String cell = config.label() == MinDiffLabel.POSITIVE ? "positive" : "negative";
    Checks.require(!s.isEmpty(), "the sensitive group has no " + cell
        + " training instances (check sensitive-value and mindiff-label)");
    Checks.require(!r.isEmpty(), "the reference group has no " + cell
        + " training instances (check sensitive-value and mindiff-label)");
    cellS = s.size();
    cellR = r.size();
    poolS = new GroupCycle(s, rng.split());
    poolR = new GroupCycle(r, rng.split());
  }

  @Override
  public int[] extraRows(int[] batchRows) {
    if (!active()) {
      return NO_ROWS;
    }
    int b = config.mindiffBatchSize();
    int[] extra = new int[2 * b];
    for (int i = 0; i < b; i++) {
      extra[i] = poolS.next();
      extra[b + i] = poolR.next();
    }
    return extra;
  }

  @Override
  public double lossAndGradient(Step step, double[][] logits, double[][] dLogits) {
    int[] rows = step.rows();
    int nb = step.batchRows();
    for (double[] row : dLogits) {
      java.util.Arrays.fill(row, 0);
    }
    double taskLoss = taskLoss(rows, nb, logits, dLogits);
    double sign = Flooding.gradientSign(taskLoss, config.floodLevel());
    for (int r = 0; r < nb; r++) {
      for (int k = 0; k < numClasses; k++) {
        dLogits[r][k] *= sign;
      }
    }
    double penalty = 0;
    int ne = rows.length - nb;
    if (active() && ne > 0) {
      double[] z = new double[ne];
      boolean[] member = new boolean[ne];
      double[] w = new double[ne];
      for (int e = 0; e < ne; e++) {
        int row = rows[nb + e];
        z[e] = PositiveScore.of(logits[nb + e], config.positiveClass());
        member[e] = sensitive[row];
        w[e] = weights[row];
      }
      MmdPenalty.Result m = mmd.onLogits(z, member, w);
      penalty = m.value();
      for (int e = 0; e < ne; e++) {
        PositiveScore.addGradient(logits[nb + e], config.positiveClass(),
            config.lambda() * m.gradient()[e], dLogits[nb + e]);
      }
    }
    epochTaskLoss += taskLoss;
    epochMmd += penalty;
    epochSteps++;
    return Flooding.apply(taskLoss, config.floodLevel()) + config.lambda() * penalty;
  }

  /** Weighted mean cross-entropy of the first nb rows; writes its gradient into dLogits. */
  private double taskLoss(int[] rows, int nb, double[][] logits, double[][] dLogits) {
    double sumW = 0;
    for (int r = 0; r < nb; r++) {
      sumW += weights[rows[r]];
    }
    if (sumW == 0) {
      return 0;
    }
    double loss = 0;
    for (int r = 0; r < nb; r++) {
      double a = weights[rows[r]] / sumW;
      loss += a * SoftmaxCrossEntropy.gradientOfRow(logits[r], labels[rows[r]], a, dLogits[r]);
    }
    return loss;
  }

  /** Mean task loss and training MMD of the epoch just finished; starts the next epoch's means. */
  @Override
  public Map<String, Double> epochMetrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (epochSteps > 0) {
      m.put("task loss (before flooding)", epochTaskLoss / epochSteps);
      taskLossHistory.add(epochTaskLoss / epochSteps);
      if (active()) {
        double meanMmd = epochMmd / epochSteps;
        m.put("MMD/training", meanMmd);
        mmdHistory.add(meanMmd);
      }
    }
    epochTaskLoss = 0;
    epochMmd = 0;
    epochSteps = 0;
    return m;
  }

  /** The per-group rates are the history's "illusion of fairness" picture: they need the training rows. */
  @Override
  public boolean measuresTrainingRows() {
    return true;
  }

  /**
   * The constrained rate (FNR for mindiff-label POSITIVE, FPR for NEGATIVE) of group S and of the
   * reference group R at probability 0.5, and its gap, on the rows of {@code split}.
   */
  @Override
  public Map<String, Double> predictionMetrics(String split, double[][] probabilities, int[] rows) {
    ScoredRows s = ScoredRows.of(probabilities, rows, config.positiveClass(), labels, sensitive, weights);
    GroupMetrics g = GroupMetrics.atHalf(s.score(), s.positive(), s.group(), s.weight());
    String rate = config.label() == MinDiffLabel.POSITIVE ? "FNR" : "FPR";
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(rate + "/" + split + ", group S", g.sensitive().rate(config.label()));
    m.put(rate + "/" + split + ", group R", g.reference().rate(config.label()));
    m.put(rate + " gap/" + split, g.gap(config.label()));
    if (active() && split.equals("validation")) {
      m.put("MMD/validation", cellMmd(s.score(), s.positive(), s.group(), s.weight()));
    }
    return m;
  }

  /**
   * The penalty's MMD between S and R over the rows of the constrained cell (true label as in
   * mindiff-label), at most {@link #MAX_MMD_ROWS} of them (the kernel sums are quadratic); NaN when
   * a group has none.
   */
  private double cellMmd(double[] score, boolean[] positive, boolean[] group, double[] w) {
    List<Integer> cell = new ArrayList<>();
    boolean hasS = false;
    boolean hasR = false;
    for (int r = 0; r < score.length && cell.size() < MAX_MMD_ROWS; r++) {
      if (w[r] > 0 && config.label().selects(positive[r])) {
        cell.add(r);
        hasS |= group[r];
        hasR |= !group[r];
      }
    }
    if (!hasS || !hasR) {
      return Double.NaN;
    }
    double[] z = cell.stream().mapToDouble(r -> score[r]).toArray();
    boolean[] member = new boolean[z.length];
    double[] cw = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      member[k] = group[cell.get(k)];
      cw[k] = w[cell.get(k)];
    }
    return mmd.onLogits(z, member, cw).value();
  }

  /** Mean minibatch task loss (before flooding) of each finished epoch. */
  public List<Double> taskLossHistory() {
    return Collections.unmodifiableList(taskLossHistory);
  }

  /** The rows the optimiser trains on (the rest of the training set is the validation split). */
  public int[] trainRows() {
    return trainRows.clone();
  }

  /** Number of training rows the MinDiff batches draw from in group S and in group R. */
  public int[] cellSizes() {
    return new int[] {cellS, cellR};
  }

  /** Mean minibatch MMD of each finished epoch (empty when the penalty is off). */
  public List<Double> mmdHistory() {
    return Collections.unmodifiableList(mmdHistory);
  }

  /** The rows of one group, served in shuffled order and reshuffled when exhausted. */
  static final class GroupCycle {
    private final int[] rows;
    private final SplittableRandom rng;
    private int next;

    GroupCycle(List<Integer> rows, SplittableRandom rng) {
      this.rows = rows.stream().mapToInt(Integer::intValue).toArray();
      this.rng = rng;
      shuffle();
    }

    int next() {
      if (next == rows.length) {
        shuffle();
      }
      return rows[next++];
    }

    private void shuffle() {
      for (int i = rows.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = rows[i];
        rows[i] = rows[j];
        rows[j] = t;
      }
      next = 0;
    }
  }
}
