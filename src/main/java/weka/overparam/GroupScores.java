// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import org.overparam.mindiff.GroupMetrics;
import org.overparam.mindiff.MinDiffLabel;
import org.overparam.mindiff.PositiveScore;
import org.overparam.mindiff.ThresholdSearch;
import weka.classifiers.Classifier;
import weka.core.BatchPredictor;
import weka.core.Instances;
import weka.core.Utils;

/**
 * A classifier's one-vs-rest scores on a data set, with what the fairness metrics need: the
 * positive score (logit of the positive class probability), the true label, the group and the
 * instance weight of each instance with a known class, plus the plain (arg-max) accuracy.
 *
 * @param score logit of P(positive class) per instance (infinite for probabilities 0 and 1)
 * @param positive whether the true class is the positive class
 * @param sensitive whether the instance is in the sensitive group S
 * @param weight instance weights
 * @param accuracy weighted arg-max accuracy over all classes, as Weka's Evaluation counts it
 */
public record GroupScores(double[] score, boolean[] positive, boolean[] sensitive, double[] weight,
    double accuracy) {

  /** Scores {@code data} (instances with a missing class are skipped). */
  public static GroupScores of(Classifier classifier, Instances data, SensitiveAttribute group,
      int positiveClass) throws Exception {
    Instances known = new Instances(data);
    known.deleteWithMissingClass();
    double[][] dist;
    if (classifier instanceof BatchPredictor bp && bp.implementsMoreEfficientBatchPrediction()) {
      dist = bp.distributionsForInstances(known);
    } else {
      dist = new double[known.numInstances()][];
      for (int i = 0; i < dist.length; i++) {
        dist[i] = classifier.distributionForInstance(known.instance(i));
      }
    }
    return of(dist, known, group, positiveClass);
  }

  /** From class distributions of the instances of {@code data} (all with a known class). */
  public static GroupScores of(double[][] dist, Instances data, SensitiveAttribute group, int positiveClass) {
    int n = data.numInstances();
    double[] score = new double[n];
    boolean[] positive = new boolean[n];
    double[] w = new double[n];
    double correct = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      score[i] = PositiveScore.ofProbability(dist[i][positiveClass]);
      int y = (int) data.instance(i).classValue();
      positive[i] = y == positiveClass;
      w[i] = data.instance(i).weight();
      total += w[i];
      correct += Utils.maxIndex(dist[i]) == y ? w[i] : 0;
    }
    return new GroupScores(score, positive, group.membership(data), w, total > 0 ? correct / total : Double.NaN);
  }

  /** Rates at probability 0.5. */
  public GroupMetrics atHalf() {
    return GroupMetrics.atHalf(score, positive, sensitive, weight);
  }

  /** Rates at the per-group thresholds of a constrained choice. */
  public GroupMetrics at(ThresholdSearch.Choice c) {
    return GroupMetrics.at(score, positive, sensitive, weight, c.tauS(), c.tauR());
  }

  /** The fairness-constrained threshold choice on these scores. */
  public ThresholdSearch.Choice constrained(ThresholdSearch search, MinDiffLabel label) {
    return search.search(score, positive, sensitive, weight, label);
  }
}
