// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.File;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Confident learning against an independent numpy implementation
 * (test-data/scripts/confident_learning_reference.py): 80 instances, 4 classes, 12 labels flipped.
 */
class ConfidentLearningReferenceTest {
  private static final double TOL = 1e-12;
  private static final File DIR = new File(System.getProperty("overparam.testData", "test-data"), "reference");

  @Test
  void matchesTheNumpyReference() throws Exception {
    List<String> rows = Files.readAllLines(new File(DIR, "confident-learning-input.csv").toPath());
    int n = rows.size() - 1;
    int[] labels = new int[n];
    double[][] probs = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] v = Arrays.stream(rows.get(i + 1).split(",")).mapToDouble(Double::parseDouble).toArray();
      labels[i] = (int) v[0];
      probs[i] = Arrays.copyOfRange(v, 1, v.length);
    }
    Map<String, String> expected = new HashMap<>();
    for (String line : Files.readAllLines(new File(DIR, "confident-learning-expected.txt").toPath())) {
      if (!line.startsWith("#")) {
        expected.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1));
      }
    }
    ConfidentJoint joint = ConfidentJoint.compute(labels, probs, 4);
    assertArrayEquals(doubles(expected.get("thresholds")), joint.thresholds(), TOL);
    assertArrayEquals(matrix(expected.get("counts")), joint.counts());
    assertArrayEquals(matrix(expected.get("calibrated")), joint.calibrated());
    ConfidentLearning.Result r = ConfidentLearning.find(labels, probs, 4, IssueFilter.PRUNE_BY_NOISE_RATE,
        QualityScore.SELF_CONFIDENCE);
    assertArrayEquals(ints(expected.get("issues")), r.issues());
  }

  private static double[] doubles(String s) {
    return Arrays.stream(s.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  private static int[] ints(String s) {
    return Arrays.stream(s.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
  }

  private static int[][] matrix(String s) {
    return Arrays.stream(s.split(";")).map(ConfidentLearningReferenceTest::ints).toArray(int[][]::new);
  }
}
