// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.overparam.mindiff.GroupMetrics;
import org.overparam.mindiff.MinDiffConfig;
import org.overparam.mindiff.MinDiffLabel;
import org.overparam.mindiff.MinDiffObjective;
import org.overparam.mindiff.PositiveScore;
import org.overparam.mindiff.ThresholdSearch;
import org.overparam.nn.EpochSelection;
import org.overparam.nn.NetworkModel;
import org.overparam.nn.TrainingSet;
import weka.core.Instances;

/**
 * What {@code MinDiffNetwork} reports after training: the groups, the per-group rates at
 * probability 0.5 on the training rows and the validation split, the fairness-constrained
 * validation error with its thresholds, and per epoch the task loss, the training MMD and the
 * constrained validation error. Serializable, so a saved model keeps its report.
 *
 * @param summary option summary lines
 * @param inactiveReason why MinDiff was switched off, or null
 * @param cellSizes training rows the MinDiff batches drew from in S and R
 * @param train rates on the rows the network was trained on
 * @param validation rates on the validation split, or null without one
 * @param validationChoice constrained thresholds chosen on the validation split, or null
 * @param taskLoss mean task loss per epoch
 * @param trainMmd mean minibatch MMD per epoch (empty when inactive)
 * @param validationError constrained validation error per epoch (empty without a validation split)
 * @param validationLoss validation cross-entropy per epoch, the tie-break of the early stopping (as
 *     validationError; null in a model saved before the tie-break, which kept the first lowest error)
 * @param gapTolerance epsilon of the constrained error
 */
public record MinDiffReport(String summary, String inactiveReason, int[] cellSizes, GroupMetrics train,
    GroupMetrics validation, ThresholdSearch.Choice validationChoice, List<Double> taskLoss, List<Double> trainMmd,
    List<Double> validationError, List<Double> validationLoss, double gapTolerance, MinDiffLabel label,
    String sensitiveName)
    implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
  /** History rows printed at most (evenly spaced, always including the last epoch). */
  private static final int MAX_HISTORY_ROWS = 25;

  /** Builds the report from the trained network and the training run's objective. */
  public static MinDiffReport of(NetworkModel model, Instances train, TrainingSet set, MinDiffObjective objective,
      boolean[] membership, int positive, MinDiffConfig config, SensitiveAttribute group, boolean sensitiveAsInput,
      String inactiveReason, List<Double> validationHistory, List<Double> validationLossHistory) {
    double[][] logits = model.logits(set.x());
    int[] trainRows = objective.trainRows();
    boolean[] isTrain = new boolean[set.size()];
    for (int r : trainRows) {
      isTrain[r] = true;
    }
    int[] validRows = java.util.stream.IntStream.range(0, set.size()).filter(r -> !isTrain[r]).toArray();
    ThresholdSearch search = ThresholdSearch.withTolerance(config.gapTolerance());
    Rows tr = Rows.of(logits, trainRows, set, membership, positive);
    GroupMetrics trainMetrics = GroupMetrics.atHalf(tr.score, tr.positive, tr.sensitive, tr.weight);
    GroupMetrics validMetrics = null;
    ThresholdSearch.Choice choice = null;
    if (validRows.length > 0 && group != null) {
      Rows va = Rows.of(logits, validRows, set, membership, positive);
      validMetrics = GroupMetrics.atHalf(va.score, va.positive, va.sensitive, va.weight);
      choice = search.search(va.score, va.positive, va.sensitive, va.weight, config.label());
    }
    StringBuilder s = new StringBuilder();
    String pos = train.classAttribute().value(positive);
    if (group != null) {
      s.append("Groups: S = {").append(group.describe()).append("}, R = all other instances; ")
          .append(group.name()).append(sensitiveAsInput ? " is" : " is not").append(" a network input\n");
    }
    s.append("Positive class: ").append(pos).append("; MinDiff rows: ")
        .append(config.label().name().toLowerCase()).append(" (equalises ").append(config.label().rateName())
        .append(")\n");
    s.append(String.format("lambda %s, %s kernel, length %s, %d rows per group per step, flood level %s%n",
        config.lambda(), config.kernel(), config.kernelLength(), config.mindiffBatchSize(), config.floodLevel()));
    return new MinDiffReport(s.toString(), inactiveReason, objective.cellSizes(), trainMetrics, validMetrics, choice,
        List.copyOf(objective.taskLossHistory()), List.copyOf(objective.mmdHistory()), List.copyOf(validationHistory),
        List.copyOf(validationLossHistory), config.gapTolerance(), config.label(), group == null ? "" : group.value());
  }

  /** Scores and labels of a subset of the training set. */
  private record Rows(double[] score, boolean[] positive, boolean[] sensitive, double[] weight) {
    static Rows of(double[][] logits, int[] rows, TrainingSet set, boolean[] membership, int pos) {
      int n = rows.length;
      Rows r = new Rows(new double[n], new boolean[n], new boolean[n], new double[n]);
      for (int i = 0; i < n; i++) {
        r.score[i] = PositiveScore.of(logits[rows[i]], pos);
        r.positive[i] = set.labels()[rows[i]] == pos;
        r.sensitive[i] = membership[rows[i]];
        r.weight[i] = set.weights()[rows[i]];
      }
      return r;
    }
  }

  /** Whether MinDiff had its groups (false when it was switched off; lambda may still be 0). */
  public boolean active() {
    return inactiveReason == null;
  }

  /**
   * The 1-based epoch that early stopping restored, or 0: the lowest constrained validation error, ties
   * to the lower validation cross-entropy (the trainer's {@link EpochSelection} rule, applied to the same
   * figures).
   */
  public int bestEpoch() {
    return EpochSelection.select(validationError, validationLoss);
  }

  /** The text for {@code toString()}. */
  public String format() {
    StringBuilder sb = new StringBuilder("\nMinDiff\n");
    if (!active()) {
      sb.append("*** MinDiff is INACTIVE: this is a plain network. Reason: ").append(inactiveReason)
          .append(". Set -sensitive-attribute. ***\n");
    }
    sb.append(summary);
    if (active() && trainMmd.size() > 0) {
      sb.append(String.format("MinDiff batches drawn from %d (S) and %d (R) training instances%n", cellSizes[0],
          cellSizes[1]));
    }
    sb.append("\nTraining data, rates at probability 0.5:\n").append(GroupFairnessReport.ratesTable(train, sensitiveName));
    if (validation != null) {
      sb.append("\nValidation split, rates at probability 0.5:\n")
          .append(GroupFairnessReport.ratesTable(validation, sensitiveName));
      sb.append("\nFairness-constrained validation error (").append(label.rateName()).append(" gap <= ")
          .append(gapTolerance).append("): ").append(GroupFairnessReport.choice(validationChoice, label, gapTolerance))
          .append('\n');
      if (bestEpoch() > 0) {
        sb.append("Early stopping selected epoch ").append(bestEpoch()).append(validationLoss == null
            ? " (lowest constrained validation error)\n"
            : " (lowest constrained validation error; among equal ones, lowest validation cross-entropy)\n");
      } else {
        sb.append("No epoch had feasible thresholds; the final weights are kept\n");
      }
    }
    sb.append(history());
    return sb.toString();
  }

  private String history() {
    int n = taskLoss.size();
    if (n == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder("\nBy epoch (a training MMD near 0 alone does not make the groups' rates "
        + "equal on new data: see the validation rates above)\n");
    sb.append(String.format("  %6s %12s %12s %16s%n", "epoch", "task loss", "train MMD", "val. constr. err"));
    int step = Math.max(1, (int) Math.ceil(n / (double) MAX_HISTORY_ROWS));
    for (int e = 0; e < n; e++) {
      if (e % step != 0 && e != n - 1) {
        continue;
      }
      sb.append(String.format("  %6d %12s %12s %16s%n", e + 1, GroupFairnessReport.num(taskLoss.get(e)),
          e < trainMmd.size() ? String.format("%.6f", trainMmd.get(e)) : "-",
          e < validationError.size() ? GroupFairnessReport.num(validationError.get(e)) : "-"));
    }
    return sb.toString();
  }
}
