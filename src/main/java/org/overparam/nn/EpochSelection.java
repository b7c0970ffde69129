// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import java.util.List;
import org.overparam.common.Checks;

/**
 * Early stopping's choice of epoch: the lowest validation score, and among epochs with the same finite
 * score the lowest validation loss (cross-entropy, or for regression ½ squared error, on the validation
 * rows). The tie-break matters for a score with few distinct values, such as MinDiff's fairness-constrained
 * error: on separable data it reaches 0 after a couple of epochs, and without the tie-break the first of
 * those epochs, still under-trained, was kept. The loss is the cross-entropy and not the training objective
 * because the objective need not be defined on held-out rows (SOP's per-row noise terms are not) and the
 * score already carries the objective's purpose. Where the score is that same loss (the default), a tie of
 * the score is a tie of the loss, so the choice is the one without the tie-break. An epoch scoring +Infinity
 * (MinDiff: no feasible thresholds) or NaN is never selected, whatever its loss.
 */
public final class EpochSelection {
  private double bestScore = Double.POSITIVE_INFINITY;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch;

  /**
   * Whether an epoch with this score and loss replaces the best so far: a lower score, or the same
   * finite score with a lower loss. (NaN compares false everywhere, so a NaN score never wins and a NaN
   * loss never breaks a tie.)
   */
  public static boolean improves(double score, double loss, double bestScore, double bestLoss) {
    return score < bestScore || score == bestScore && score < Double.POSITIVE_INFINITY && loss < bestLoss;
  }

  /**
   * The 1-based epoch that the rule selects from per-epoch scores and losses, or 0 if none (no epoch,
   * or none with a finite score).
   *
   * @param losses the validation loss per epoch, or null to select by the score alone (the rule before
   *     the tie-break, which is what a model saved without the losses was trained with)
   */
  public static int select(List<Double> scores, List<Double> losses) {
    Checks.require(losses == null || losses.size() == scores.size(),
        "one validation loss per epoch is needed: " + scores.size() + " scores, " + (losses == null ? 0
            : losses.size()) + " losses");
    EpochSelection s = new EpochSelection();
    for (int e = 0; e < scores.size(); e++) {
      s.offer(e + 1, scores.get(e), losses == null ? Double.POSITIVE_INFINITY : losses.get(e));
    }
    return s.bestEpoch();
  }

  /**
   * Offers a finished epoch.
   *
   * @return whether it is the new best
   */
  public boolean offer(int epoch, double score, double loss) {
    if (!improves(score, loss, bestScore, bestLoss)) {
      return false;
    }
    bestScore = score;
    bestLoss = loss;
    bestEpoch = epoch;
    return true;
  }

  /** The selected 1-based epoch so far, or 0 if none. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The score of the selected epoch, or +Infinity if none. */
  public double bestScore() {
    return bestScore;
  }
}
