// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.overparam.nn.TrainingSet;

class FairnessValidationScoreTest {
  private static final TrainingSet DATA = new TrainingSet(new float[6][1], new int[] {1, 1, 0, 1, 1, 0},
      new double[] {1, 1, 1, 1, 1, 1}, 2);
  private static final boolean[] SENSITIVE = {true, true, true, false, false, false};

  @Test
  void scoresTheConstrainedErrorOfTheValidationRowsAndKeepsHistory() {
    FairnessValidationScore score = new FairnessValidationScore(SENSITIVE, 1, MinDiffLabel.POSITIVE,
        new ThresholdSearch(200, 20, 0));
    // Rows 0, 2 (S) and 3, 5 (R); saturated probabilities give infinite scores, which the search handles.
    double[][] p = {{0.0, 1.0}, {0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}};
    double e = score.score(p, new int[] {0, 2, 3, 5}, DATA);
    // FNR 0 in both groups: S needs tau <= +inf (any), R needs tau <= logit(0.8); best: S all right
    // with tau in (logit 0.1, +inf], R: positive 0.8 kept, negative 0.4 rejected -> error 0.
    assertEquals(0.0, e, 1e-12);
    assertEquals(List.of(0.0), score.history());
  }

  @Test
  void infeasibleGivesInfinityNeverSelected() {
    FairnessValidationScore score = new FairnessValidationScore(SENSITIVE, 1, MinDiffLabel.POSITIVE,
        new ThresholdSearch(200, 20, 0));
    // The only S row of the validation split is negative: its FNR is undefined.
    double e = score.score(new double[][] {{0.5, 0.5}, {0.5, 0.5}}, new int[] {2, 3}, DATA);
    assertEquals(Double.POSITIVE_INFINITY, e);
  }
}
