// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import weka.classifiers.Classifier;

/**
 * Weka's own harness (CheckClassifier, CheckOptionHandler, CheckGOE, regression reference). The
 * harness data are random: with the default sensitive attribute {@code first}, MinDiff runs on the
 * first nominal attribute when the data have one with both groups holding positives, and is
 * switched off (plain network) otherwise; both paths are exercised.
 */
public class MinDiffNetworkTest extends BlasTolerantClassifierTest {
  public MinDiffNetworkTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    return small("first", "4", 2, 8, 4); // the harness's data have no attribute to name
  }

  /** A small network in double precision: sensitive attribute, hidden layers, epochs and the two batch sizes. */
  static MinDiffNetwork small(String sensitive, String hidden, int epochs, int batchSize, int minDiffBatchSize) {
    MinDiffNetwork net = new MinDiffNetwork();
    net.setSensitiveAttribute(sensitive);
    net.setHiddenLayers(hidden);
    net.setEpochs(epochs);
    net.setBatchSizeTrain(batchSize);
    net.setMindiffBatchSize(minDiffBatchSize);
    net.setDataType(AbstractNetworkClassifier.Precision.DOUBLE);
    return net;
  }
}
