// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.filters.supervised.instance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.overparam.common.Checks;
import org.overparam.labels.IssueFilter;
import org.overparam.labels.IssueRanking;
import org.overparam.labels.QualityScore;
import org.overparam.labels.RankingMethod;
import org.overparam.labels.ScoreCombination;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.functions.SopRobustNetwork;
import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.Randomizable;
import weka.core.RevisionUtils;
import weka.core.Utils;
import weka.filters.SimpleBatchFilter;
import weka.filters.SupervisedFilter;
import weka.gui.ProgrammaticProperty;
import weka.overparam.LabelIssueFinder;
import weka.overparam.OptionContract;

/**
 * The {@code LabelIssues} tool as a filter: ranks the instances of the first batch (the training
 * data) from most to least likely mislabelled with {@link LabelIssueFinder}, the same core and
 * defaults as {@code weka.Run .LabelIssues}, and removes the top k (or, inverted, keeps only them);
 * or adds the ranking as attributes. Later batches (test data) pass through unchanged, as with
 * Weka's {@code RemoveMisclassified}, so in a FilteredClassifier only the training data are cleaned.
 *
 * <p>Limitations: the ranking exists only for the first batch (SOP's noise variables and the
 * out-of-sample probabilities belong to the training instances), so test data get missing values in
 * the added attributes; instances without a class value are refused, not kept.
 */
public class RemoveLabelIssues extends SimpleBatchFilter
    implements SupervisedFilter, Randomizable, OptionContract.Checked {
  private static final long serialVersionUID = 6021893347519386042L;
  private static final Logger LOG = Logger.getLogger(RemoveLabelIssues.class.getName());

  /** Names of the attributes {@code -add-score} appends. */
  public static final String ISSUE_ATTRIBUTE = "label_issue";
  public static final String RANK_ATTRIBUTE = "label_issue_rank";
  public static final String SCORE_ATTRIBUTE = "label_issue_score";
  public static final String SUGGESTED_ATTRIBUTE = "label_issue_suggested";

  /** The ranking, as the tool's {@code -method}; AUTOMATIC is the tool's default when -method is left out. */
  public enum Method {
    /** COMBINED with SopRobustNetwork, CONFIDENT_LEARNING with any other classifier. */
    AUTOMATIC(null),
    /** Confident learning's issues first, then every other instance; see the tool's guide. */
    CONFIDENT_LEARNING(RankingMethod.CONFIDENT_LEARNING),
    /** The out-of-sample probability of the given label, lowest first. */
    SELF_CONFIDENCE(RankingMethod.SELF_CONFIDENCE),
    /** SOP's noise score, largest first (SopRobustNetwork only). */
    SOP(RankingMethod.SOP),
    /** SOP's noise score combined with the out-of-sample self-confidence (SopRobustNetwork only). */
    COMBINED(RankingMethod.COMBINED);

    private final RankingMethod core;

    Method(RankingMethod core) {
      this.core = core;
    }

    /** The core method for {@code classifier}. */
    RankingMethod resolve(Classifier classifier) {
      return core != null ? core : LabelIssueFinder.defaultMethod(classifier);
    }
  }

  private Classifier classifier = new SopRobustNetwork();
  private Method method = Method.AUTOMATIC;
  private int numIssues = -1;
  private int folds = 5;
  private int seed = 1;
  private IssueFilter issueFilter = IssueFilter.PRUNE_BY_NOISE_RATE;
  private QualityScore rankBy = QualityScore.SELF_CONFIDENCE;
  private ScoreCombination combination = ScoreCombination.MIN_RANK;
  private boolean invert;
  private boolean addScore;

  /** 0-based positions in the first batch of the instances taken as label issues, most suspicious first. */
  private int[] issues = new int[0];

  public String globalInfo() {
    return "Removes the instances whose labels look wrong. It ranks the instances of the first batch (the training "
        + "data) from most to least likely mislabelled, with the ranking of the LabelIssues tool: out-of-sample "
        + "class probabilities from a stratified cross-validation of the chosen classifier (confident learning, "
        + "Northcutt et al. 2021) and, with SopRobustNetwork, SOP's noise report (Liu et al. 2022), combined. It "
        + "removes the k most suspicious instances; inverted, it keeps only them, to review. With 'add score' it "
        + "removes nothing and appends the attributes label_issue (yes for the top k), label_issue_rank (1 = "
        + "most suspicious), label_issue_score (higher: more suspicious) and label_issue_suggested (the label "
        + "suggested instead), so that the instances can be sorted in the Explorer's viewer; with 'invert' as "
        + "well it keeps only the top k, with those attributes. Later batches (test data) pass through "
        + "unchanged (their added attributes are missing), so in a FilteredClassifier only the training data "
        + "are cleaned. Cost: 'folds' trainings of the classifier, plus one for SOP and COMBINED. The class "
        + "must be nominal with at least two classes present and no missing class values.";
  }

  /**
   * Sets the options under the package's contract. The classifier is made here: Weka's reflective
   * parsing prints a stack trace for an unknown class and keeps the default classifier.
   *
   * @throws IllegalArgumentException naming -W for a classifier that cannot be made
   */
  @Override
  public void setOptions(String[] options) throws Exception {
    String spec = Utils.getOption('W', options);
    Classifier given = spec.isEmpty() ? null : classifierFrom(spec);
    OptionContract.setOptions(this, options, super::setOptions);
    if (given != null) {
      classifier = given;
      checkOptions();
    }
  }

  private static Classifier classifierFrom(String spec) throws Exception {
    String[] parts = Utils.splitOptions(spec);
    String name = parts[0];
    parts[0] = "";
    try {
      return AbstractClassifier.forName(name, parts);
    } catch (IllegalArgumentException e) {
      throw e; // a bad option of the classifier, already naming its flag
    } catch (Exception e) {
      throw new IllegalArgumentException("-W " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void checkOptions() {
    Checks.require(classifier != null, "-W: a classifier is needed");
    Checks.require(folds >= 2, "-folds must be at least 2, got " + folds);
    Checks.require(numIssues >= -1, "-k must be >= 0, or -1 for the method's estimate; got " + numIssues);
    RankingMethod resolved = method.resolve(classifier);
    if (resolved.needsSopScores() && !(classifier instanceof SopRobustNetwork)) {
      throw new IllegalArgumentException("-method " + method + " needs SOP's noise scores: use -W "
          + SopRobustNetwork.class.getName() + " (the classifier is " + classifier.getClass().getName() + ")");
    }
  }

  @OptionMetadata(displayName = "classifier",
      description = "The classifier whose out-of-sample class probabilities rank the instances. Any Weka classifier "
      + "with probability estimates (default weka.classifiers.functions.SopRobustNetwork, which also gives SOP's "
      + "noise report). A fast one (Logistic, NaiveBayes) suits large data.",
      commandLineParamName = "W", commandLineParamSynopsis = "-W <classifier specification>", displayOrder = 1)
  public Classifier getClassifier() {
    return classifier;
  }

  public void setClassifier(Classifier classifier) {
    this.classifier = classifier;
  }

  @OptionMetadata(displayName = "method",
      description = "How the instances are ranked (default AUTOMATIC). CONFIDENT_LEARNING, SELF_CONFIDENCE, SOP or "
      + "COMBINED, the last two with SopRobustNetwork only; AUTOMATIC takes COMBINED with SopRobustNetwork, "
      + "CONFIDENT_LEARNING with any other classifier.",
      commandLineParamName = "method", commandLineParamSynopsis = "-method <AUTOMATIC|CONFIDENT_LEARNING|"
      + "SELF_CONFIDENCE|SOP|COMBINED>", displayOrder = 2)
  public Method getMethod() {
    return method;
  }

  public void setMethod(Method method) {
    this.method = method;
  }

  @OptionMetadata(displayName = "number of issues",
      description = "How many of the most suspicious instances are removed (or kept when inverted); more than the "
      + "data hold means all (default -1: the method's own estimate of the number of wrong labels).",
      commandLineParamName = "k", commandLineParamSynopsis = "-k <int>", displayOrder = 3)
  public int getNumIssues() {
    return numIssues;
  }

  public void setNumIssues(int numIssues) {
    this.numIssues = numIssues;
  }

  @OptionMetadata(displayName = "invert",
      description = "Keep only the suspected label errors, to review them, instead of removing them (default "
      + "false).",
      commandLineParamName = "invert", commandLineParamSynopsis = "-invert", commandLineParamIsFlag = true,
      displayOrder = 4)
  public boolean getInvert() {
    return invert;
  }

  public void setInvert(boolean invert) {
    this.invert = invert;
  }

  @OptionMetadata(displayName = "add score",
      description = "Remove nothing but append the attributes label_issue, label_issue_rank, label_issue_score and "
      + "label_issue_suggested; with invert, keep only the top k with them (default false).",
      commandLineParamName = "add-score", commandLineParamSynopsis = "-add-score", commandLineParamIsFlag = true,
      displayOrder = 5)
  public boolean getAddScore() {
    return addScore;
  }

  public void setAddScore(boolean addScore) {
    this.addScore = addScore;
  }

  @OptionMetadata(displayName = "folds",
      description = "Folds of the stratified cross-validation that gives the out-of-sample probabilities; every "
      + "fold needs at least one instance (default 5, at least 2).",
      commandLineParamName = "folds", commandLineParamSynopsis = "-folds <int>", displayOrder = 6)
  public int getFolds() {
    return folds;
  }

  public void setFolds(int folds) {
    this.folds = folds;
  }

  @OptionMetadata(displayName = "seed",
      description = "Seed of the fold assignment; the classifier keeps its own seed (default 1).",
      commandLineParamName = "S", commandLineParamSynopsis = "-S <int>", displayOrder = 7)
  @Override
  public int getSeed() {
    return seed;
  }

  @Override
  public void setSeed(int seed) {
    this.seed = seed;
  }

  @OptionMetadata(displayName = "issue filter",
      description = "Confident learning's issue filter: PRUNE_BY_NOISE_RATE, PRUNE_BY_CLASS, BOTH or "
      + "CONFIDENT_JOINT (default PRUNE_BY_NOISE_RATE).",
      commandLineParamName = "filter", commandLineParamSynopsis = "-filter <PRUNE_BY_NOISE_RATE|PRUNE_BY_CLASS|BOTH|"
      + "CONFIDENT_JOINT>", displayOrder = 8)
  public IssueFilter getIssueFilter() {
    return issueFilter;
  }

  public void setIssueFilter(IssueFilter issueFilter) {
    this.issueFilter = issueFilter;
  }

  @OptionMetadata(displayName = "rank by",
      description = "Confident learning's order: SELF_CONFIDENCE or NORMALIZED_MARGIN (default SELF_CONFIDENCE).",
      commandLineParamName = "rank-by", commandLineParamSynopsis = "-rank-by <SELF_CONFIDENCE|NORMALIZED_MARGIN>",
      displayOrder = 9)
  public QualityScore getRankBy() {
    return rankBy;
  }

  public void setRankBy(QualityScore rankBy) {
    this.rankBy = rankBy;
  }

  @OptionMetadata(displayName = "combination",
      description = "How COMBINED merges SOP's noise score with the self-confidence: MIN_RANK, RANK_AVERAGE or "
      + "PRODUCT (default MIN_RANK).",
      commandLineParamName = "combination", commandLineParamSynopsis = "-combination <MIN_RANK|RANK_AVERAGE|PRODUCT>",
      displayOrder = 10)
  public ScoreCombination getCombination() {
    return combination;
  }

  public void setCombination(ScoreCombination combination) {
    this.combination = combination;
  }

  @OptionMetadata(displayName = "debug", description = "If set to true, the filter logs what it removed. Default "
      + "false; set with -output-debug-info on the command line.", displayOrder = 100)
  @Override
  public boolean getDebug() {
    return super.getDebug();
  }

  @Override
  public void setDebug(boolean debug) {
    super.setDebug(debug);
  }

  @OptionMetadata(displayName = "doNotCheckCapabilities", description = "If set, the filter's capabilities are not "
      + "checked before it is used (use with caution to reduce runtime). Default false; set with "
      + "-do-not-check-capabilities on the command line.", displayOrder = 101)
  @Override
  public boolean getDoNotCheckCapabilities() {
    return super.getDoNotCheckCapabilities();
  }

  @Override
  public void setDoNotCheckCapabilities(boolean doNotCheckCapabilities) {
    super.setDoNotCheckCapabilities(doNotCheckCapabilities);
  }

  /** 0-based positions, in the first batch, of the instances taken as label issues, most suspicious first. */
  @ProgrammaticProperty
  public int[] getIssueIndices() {
    return issues.clone();
  }

  /** What the classifier can learn from, with a nominal class that has no missing values. */
  @Override
  public Capabilities getCapabilities() {
    Capabilities result = super.getCapabilities();
    result.disableAll();
    if (classifier != null) {
      result.or(classifier.getCapabilities());
    }
    for (Capability c : new Capability[] {Capability.NUMERIC_CLASS, Capability.DATE_CLASS, Capability.STRING_CLASS,
      Capability.RELATIONAL_CLASS, Capability.UNARY_CLASS, Capability.NO_CLASS, Capability.MISSING_CLASS_VALUES}) {
      result.disable(c);
    }
    result.setMinimumNumberInstances(0);
    return result;
  }

  /**
   * The class checks first, with the tool's messages (they say what to do), then the classifier's
   * capabilities. {@code format} may hold the first batch's instances.
   */
  @Override
  protected void testInputFormat(Instances format) throws Exception {
    checkClass(format);
    if (format.numInstances() > 0) {
      LabelIssueFinder.labels(format); // a missing class value, or a single class
    }
    super.testInputFormat(format);
  }

  private static void checkClass(Instances format) {
    Checks.require(format.classIndex() >= 0, "RemoveLabelIssues needs a class attribute: set one (the class "
        + "selector in the Explorer, -c on the command line)");
    Checks.require(format.classAttribute().isNominal(), "the class attribute '" + format.classAttribute().name()
        + "' is " + Attribute.typeToString(format.classAttribute()) + ": label issues need a nominal class (wrong "
        + "labels are wrong classes)");
  }

  /** A new input format starts a new first batch: the last ranking is forgotten. */
  @Override
  protected void reset() {
    super.reset();
    issues = new int[0];
  }

  @Override
  protected boolean hasImmediateOutputFormat() {
    return true;
  }

  @Override
  protected Instances determineOutputFormat(Instances inputFormat) {
    checkClass(inputFormat);
    Instances out = new Instances(inputFormat, 0);
    if (addScore) {
      for (Attribute a : addedAttributes(inputFormat)) {
        Checks.require(out.attribute(a.name()) == null, "the data already have an attribute '" + a.name()
            + "': apply -add-score once, or rename that attribute");
        out.insertAttributeAt(a, out.numAttributes());
      }
    }
    return out;
  }

  private static List<Attribute> addedAttributes(Instances format) {
    List<String> classes = new ArrayList<>();
    for (int c = 0; c < format.numClasses(); c++) {
      classes.add(format.classAttribute().value(c));
    }
    return List.of(new Attribute(ISSUE_ATTRIBUTE, List.of("no", "yes")), new Attribute(RANK_ATTRIBUTE),
        new Attribute(SCORE_ATTRIBUTE), new Attribute(SUGGESTED_ATTRIBUTE, classes));
  }

  @Override
  protected Instances process(Instances instances) throws Exception {
    if (isFirstBatchDone()) {
      return addScore ? withAttributes(instances, null, null, null) : new Instances(instances);
    }
    checkOptions();
    LabelIssueFinder.labels(instances); // refuse bad data (missing class, one class) before any training
    if (numIssues >= instances.numInstances() && !addScore && !invert) {
      throw new IllegalArgumentException("-k " + numIssues + " would remove all " + instances.numInstances()
          + " instances, leaving nothing to train on; use a smaller -k (or -1: the method's own estimate)");
    }
    RankingMethod resolved = method.resolve(classifier);
    LabelIssueFinder finder = new LabelIssueFinder(AbstractClassifier.makeCopy(classifier), folds, seed, resolved,
        issueFilter, rankBy, combination);
    IssueRanking ranking = finder.find(instances).ranking();
    int k = ranking.topCount(numIssues);
    issues = Arrays.copyOf(ranking.order(), k);
    if (getDebug()) {
      LOG.info(() -> "RemoveLabelIssues: " + resolved + " ranks instances (0-based) " + Arrays.toString(issues)
          + " as the " + k + " most likely mislabelled of " + instances.numInstances());
    }
    boolean[] isIssue = new boolean[instances.numInstances()];
    for (int i : issues) {
      isIssue[i] = true;
    }
    Instances out = addScore ? withAttributes(instances, ranking, isIssue, rankOf(ranking.order()))
        : new Instances(instances);
    if (addScore && !invert) {
      return out; // ranked, nothing removed
    }
    Instances kept = new Instances(out, out.numInstances());
    for (int i = 0; i < out.numInstances(); i++) {
      if (isIssue[i] == invert) {
        kept.add(out.instance(i));
      }
    }
    return kept;
  }

  private static int[] rankOf(int[] order) {
    int[] rank = new int[order.length];
    for (int r = 0; r < order.length; r++) {
      rank[order[r]] = r + 1;
    }
    return rank;
  }

  /** The instances with the added attributes: the ranking's values, or missing where {@code ranking} is null. */
  private Instances withAttributes(Instances instances, IssueRanking ranking, boolean[] isIssue, int[] rank) {
    Instances out = new Instances(instances); // keeps the string and relational values the instances refer to
    List<Attribute> added = addedAttributes(instances);
    int first = out.numAttributes();
    for (int a = 0; a < added.size(); a++) {
      out.insertAttributeAt(added.get(a), first + a);
    }
    if (ranking != null) {
      double[] suspicion = ranking.suspicion();
      int[] suggested = ranking.suggested();
      for (int i = 0; i < out.numInstances(); i++) {
        Instance inst = out.instance(i);
        inst.setValue(first, isIssue[i] ? 1 : 0);
        inst.setValue(first + 1, rank[i]);
        inst.setValue(first + 2, suspicion[i]);
        if (suggested[i] >= 0) {
          inst.setValue(first + 3, suggested[i]);
        }
      }
    }
    return out;
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  public static void main(String[] args) {
    runFilter(new RemoveLabelIssues(), args);
  }
}
