// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.util.SplittableRandom;
import org.overparam.common.Checks;
import org.overparam.common.Seeds;
import org.overparam.labels.IssueFilter;
import org.overparam.labels.IssueRanking;
import org.overparam.labels.QualityScore;
import org.overparam.labels.RankingMethod;
import org.overparam.labels.ScoreCombination;
import org.overparam.labels.StratifiedFolds;
import org.overparam.sop.NoiseReport;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.functions.SopRobustNetwork;
import weka.core.BatchPredictor;
import weka.core.Instances;

/**
 * Which labels of a Weka data set look wrong: the Weka side of {@link org.overparam.labels}. It
 * computes what a {@link RankingMethod} needs — out-of-sample class probabilities from K-fold
 * cross-validation of any Weka classifier (stratified, seeded folds; each instance's probabilities
 * come from the model that did not see it), and SOP's noise scores from one
 * {@link SopRobustNetwork} trained on all the data — and ranks the instances with it.
 *
 * <p>Refused, with a message: a class that is not nominal, fewer than two classes in the data, an
 * instance without a class value (its label cannot be wrong: remove it first), fewer instances
 * than folds, a classifier that gives only hard 0/1 predictions, and SOP or COMBINED with a
 * classifier other than SopRobustNetwork.
 */
public final class LabelIssueFinder {
  private final Classifier template;
  private final int folds;
  private final long seed;
  private final RankingMethod method;
  private final IssueFilter filter;
  private final QualityScore rankBy;
  private final ScoreCombination combination;

  /**
   * What was computed: the ranking, and (where the method needed them) the out-of-sample
   * probabilities and SOP's report. {@code labels} are the given labels (class value indices).
   */
  public record Result(IssueRanking ranking, int[] labels, double[][] probabilities, NoiseReport sopReport) {}

  /**
   * @param template the classifier (copied for every fold and for the SOP run; never trained itself)
   * @param folds K ≥ 2 for the out-of-sample probabilities
   * @param seed the seed of the fold assignment
   */
  public LabelIssueFinder(Classifier template, int folds, long seed, RankingMethod method, IssueFilter filter,
      QualityScore rankBy, ScoreCombination combination) {
    Checks.require(folds >= 2, "-folds must be at least 2, got " + folds);
    if (method.needsSopScores() && !(template instanceof SopRobustNetwork)) {
      throw new IllegalArgumentException("-method " + method + " needs SOP's noise scores: use -W "
          + SopRobustNetwork.class.getName() + " (the classifier is " + template.getClass().getName() + ")");
    }
    if (method.needsSopScores()) {
      checkSopCanReport((SopRobustNetwork) template); // before the cross-validation, not after it
    }
    this.template = template;
    this.folds = folds;
    this.seed = seed;
    this.method = method;
    this.filter = filter;
    this.rankBy = rankBy;
    this.combination = combination;
  }

  /** The method when none is given: COMBINED with SopRobustNetwork (SOP's noise scores), else CONFIDENT_LEARNING. */
  public static RankingMethod defaultMethod(Classifier classifier) {
    return classifier instanceof SopRobustNetwork ? RankingMethod.COMBINED : RankingMethod.CONFIDENT_LEARNING;
  }

  /**
   * Ranks the instances of {@code data} (class set) from most to least likely mislabelled.
   *
   * @throws IllegalArgumentException for data or a classifier this cannot use (see the class comment)
   */
  public Result find(Instances data) throws Exception {
    int[] labels = labels(data);
    int numClasses = data.numClasses();
    double[][] probs = method.needsProbabilities() ? crossValidatedProbabilities(template, data, folds, seed) : null;
    NoiseReport report = method.needsSopScores() ? sopReport(template, data) : null;
    IssueRanking ranking = switch (method) {
      case CONFIDENT_LEARNING -> IssueRanking.confidentLearning(labels, probs, numClasses, filter, rankBy);
      case SELF_CONFIDENCE -> IssueRanking.selfConfidence(labels, probs, numClasses);
      case SOP -> IssueRanking.sop(sopScores(report), sopSuggestions(report), report.numFlagged());
      case COMBINED -> IssueRanking.combined(labels, probs, numClasses, sopScores(report), combination);
    };
    return new Result(ranking, labels, probs, report);
  }

  /**
   * The given labels, after checking that the data can have label issues.
   *
   * @throws IllegalArgumentException for no class, a numeric class, a missing class value, or fewer
   *     than two classes present
   */
  public static int[] labels(Instances data) {
    Checks.require(data.classIndex() >= 0, "the data have no class attribute set (-c)");
    Checks.require(data.classAttribute().isNominal(), "the class attribute '" + data.classAttribute().name()
        + "' is " + weka.core.Attribute.typeToString(data.classAttribute())
        + ": label issues need a nominal class (wrong labels are wrong classes)");
    int[] labels = new int[data.numInstances()];
    boolean[] present = new boolean[data.numClasses()];
    int distinct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (data.instance(i).classIsMissing()) {
        throw new IllegalArgumentException("instance " + (i + 1) + " has no class value: a missing label cannot be "
            + "checked; remove the instances without a class value first");
      }
      labels[i] = (int) data.instance(i).classValue();
      if (!present[labels[i]]) {
        present[labels[i]] = true;
        distinct++;
      }
    }
    Checks.require(distinct >= 2, "the data hold " + (labels.length == 0 ? "no instances" : "only one class ('"
        + data.classAttribute().value(labels[0]) + "')") + ": label issues need at least two classes");
    return labels;
  }

  /**
   * Out-of-sample probabilities: stratified K-fold cross-validation with seeded folds; row i comes
   * from the copy of {@code template} trained on the folds without i.
   *
   * @throws IllegalArgumentException for fewer instances than folds, or a classifier whose
   *     predictions are all hard 0/1 (it gives no probabilities to rank by)
   */
  public static double[][] crossValidatedProbabilities(Classifier template, Instances data, int folds, long seed)
      throws Exception {
    int[] labels = labels(data);
    SplittableRandom rng = Seeds.stream(seed, "label-issue-folds");
    int[] fold = StratifiedFolds.assign(labels, data.numClasses(), folds, rng);
    double[][] probs = new double[labels.length][];
    for (int f = 0; f < folds; f++) {
      Instances train = new Instances(data, 0);
      Instances test = new Instances(data, 0);
      int[] testRows = new int[labels.length];
      int m = 0;
      for (int i = 0; i < labels.length; i++) {
        if (fold[i] == f) {
          test.add(data.instance(i));
          testRows[m++] = i;
        } else {
          train.add(data.instance(i));
        }
      }
      Classifier c = AbstractClassifier.makeCopy(template);
      c.buildClassifier(train);
      // the networks predict a whole fold in batches, much faster than instance by instance
      double[][] predicted = c instanceof BatchPredictor batch && batch.implementsMoreEfficientBatchPrediction()
          ? batch.distributionsForInstances(test) : null;
      for (int r = 0; r < m; r++) {
        probs[testRows[r]] = predicted != null ? predicted[r] : c.distributionForInstance(test.instance(r));
      }
    }
    checkNotHard(template, probs);
    return probs;
  }

  /** A classifier that gives only 0/1 predictions cannot rank instances by how unsure it is. */
  private static void checkNotHard(Classifier template, double[][] probs) {
    for (double[] p : probs) {
      for (double v : p) {
        if (v > 1e-9 && v < 1 - 1e-9) {
          return;
        }
      }
    }
    throw new IllegalArgumentException("-W " + template.getClass().getName() + " gives only hard 0/1 predictions, "
        + "no class probabilities to rank by; choose a classifier with probability estimates (e.g. Logistic, "
        + "NaiveBayes, SopRobustNetwork, or SMO with -M)");
  }

  /**
   * SOP's noise report from one {@link SopRobustNetwork} (a copy of {@code template}) trained on all of {@code data}.
   *
   * @throws IllegalArgumentException if the report does not cover every instance (a validation split)
   */
  public static NoiseReport sopReport(Classifier template, Instances data) throws Exception {
    SopRobustNetwork sop = (SopRobustNetwork) AbstractClassifier.makeCopy(template);
    checkSopCanReport(sop);
    sop.buildClassifier(data);
    NoiseReport report = sop.getNoiseReport();
    Checks.require(report != null && report.size() == data.numInstances(), "SOP's noise report covers "
        + (report == null ? 0 : report.size()) + " of " + data.numInstances() + " instances: set the network's "
        + "validation fraction to 0 so that every instance gets noise variables");
    return report;
  }

  /** A noise report over every instance needs SOP training (no -ce-only) and no validation split. */
  private static void checkSopCanReport(SopRobustNetwork sop) {
    Checks.require(!sop.getCeOnly(), "SOP's noise scores need SOP training: remove -ce-only from the classifier's "
        + "options");
    Checks.require(!(sop.getValidationFraction() > 0), "SOP's noise report must cover every instance: set the "
        + "network's -validation-fraction to 0 (it is " + sop.getValidationFraction() + ")");
  }

  /** SOP's score per instance (the report's rows are positions in the data). */
  static double[] sopScores(NoiseReport report) {
    double[] s = new double[report.size()];
    for (int r = 0; r < s.length; r++) {
      NoiseReport.Entry e = report.entry(r);
      s[e.row()] = e.score();
    }
    return s;
  }

  static int[] sopSuggestions(NoiseReport report) {
    int[] s = new int[report.size()];
    for (int r = 0; r < s.length; r++) {
      NoiseReport.Entry e = report.entry(r);
      s[e.row()] = e.suggestedLabel();
    }
    return s;
  }
}
