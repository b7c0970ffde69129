// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.util.List;
import java.util.Map;
import org.overparam.common.TrainingHistory;
import weka.classifiers.rules.ZeroR;
import weka.core.Instances;

/**
 * A test fixture: ZeroR with two made-up histories (per epoch, and per candidate k as EM records
 * BIC), so that the tools can be tested without training a network.
 */
public class HistoryKeepingZeroR extends ZeroR implements TrainingHistoryHandler {
  private List<TrainingHistory> histories = List.of();

  /** A new fixture trained on {@code data}. */
  public static HistoryKeepingZeroR trainedOn(Instances data) throws Exception {
    HistoryKeepingZeroR model = new HistoryKeepingZeroR();
    model.buildClassifier(data);
    return model;
  }

  @Override
  public void buildClassifier(Instances data) throws Exception {
    super.buildClassifier(data);
    histories = List.of(epochs(12), bic());
  }

  @Override
  public List<TrainingHistory> trainingHistory() {
    return histories;
  }

  /** loss over decades, train accuracy each epoch, validation accuracy every third epoch. */
  static TrainingHistory epochs(int n) {
    TrainingHistory.Recorder r = new TrainingHistory.Recorder("Training (HistoryKeepingZeroR)", "epoch");
    for (int e = 1; e <= n; e++) {
      r.add(e, Map.of("loss", 3.0 / (e * e * e), "accuracy/train", 0.5 + 0.04 * e,
          "accuracy/validation", e % 3 == 0 ? 0.45 + 0.035 * e : Double.NaN));
    }
    return r.build();
  }

  static TrainingHistory bic() {
    TrainingHistory.Recorder r = new TrainingHistory.Recorder("BIC by number of components", "k");
    for (int k = 1; k <= 5; k++) {
      r.add(k, Map.of("BIC", 1000.0 - 80 * k + 12.5 * k * k));
    }
    return r.build();
  }
}
