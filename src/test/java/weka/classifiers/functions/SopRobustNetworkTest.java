// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import weka.classifiers.Classifier;

/** Weka's own harness (CheckClassifier, CheckOptionHandler, CheckGOE, regression reference). */
public class SopRobustNetworkTest extends BlasTolerantClassifierTest {
  public SopRobustNetworkTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    SopRobustNetwork net = new SopRobustNetwork();
    net.setHiddenLayers("8");
    net.setEpochs(2);
    net.setBatchSizeTrain(4);
    net.setDataType(AbstractNetworkClassifier.Precision.DOUBLE);
    return net;
  }
}
