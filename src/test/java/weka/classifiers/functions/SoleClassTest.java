// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one-class check of the networks' model text (see AbstractNetworkClassifier#soleClass), by hand. */
class SoleClassTest {
  @Test
  void oneClassPredictedForRowsOfSeveralLabelsIsNamed() {
    double[][] allSecond = {{0.2, 0.8}, {0.4, 0.6}, {0.1, 0.9}};
    assertEquals(1, AbstractNetworkClassifier.soleClass(allSecond, new int[] {0, 1, 1}));
  }

  @Test
  void twoClassesPredictedOrOneLabelIsNoFinding() {
    assertEquals(-1, AbstractNetworkClassifier.soleClass(new double[][] {{0.2, 0.8}, {0.7, 0.3}}, new int[] {0, 1}));
    // every row has the label predicted: predicting it is right
    assertEquals(-1, AbstractNetworkClassifier.soleClass(new double[][] {{0.2, 0.8}, {0.4, 0.6}}, new int[] {1, 1}));
  }
}
