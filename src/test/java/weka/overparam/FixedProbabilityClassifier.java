// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import weka.classifiers.AbstractClassifier;
import weka.core.Instance;
import weka.core.Instances;

/**
 * A two-class "classifier" whose prediction is written in the data: P(second class) is the value of
 * the numeric attribute {@code p}, so a test chooses every prediction and can compute the rates by
 * hand.
 */
public class FixedProbabilityClassifier extends AbstractClassifier {
  private static final long serialVersionUID = 1L;

  @Override
  public void buildClassifier(Instances data) {
    if (data.attribute("p") == null || data.numClasses() != 2) {
      throw new IllegalArgumentException("needs a numeric attribute 'p' and a two-class class attribute");
    }
  }

  @Override
  public double[] distributionForInstance(Instance inst) {
    double p = inst.value(inst.dataset().attribute("p"));
    return new double[] {1 - p, p};
  }
}
