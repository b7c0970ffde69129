// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tolerant reading of Weka's regression diff, on diffs of the shape Weka prints. */
class BlasTolerantComparisonTest {
  private static String diff(String reference, String current) {
    return "Regression test failed. Difference:\n+++ Reference: x/ItopSparseNetworkTest.ref +++\n"
        + reference + "\n+++ Current +++\n" + current + "\n+++\n";
  }

  @Test
  void lastDigitRoundingPasses() {
    // Seen on another CPU: float32 training, probabilities 1e-9 apart.
    assertNull(BlasTolerantClassifierTest.firstMismatch(diff(
        "10 predictions\nNOM: 0.0 1.0 1.0 0.4873633269793871 0.5126366730206129",
        "10 predictions\nNOM: 0.0 1.0 1.0 0.48736332604865945 0.5126366739513406")));
  }

  @Test
  void differentPredictionFails() {
    assertNotNull(BlasTolerantClassifierTest.firstMismatch(diff(
        "10 predictions\nNOM: 0.0 1.0 1.0 0.49 0.51", "10 predictions\nNOM: 0.0 0.0 1.0 0.51 0.49")));
  }

  @Test
  void probabilityBeyondToleranceFails() {
    String mismatch = BlasTolerantClassifierTest.firstMismatch(diff(
        "NUM: 0.25 0.4894899 1.0", "NUM: 0.25 0.4894919 1.0"));
    assertNotNull(mismatch);
    assertTrue(mismatch.contains("0.4894919"), mismatch);
  }

  @Test
  void largeValuesUseRelativeTolerance() {
    assertNull(BlasTolerantClassifierTest.firstMismatch(diff("NUM: 1000000.0", "NUM: 1000000.5")));
    assertNotNull(BlasTolerantClassifierTest.firstMismatch(diff("NUM: 1000000.0", "NUM: 1000002.0")));
  }

  @Test
  void changedTextOrCountFails() {
    assertNotNull(BlasTolerantClassifierTest.firstMismatch(diff("10 predictions\nNOM: 1.0", "9 predictions\nNOM: 1.0")));
    assertNotNull(BlasTolerantClassifierTest.firstMismatch(diff("NOM: 1.0", "NUM: 1.0")));
    assertNotNull(BlasTolerantClassifierTest.firstMismatch(diff("NOM: 1.0", "NOM: 1.0 2.0")));
    assertNotNull(BlasTolerantClassifierTest.firstMismatch(diff("NOM: NaN", "NOM: 1.0")));
    assertNotNull(BlasTolerantClassifierTest.firstMismatch("Regression test failed. Difference:\nno blocks"));
  }
}
