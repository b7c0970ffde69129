// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.SingleClassifierEnhancer;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Bench-only wrapper whose trained model is transient. Weka 3.8.6's GaussianProcesses keeps an MTJ
 * matrix that is not serializable, and RegressionSplitEvaluator serializes every trained model to
 * measure its size, so without this wrapper the Experimenter silently drops GaussianProcesses'
 * results. Only the reported model size is lost.
 */
public class UnsavedModel extends SingleClassifierEnhancer {
  private static final long serialVersionUID = 1L;

  private transient Classifier trained;

  @Override
  public void buildClassifier(Instances data) throws Exception {
    trained = AbstractClassifier.makeCopy(m_Classifier);
    trained.buildClassifier(data);
  }

  @Override
  public double classifyInstance(Instance instance) throws Exception {
    return trained.classifyInstance(instance);
  }

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    return trained.distributionForInstance(instance);
  }

  @Override
  public String toString() {
    return trained == null ? "UnsavedModel: no model built yet." : trained.toString();
  }
}
