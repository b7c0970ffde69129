// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import org.overparam.nn.ExecutionMode;
import weka.classifiers.Classifier;

/** Weka's own harness on the sparse engine (the other harness test runs the dense engine in float64). */
public class ItopSparseNetworkSparseEngineTest extends BlasTolerantClassifierTest {
  public ItopSparseNetworkSparseEngineTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    ItopSparseNetwork net = new ItopSparseNetwork();
    net.setHiddenLayers("32");
    net.setEpochs(5);
    net.setBatchSizeTrain(8);
    net.setNumTopologyUpdates(2);
    net.setSparsity(0.9);
    net.setSparseExecution(ExecutionMode.SPARSE);
    return net;
  }
}
