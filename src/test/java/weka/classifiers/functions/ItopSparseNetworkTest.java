// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import weka.classifiers.Classifier;

/** Weka's own harness (CheckClassifier, CheckOptionHandler, CheckGOE, regression reference). */
public class ItopSparseNetworkTest extends BlasTolerantClassifierTest {
  public ItopSparseNetworkTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    ItopSparseNetwork net = new ItopSparseNetwork();
    net.setHiddenLayers("16");
    net.setEpochs(5);
    net.setBatchSizeTrain(8);
    net.setNumTopologyUpdates(2);
    net.setSparsity(0.5);
    net.setDataType(AbstractNetworkClassifier.Precision.DOUBLE);
    return net;
  }
}
