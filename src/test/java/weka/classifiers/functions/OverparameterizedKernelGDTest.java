// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import org.overparam.kgd.StopRule;
import weka.classifiers.Classifier;

/** Weka's harness (CheckClassifier, CheckOptionHandler, CheckGOE, regression .ref) on a tiny configuration. */
public class OverparameterizedKernelGDTest extends BlasTolerantClassifierTest {
  public OverparameterizedKernelGDTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    OverparameterizedKernelGD learner = new OverparameterizedKernelGD();
    learner.setStop(StopRule.FIXED);
    learner.setTime(5);
    return learner;
  }
}
