// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.util.List;
import org.overparam.common.TrainingHistory;

/**
 * A learner that keeps what it measured while training (loss, metrics, density, log-likelihood, ...)
 * inside its model, for the Explorer's "Training history" tab, the TrainingHistoryExport tool
 * (CSV and PNG) and scripts. Not a bean property, so the object editors do not show it.
 */
public interface TrainingHistoryHandler {
  /**
   * The histories of the last training run, the main one first (e.g. per epoch; EM adds BIC per
   * candidate k). Empty before training.
   */
  List<TrainingHistory> trainingHistory();
}
