// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.overparam.common.TrainingHistory;
import org.overparam.mindiff.DecisionThresholds;
import org.overparam.mindiff.FairnessValidationScore;
import org.overparam.mindiff.Kernel;
import org.overparam.mindiff.MinDiffConfig;
import org.overparam.mindiff.MinDiffLabel;
import org.overparam.mindiff.MinDiffObjective;
import org.overparam.mindiff.PositiveScore;
import org.overparam.mindiff.ThresholdSearch;
import org.overparam.nn.NetworkModel;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.Objective;
import org.overparam.nn.TrainingSet;
import org.overparam.nn.ValidationScore;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.RevisionUtils;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.overparam.CommandLineRun;
import weka.overparam.MinDiffReport;
import weka.overparam.SensitiveAttribute;
import weka.overparam.TrainingHeader;

/**
 * A network trained with the MinDiff fairness penalty: lambda times the maximum mean discrepancy
 * between the positive-class scores of a sensitive group and of the rest, both restricted to one
 * true label, so that their false-negative (or false-positive) rates move together. Flooding,
 * coupled L2 and early stopping on the fairness-constrained validation error are built in, because
 * once a network can fit its training data perfectly MinDiff alone stops working (the "illusion of
 * fairness").
 *
 * <pre>
 * Prost, F., Qian, H., Chen, Q., Chi, E.H., Chen, J., Beutel, A. (2019). Toward a better trade-off
 * between performance and fairness with kernel-based distribution matching. arXiv:1910.11779.
 * Veldanda, A.K., Brugere, I., Chen, J., Dutta, S., Mishler, A., Garg, S. (2023). Fairness via
 * In-Processing in the Over-parameterized Regime: A Cautionary Tale with MinDiff Loss. TMLR.
 * arXiv:2206.14853.
 * </pre>
 *
 * Limitations: the sensitive attribute must be nominal and must be chosen (building without one
 * fails with a list of the data's nominal attributes); a missing sensitive value counts as the
 * reference group. With the explicit choice {@code first} and data without a usable nominal
 * attribute, MinDiff is switched off (logged, and stated in {@code toString()}).
 */
public class MinDiffNetwork extends AbstractNetworkClassifier {
  @Serial private static final long serialVersionUID = -6502793170523843871L;
  private static final Logger LOG = Logger.getLogger(MinDiffNetwork.class.getName());
  /** Keyword of the positive-class option for "the second value of a binary class". */
  public static final String AUTO = "auto";

  private String sensitiveAttribute = "";
  private String sensitiveValue = "";
  private String positiveClass = AUTO;
  private MinDiffLabel mindiffLabel = MinDiffConfig.DEFAULT_LABEL;
  private double lambda = MinDiffConfig.DEFAULT_LAMBDA;
  private Kernel kernel = MinDiffConfig.DEFAULT_KERNEL;
  private double kernelLength = MinDiffConfig.DEFAULT_KERNEL_LENGTH;
  private int mindiffBatchSize = MinDiffConfig.DEFAULT_MINDIFF_BATCH_SIZE;
  private double floodLevel = MinDiffConfig.DEFAULT_FLOOD_LEVEL;
  private double gapTolerance = MinDiffConfig.DEFAULT_GAP_TOLERANCE;
  private boolean sensitiveAsInput;
  private DecisionThresholds decisionThresholds = DecisionThresholds.DEFAULT;

  // Fitted state
  private SensitiveAttribute group;
  private int positiveIndex;
  private String inactiveReason;
  private MinDiffReport report;
  private transient boolean[] membership;
  private transient FairnessValidationScore validationScore;

  /**
   * Coupled L2 and a validation split (fairness-aware early stopping) by default: Veldanda et al.
   * find that an over-parameterised network needs a regulariser for MinDiff to work, and over ten
   * random splits of UCI Adult MinDiff with both had a test FNR gap about two thirds lower than the
   * plain network's, at a lower error, where MinDiff alone, L2 alone and early stopping alone did
   * not lower it (docs/results.md, MinDiffNetwork).
   */
  public static final double DEFAULT_L2 = 0.01;
  /** See {@link #DEFAULT_L2}. */
  public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

  public MinDiffNetwork() {
    setL2(DEFAULT_L2);
    setValidationFraction(DEFAULT_VALIDATION_FRACTION);
  }

  public String globalInfo() {
    return "A network trained with the MinDiff penalty. It is a neural network trained with the MinDiff fairness "
        + "penalty, with flooding, L2 and fairness-aware "
        + "early stopping for the over-parameterised regime.\n\n"
        + "The loss is |L_task - b| + b + lambda * MMD: L_task is the weighted cross-entropy (flooded at level b), "
        + "and the MMD (Gaussian or Laplacian kernel on the positive-class probability) compares the scores of "
        + "the sensitive group (sensitive-attribute = sensitive-value) with those of all other instances, both "
        + "restricted to one true label: positives equalise false-negative rates, negatives false-positive rates. "
        + "Per-group MinDiff batches are drawn each step, cycling so that small groups are not truncated. "
        + "Veldanda et al. show that a network that fits its training data perfectly looks fair on it, so the "
        + "MMD collapses to zero while the test data stay unfair; the report shows the training MMD by epoch, "
        + "per-group FPR/FNR at 0.5 and, with a validation split, the fairness-constrained error (per-group "
        + "thresholds with a rate gap <= gap-tolerance), which is also the early-stopping score.\n\n"
        + "By default MinDiff comes with two regularisers: L2 0.01, and 20% of the training data held out "
        + "(validation-fraction) so that training keeps the epoch with the lowest fairness-constrained "
        + "validation error (and of epochs with the same error the one with the lowest validation "
        + "cross-entropy, the best fitted). Over ten random splits of UCI Adult, MinDiff without them left the "
        + "test FNR gap "
        + "where the plain network had it; with them the gap fell by about two thirds, at a lower error.\n\n"
        + "The class is binary by default (positive-class auto: its second value is the positive class). A class "
        + "with more values needs positive-class: the network still predicts every class, while the MMD, the "
        + "report and the group thresholds use the probability of that value against all others (one-vs-rest). "
        + "The sensitive attribute must be set (sensitive-attribute); building without it lists the data's "
        + "nominal attributes and their values. The sensitive "
        + "attribute is not a network input unless sensitive-as-input is set. weka.overparam.GroupFairnessEvaluation "
        + "reports the same metrics for any classifier.\n\nFor more information see:\n"
        + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation t = new TechnicalInformation(Type.MISC);
    t.setValue(Field.AUTHOR, "Flavien Prost and Hai Qian and Qiuwen Chen and Ed H. Chi and Jilin Chen and Alex Beutel");
    t.setValue(Field.TITLE, "Toward a better trade-off between performance and fairness with kernel-based "
        + "distribution matching");
    t.setValue(Field.YEAR, "2019");
    t.setValue(Field.NOTE, "arXiv:1910.11779");
    TechnicalInformation v = t.add(Type.ARTICLE);
    v.setValue(Field.AUTHOR, "Akshaj Kumar Veldanda and Ivan Brugere and Jiahao Chen and Sanghamitra Dutta and "
        + "Alan Mishler and Siddharth Garg");
    v.setValue(Field.TITLE, "Fairness via In-Processing in the Over-parameterized Regime: A Cautionary Tale with "
        + "MinDiff Loss");
    v.setValue(Field.JOURNAL, "Transactions on Machine Learning Research");
    v.setValue(Field.YEAR, "2023");
    v.setValue(Field.NOTE, "arXiv:2206.14853");
    TechnicalInformation f = t.add(Type.INPROCEEDINGS);
    f.setValue(Field.AUTHOR, "Takashi Ishida and Ikko Yamane and Tomoya Sakai and Gang Niu and Masashi Sugiyama");
    f.setValue(Field.TITLE, "Do We Need Zero Training Loss After Achieving Zero Training Error?");
    f.setValue(Field.BOOKTITLE, "Proceedings of the 37th International Conference on Machine Learning (ICML)");
    f.setValue(Field.YEAR, "2020");
    return t;
  }

  @Override
  public Capabilities getCapabilities() {
    Capabilities c = super.getCapabilities();
    if (AUTO.equalsIgnoreCase(positiveClass.trim())) {
      // Without a chosen positive class only a binary class has a defined positive value.
      c.disable(Capability.NOMINAL_CLASS);
      c.enable(Capability.BINARY_CLASS);
    }
    return c;
  }

  @Override
  public void initializeClassifier(Instances data) throws Exception {
    TrainingHeader.requireData(data);
    // Before the capability check, so that the message names the option that fixes it.
    if (AUTO.equalsIgnoreCase(positiveClass.trim()) && data.classIndex() >= 0 && data.classAttribute().isNominal()
        && data.classAttribute().numValues() > 2) {
      SensitiveAttribute.positiveClass(data, "");
    }
    super.initializeClassifier(data);
  }

  /** The validated MinDiff settings; lambda is 0 when MinDiff is inactive. */
  MinDiffConfig minDiffConfig(int positive, boolean active) {
    return MinDiffConfig.builder().lambda(active ? lambda : 0).kernel(kernel).kernelLength(kernelLength)
        .mindiffBatchSize(mindiffBatchSize).floodLevel(floodLevel).label(mindiffLabel).positiveClass(positive)
        .gapTolerance(gapTolerance).build();
  }

  @Override
  public void checkOptions() {
    super.checkOptions();
    minDiffConfig(0, true);
    if (decisionThresholds == DecisionThresholds.GROUP_CONSTRAINED && !(getValidationFraction() > 0)) {
      throw new IllegalArgumentException("-decision-thresholds GROUP_CONSTRAINED chooses the group thresholds on "
          + "the validation split: set -validation-fraction > 0");
    }
  }

  @Override
  protected void checkTrainingData(Instances train) throws Exception {
    group = null;
    inactiveReason = null;
    report = null;
    if (sensitiveAttribute.trim().isEmpty()) {
      throw new IllegalArgumentException(SensitiveAttribute.notSetMessage(train, "-sensitive-attribute"));
    }
    positiveIndex = SensitiveAttribute.positiveClass(train, AUTO.equalsIgnoreCase(positiveClass.trim()) ? "" : positiveClass);
    boolean firstKeyword = SensitiveAttribute.FIRST.equalsIgnoreCase(sensitiveAttribute.trim());
    try {
      group = SensitiveAttribute.resolve(train, "-sensitive-attribute", sensitiveAttribute, sensitiveValue);
    } catch (IllegalArgumentException e) {
      if (!firstKeyword) {
        throw e;
      }
      inactiveReason = e.getMessage();
    }
    if (group == null && inactiveReason == null) {
      inactiveReason = "the data have no nominal attribute besides the class";
    }
    if (group != null && lambda > 0) {
      String empty = emptyCell(train);
      if (empty != null) {
        if (!firstKeyword) {
          throw new IllegalArgumentException(empty + ": MinDiff compares the two groups on the instances with "
              + "that label (check -sensitive-attribute, -sensitive-value and -mindiff-label)");
        }
        inactiveReason = empty;
        group = null;
      }
    }
    if (inactiveReason != null) {
      LOG.warning("MinDiff is inactive (plain network): " + inactiveReason
          + ". Set -sensitive-attribute to choose the sensitive attribute.");
    }
    membership = group == null ? new boolean[train.numInstances()] : group.membership(train);
  }

  /** A message if group S or R has no training instance of the label MinDiff equalises, else null. */
  private String emptyCell(Instances train) {
    int s = 0;
    int r = 0;
    for (Instance inst : train) {
      if (inst.weight() > 0 && mindiffLabel.selects((int) inst.classValue() == positiveIndex)) {
        if (group.isSensitive(inst)) {
          s++;
        } else {
          r++;
        }
      }
    }
    String cell = mindiffLabel == MinDiffLabel.POSITIVE
        ? "positive ('" + train.classAttribute().value(positiveIndex) + "')"
        : "negative (not '" + train.classAttribute().value(positiveIndex) + "')";
    if (s == 0) {
      return "the sensitive group (" + group.describe() + ") has no " + cell + " training instances with weight > 0";
    }
    if (r == 0) {
      return "the reference group (" + group.name() + " != " + group.value() + ") has no " + cell
          + " training instances with weight > 0";
    }
    return null;
  }

  @Override
  protected int[] ignoredAttributes(Instances train) {
    return group != null && !sensitiveAsInput ? new int[] {group.index()} : new int[0];
  }

  /** A numeric class is refused with this reason (see {@link AbstractNetworkClassifier#numericClassRefusal}). */
  @Override
  protected String numericClassRefusal() {
    return "MinDiff equalises false negative and false positive rates between groups, and these need a class with a positive value";
  }

  @Override
  protected Objective createObjective(Instances train, TrainingSet set) {
    return new MinDiffObjective(minDiffConfig(positiveIndex, group != null), membership);
  }

  @Override
  protected ValidationScore createValidationScore(Instances train, TrainingSet set) {
    validationScore = group == null ? null : new FairnessValidationScore(membership, positiveIndex, mindiffLabel,
        ThresholdSearch.withTolerance(gapTolerance));
    return validationScore;
  }

  @Override
  protected List<String> optionNotes(Map<String, String> changed) {
    List<String> notes = super.optionNotes(changed);
    ineffective(notes, changed, "-gap-tolerance", getValidationFraction() == 0,
        "without a validation split (-validation-fraction 0)");
    return notes;
  }

  @Override
  protected boolean predictsWithTheNetworkAlone() {
    return decisionThresholds == DecisionThresholds.DEFAULT;
  }

  @Override
  protected String oneClassHint() {
    return getValidationFraction() > 0
        ? ". Early stopping chose the epoch by the fairness-constrained validation error, at group thresholds these "
            + "predictions (probability 0.5) do not use: -decision-thresholds GROUP_CONSTRAINED predicts with them; "
            + "-validation-fraction 0 trains without early stopping"
        : super.oneClassHint();
  }

  @Override
  protected void afterTraining(NetworkModel fitted, Instances train, TrainingSet set, Objective objective) {
    MinDiffObjective md = (MinDiffObjective) objective;
    report = MinDiffReport.of(fitted, train, set, md, membership, positiveIndex, minDiffConfig(positiveIndex,
        group != null), group, sensitiveAsInput, inactiveReason,
        validationScore == null ? List.of() : new ArrayList<>(validationScore.history()), validationLosses());
    if (!getResume()) { // a resumed run reports again from the same groups and validation scores
      membership = null;
      validationScore = null;
    }
  }

  /**
   * The validation loss of every epoch, as the trainer measured it for its early-stopping tie-break (the
   * run's history), so that the report names the epoch the trainer restored; empty without a validation split.
   */
  private List<Double> validationLosses() {
    List<TrainingHistory> runs = trainingHistory();
    if (validationScore == null || runs.isEmpty() || !runs.get(0).has(NetworkTrainer.VALIDATION_LOSS)) {
      return List.of();
    }
    return Arrays.stream(runs.get(0).column(NetworkTrainer.VALIDATION_LOSS)).boxed().toList();
  }

  @Override
  protected String describeModel() {
    if (report == null) {
      return "";
    }
    String thresholds = "";
    if (decisionThresholds == DecisionThresholds.GROUP_CONSTRAINED) {
      ThresholdSearch.Choice c = groupThresholds();
      thresholds = c == null
          ? "\nPredictions use probability 0.5 for both groups: no feasible group thresholds were found.\n"
          : String.format("%nPredictions use the group thresholds (decision-thresholds GROUP_CONSTRAINED): "
              + "sigmoid(z - %.4f) for S, sigmoid(z - %.4f) for R.%n", c.tauS(), c.tauR());
    }
    return report.format() + thresholds;
  }

  /** The validation-chosen thresholds the predictions apply, or null. */
  private ThresholdSearch.Choice groupThresholds() {
    if (decisionThresholds != DecisionThresholds.GROUP_CONSTRAINED || report == null || group == null) {
      return null;
    }
    ThresholdSearch.Choice c = report.validationChoice();
    return c != null && c.feasible() ? c : null;
  }

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    return applyThresholds(super.distributionForInstance(instance), instance);
  }

  @Override
  public double[][] distributionsForInstances(Instances insts) throws Exception {
    double[][] p = super.distributionsForInstances(insts);
    for (int i = 0; i < p.length; i++) {
      applyThresholds(p[i], insts.instance(i));
    }
    return p;
  }

  /** Shifts the positive score by the instance's group threshold; other classes keep their shares. */
  private double[] applyThresholds(double[] p, Instance instance) {
    ThresholdSearch.Choice c = groupThresholds();
    if (c == null) {
      return p;
    }
    double z = PositiveScore.ofProbability(p[positiveIndex]) - (group.isSensitive(instance) ? c.tauS() : c.tauR());
    double q = 1 / (1 + Math.exp(-z));
    double rest = 1 - p[positiveIndex];
    for (int k = 0; k < p.length; k++) {
      if (k != positiveIndex) {
        p[k] = rest > 0 ? p[k] * (1 - q) / rest : (1 - q) / (p.length - 1);
      }
    }
    p[positiveIndex] = q;
    return p;
  }

  /** The fairness report of the last training run (null before training). */
  public MinDiffReport getReport() {
    return report;
  }

  // ---------------------------------------------------------------- network options with MinDiff's defaults

  @OptionMetadata(displayName = "L2", description = "Coupled L2 penalty on the weights, added to the gradient like "
      + "PyTorch's weight_decay. At least 0; default 0.01: without a regulariser an over-parameterised network "
      + "fits its training data, the MMD collapses and MinDiff no longer lowers the gap on test data.",
      commandLineParamName = "l2", commandLineParamSynopsis = "-l2 <double>", displayOrder = 15,
      category = "Optimisation")
  @Override
  public double getL2() {
    return super.getL2();
  }

  @OptionMetadata(displayName = "validation fraction", description = "Fraction of the training data held out for "
      + "fairness-aware early stopping, in [0, 1). Default 0.2: the split is stratified by (group, class); the "
      + "epoch with the lowest fairness-constrained validation error is restored (among equal errors, the one with "
      + "the lowest validation cross-entropy). With L2, this early stopping is what made MinDiff lower the gap on "
      + "test data in our measurements (a network that fits its training data looks fair on it). 0 trains on all "
      + "rows without early stopping.",
      commandLineParamName = "validation-fraction", commandLineParamSynopsis = "-validation-fraction <double>",
      displayOrder = 18, category = "Early stopping and resume")
  @Override
  public double getValidationFraction() {
    return super.getValidationFraction();
  }

  // ---------------------------------------------------------------- options

  @OptionMetadata(displayName = "sensitive attribute", description = "The nominal attribute whose value "
      + "defines the sensitive group. A name or a 1-based index; 'first' takes the first nominal attribute "
      + "that is not the class, and switches MinDiff off when there is none. Default empty: building stops "
      + "with a list of the data's nominal attributes and their values to choose from.", commandLineParamName = "sensitive-attribute",
      commandLineParamSynopsis = "-sensitive-attribute <name|index|first>", displayOrder = 60, category = "MinDiff")
  public String getSensitiveAttribute() {
    return sensitiveAttribute;
  }

  public void setSensitiveAttribute(String sensitiveAttribute) {
    this.sensitiveAttribute = sensitiveAttribute;
  }

  @OptionMetadata(displayName = "sensitive value", description = "The value (label or 1-based index; a label wins "
      + "over an index) that defines the sensitive group; all other instances, missing values included, form the "
      + "reference group. Default empty: the attribute's first value.",
      commandLineParamName = "sensitive-value", commandLineParamSynopsis = "-sensitive-value <label|index>",
      displayOrder = 61, category = "MinDiff")
  public String getSensitiveValue() {
    return sensitiveValue;
  }

  public void setSensitiveValue(String sensitiveValue) {
    this.sensitiveValue = sensitiveValue == null ? "" : sensitiveValue;
  }

  @OptionMetadata(displayName = "positive class", description = "The class value whose probability MinDiff "
      + "compares between the groups. A label or a 1-based index; 'auto' takes the second value of a "
      + "binary class. A class with more values needs it set: the network still predicts every class, and "
      + "MinDiff compares this value against all others (one-vs-rest). Default auto.", commandLineParamName = "positive-class",
      commandLineParamSynopsis = "-positive-class <label|index|auto>", displayOrder = 62, category = "MinDiff")
  public String getPositiveClass() {
    return positiveClass;
  }

  public void setPositiveClass(String positiveClass) {
    this.positiveClass = positiveClass;
  }

  @OptionMetadata(displayName = "MinDiff label", description = "Which true label the MinDiff batches hold: POSITIVE "
      + "equalises false-negative rates, NEGATIVE false-positive rates (default POSITIVE).",
      commandLineParamName = "mindiff-label", commandLineParamSynopsis = "-mindiff-label <POSITIVE|NEGATIVE>",
      displayOrder = 63, category = "MinDiff")
  public MinDiffLabel getMindiffLabel() {
    return mindiffLabel;
  }

  public void setMindiffLabel(MinDiffLabel mindiffLabel) {
    this.mindiffLabel = mindiffLabel;
  }

  @OptionMetadata(displayName = "lambda", description = "Weight of the MMD penalty; 0 trains a plain "
      + "network. At least 0; default 1.5.", commandLineParamName = "lambda", commandLineParamSynopsis = "-lambda <double>",
      displayOrder = 64, category = "MinDiff")
  public double getLambda() {
    return lambda;
  }

  public void setLambda(double lambda) {
    this.lambda = lambda;
  }

  @OptionMetadata(displayName = "kernel", description = "MMD kernel on the positive-class probability: GAUSSIAN "
      + "exp(-d^2/l^2) or LAPLACIAN exp(-|d|/l) (default GAUSSIAN).", commandLineParamName = "kernel",
      commandLineParamSynopsis = "-kernel <GAUSSIAN|LAPLACIAN>", displayOrder = 65, category = "MinDiff")
  public Kernel getKernel() {
    return kernel;
  }

  public void setKernel(Kernel kernel) {
    this.kernel = kernel;
  }

  @OptionMetadata(displayName = "kernel length", description = "Length l of the MMD kernel. Greater than "
      + "0; default 0.1.",
      commandLineParamName = "kernel-length", commandLineParamSynopsis = "-kernel-length <double>", displayOrder = 66,
      category = "MinDiff")
  public double getKernelLength() {
    return kernelLength;
  }

  public void setKernelLength(double kernelLength) {
    this.kernelLength = kernelLength;
  }

  @OptionMetadata(displayName = "MinDiff batch size", description = "Instances drawn per group per step for the MMD, "
      + "> 0; groups cycle through their instances (default 128).", commandLineParamName = "mindiff-batch-size",
      commandLineParamSynopsis = "-mindiff-batch-size <int>", displayOrder = 67, category = "MinDiff")
  public int getMindiffBatchSize() {
    return mindiffBatchSize;
  }

  public void setMindiffBatchSize(int mindiffBatchSize) {
    this.mindiffBatchSize = mindiffBatchSize;
  }

  @OptionMetadata(displayName = "flood level", description = "Flood level b of the task loss: below b its gradient "
      + "is reversed, keeping the training loss near b; 0 turns flooding off, >= 0 (default 0).",
      commandLineParamName = "flood-level", commandLineParamSynopsis = "-flood-level <double>", displayOrder = 68,
      category = "Flooding and thresholds")
  public double getFloodLevel() {
    return floodLevel;
  }

  public void setFloodLevel(double floodLevel) {
    this.floodLevel = floodLevel;
  }

  @OptionMetadata(displayName = "gap tolerance", description = "Allowed rate gap epsilon of the "
      + "fairness-constrained error, used by the report and by early stopping. In [0, 1]; default 0.01.", commandLineParamName = "gap-tolerance",
      commandLineParamSynopsis = "-gap-tolerance <double>", displayOrder = 69, category = "Flooding and thresholds")
  public double getGapTolerance() {
    return gapTolerance;
  }

  public void setGapTolerance(double gapTolerance) {
    this.gapTolerance = gapTolerance;
  }

  @OptionMetadata(displayName = "sensitive attribute as input", description = "Also feed the sensitive attribute to "
      + "the network (default false: it only defines the groups).", commandLineParamName = "sensitive-as-input",
      commandLineParamSynopsis = "-sensitive-as-input", commandLineParamIsFlag = true, displayOrder = 70,
      category = "MinDiff")
  public boolean getSensitiveAsInput() {
    return sensitiveAsInput;
  }

  public void setSensitiveAsInput(boolean sensitiveAsInput) {
    this.sensitiveAsInput = sensitiveAsInput;
  }

  @OptionMetadata(displayName = "decision thresholds", description = "How the probabilities become "
      + "predictions (default DEFAULT). DEFAULT: the network's probability as it is; GROUP_CONSTRAINED: each "
      + "group's positive score shifted by the thresholds of the fairness-constrained validation error, so that "
      + "Weka's accuracy is the constrained accuracy (needs validation-fraction > 0).",
      commandLineParamName = "decision-thresholds",
      commandLineParamSynopsis = "-decision-thresholds <DEFAULT|GROUP_CONSTRAINED>", displayOrder = 71,
      category = "Flooding and thresholds")
  public DecisionThresholds getDecisionThresholds() {
    return decisionThresholds;
  }

  public void setDecisionThresholds(DecisionThresholds decisionThresholds) {
    this.decisionThresholds = decisionThresholds;
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  public static void main(String[] args) {
    CommandLineRun.classifier(new MinDiffNetwork(), args);
  }
}
