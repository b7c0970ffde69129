// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import java.io.File;
import java.io.IOException;
import java.io.Serial;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.overparam.common.Checks;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkModel;
import org.overparam.nn.Objective;
import org.overparam.nn.TrainingSet;
import org.overparam.sop.BalancePrior;
import org.overparam.sop.NoiseReport;
import org.overparam.sop.SopConfig;
import org.overparam.sop.SopObjective;
import org.overparam.sop.SopVariant;
import org.overparam.sop.UvLearningRate;
import org.overparam.sop.UvLrScaling;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.RevisionUtils;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.Utils;
import weka.gui.FilePropertyMetadata;
import weka.overparam.CommandLineRun;
import weka.overparam.OptionContract;
import weka.overparam.ReportFiles;
import weka.overparam.TrainingHeader;

/**
 * A multilayer perceptron trained under label noise with Sparse Over-Parameterization (SOP):
 * every training instance gets its own noise variables u_i (scalar) and v_i (one per class),
 * initialised near zero, whose sparse noise term s_i = u_i²·y_i − v_i²⊙(1 − y_i) is added to the
 * network's softmax output during training. u and v are trained by plain SGD with their own
 * learning rates alongside the network, so that the network fits the clean signal while s absorbs
 * wrong labels. Prediction uses the network alone. After training, the instances with the largest
 * ‖s_i‖ are reported as probably mislabelled, with the class the model suggests instead.
 *
 * <pre>
 * Liu, S., Zhu, Z., Qu, Q., You, C. (2022). Robust Training under Label Noise by
 * Over-parameterization. ICML 2022. arXiv:2202.14026.
 * </pre>
 *
 * Limitations: u and v exist only for the training rows, so the noise report covers the training
 * data (minus any early-stopping validation split); the second view of SOP+ is Gaussian noise
 * and masking on standardised inputs, not the image augmentation of the paper.
 */
public class SopRobustNetwork extends AbstractNetworkClassifier {
  @Serial private static final long serialVersionUID = -2213457619040287416L;

  private static final Logger LOG = Logger.getLogger(SopRobustNetwork.class.getName());

  private SopVariant sopVariant = SopConfig.DEFAULT_VARIANT;
  private double lrU = SopConfig.DEFAULT_LR_U;
  private double lrV = SopConfig.DEFAULT_LR_V;
  private UvLrScaling uvLrScaling = SopConfig.DEFAULT_SCALING;
  private int uvReferenceBatch = SopConfig.DEFAULT_REFERENCE_BATCH;
  private int uvReferenceEpochs = SopConfig.DEFAULT_REFERENCE_EPOCHS;
  private double uvInitStd = SopConfig.DEFAULT_INIT_STD;
  private boolean projectUv = SopConfig.DEFAULT_PROJECT_UV;
  private double lambdaConsistency = SopConfig.DEFAULT_LAMBDA_CONSISTENCY;
  private double lambdaBalance = SopConfig.DEFAULT_LAMBDA_BALANCE;
  private BalancePrior balancePrior = SopConfig.DEFAULT_BALANCE_PRIOR;
  private double viewNoiseStd = SopConfig.DEFAULT_VIEW_NOISE_STD;
  private double viewMaskProb = SopConfig.DEFAULT_VIEW_MASK_PROB;
  private boolean ceOnly = SopConfig.DEFAULT_CE_ONLY;
  private int noiseReportTopK = 20;
  private File noiseReportFile = new File("");

  // Fitted state
  private NoiseReport noiseReport;
  private String sopSummary = "";
  /** Where the last build wrote its noise report (null: not written). */
  private String reportFileNote;
  private transient int[] originalRows;
  private transient UvLearningRate[] effectiveRates;

  // The network defaults of the official SOP configuration (Liu et al. 2022), this learner's own:
  // its re-annotated getters below name them; the other network options keep NetworkConfig's.
  public static final String DEFAULT_HIDDEN_LAYERS = "128,128";
  /** Automatic: {@link #NOMINAL_BATCH_SIZE}, fewer for small training sets. */
  public static final int DEFAULT_BATCH_SIZE_TRAIN = 0;
  /** The paper's minibatch size. */
  public static final int NOMINAL_BATCH_SIZE = 128;
  public static final double DEFAULT_LEARNING_RATE = 0.02;
  public static final LrSchedule DEFAULT_LR_SCHEDULE = LrSchedule.COSINE;
  /**
   * Five times the official 1e-3 (set for ResNets with batch norm): in this MLP, weight decay slows the fitting of
   * individual wrong labels, which gives u and v time to grow. At 40% label noise it raised SOP on optdigits
   * (3 seeds) and fashion-mnist or left it unchanged, by up to 11 points under pair-flip noise (docs/results.md,
   * SopRobustNetwork, "Distance to the clean-label network"); 1e-2 helps pair flips more but flags too many
   * correctly labelled instances where classes overlap.
   */
  public static final double DEFAULT_L2 = 5e-3;

  public SopRobustNetwork() {
    setHiddenLayers(DEFAULT_HIDDEN_LAYERS);
    setBatchSizeTrain(DEFAULT_BATCH_SIZE_TRAIN);
    setLearningRate(DEFAULT_LEARNING_RATE);
    setLrSchedule(DEFAULT_LR_SCHEDULE);
    setL2(DEFAULT_L2);
  }

  public String globalInfo() {
    return "A neural network robust to label noise (SOP). It is a multilayer perceptron trained under label noise "
        + "with Sparse Over-Parameterization (SOP), which also "
        + "reports the training instances whose labels it believes are wrong.\n\n"
        + "Every training instance gets noise variables u_i (a scalar) and v_i (one per class), initialised near "
        + "zero. Their sparse noise term s_i = u_i^2 y_i - v_i^2 (1 - y_i) is added to the network's softmax output "
        + "during training, and u, v are trained by plain SGD with their own learning rates (lr-u, lr-v, rescaled "
        + "to the batch size and epochs, see uv-lr-scaling) alongside the network: the network fits the clean "
        + "signal while s absorbs corrupted labels. SOP+ adds a consistency term between two views of each "
        + "instance and a class-balance term. Prediction uses the network alone. After training, the model output "
        + "lists the instances with the largest ||s_i|| (probable label errors) with the class suggested instead; "
        + "the full list can be written to a CSV file (noise report file; from Java: getNoiseReport()). "
        + "With sparsity > 0 the network is trained sparse with ITOP.\n\n"
        + "Inputs: nominal attributes are one-hot encoded, numeric ones standardised; missing values are imputed. "
        + "Training runs on DL4J/ND4J.\n\nFor more information see:\n" + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation t = new TechnicalInformation(Type.INPROCEEDINGS);
    t.setValue(Field.AUTHOR, "Sheng Liu and Zhihui Zhu and Qing Qu and Chong You");
    t.setValue(Field.TITLE, "Robust Training under Label Noise by Over-parameterization");
    t.setValue(Field.BOOKTITLE, "Proceedings of the 39th International Conference on Machine Learning (ICML)");
    t.setValue(Field.YEAR, "2022");
    t.setValue(Field.NOTE, "arXiv:2202.14026");
    return t;
  }

  /** The validated SOP configuration built from the current options. */
  public SopConfig sopConfig() {
    return SopConfig.builder().variant(sopVariant).lrU(lrU).lrV(lrV).scaling(uvLrScaling)
        .referenceBatch(uvReferenceBatch).referenceEpochs(uvReferenceEpochs).initStd(uvInitStd).projectUv(projectUv)
        .lambdaConsistency(lambdaConsistency).lambdaBalance(lambdaBalance).balancePrior(balancePrior)
        .viewNoiseStd(viewNoiseStd).viewMaskProb(viewMaskProb).ceOnly(ceOnly).build();
  }

  @Override
  public void checkOptions() {
    super.checkOptions();
    sopConfig();
    Checks.nonNegative("-noise-report-top-k", noiseReportTopK);
    if (!noiseReportFile.getPath().isEmpty()) {
      Path parent = noiseReportFile.toPath().toAbsolutePath().getParent();
      Checks.require(parent == null || Files.isDirectory(parent),
          "-noise-report-file: the directory " + parent + " does not exist");
    }
  }

  @Override
  public void initializeClassifier(Instances data) throws Exception {
    TrainingHeader.requireData(data);
    if (getResume() && originalRows != null) {
      super.initializeClassifier(data);
      return;
    }
    noiseReport = null;
    sopSummary = "";
    checkOptions(); // fail before any work on a bad option
    // The report names instances by their position in the data the user gave us.
    originalRows = java.util.stream.IntStream.range(0, data.numInstances())
        .filter(i -> !data.instance(i).classIsMissing()).toArray();
    super.initializeClassifier(data);
  }

  @Override
  protected int nominalBatchSize() {
    return NOMINAL_BATCH_SIZE;
  }

  @Override
  protected void checkTrainingData(Instances train) throws Exception {
    long trainRows = Math.round(train.numInstances() * (1 - getValidationFraction()));
    if (getBatchSizeTrain() > trainRows) {
      throw new IllegalArgumentException("the training set has " + trainRows + " instances (with a class value"
          + (getValidationFraction() > 0 ? ", after the validation split" : "") + "), fewer than -batch-size-train "
          + getBatchSizeTrain() + "; SOP's per-instance learning rates assume full minibatches, so lower "
          + "-batch-size-train to at most " + Math.max(1, trainRows) + " or set it to 0 (automatic)");
    }
  }

  /** A numeric class is refused with this reason (see {@link AbstractNetworkClassifier#numericClassRefusal}). */
  @Override
  protected String numericClassRefusal() {
    return "SOP models label noise, wrong labels among classes, and a numeric class has no labels to be wrong";
  }

  @Override
  protected Objective createObjective(Instances train, TrainingSet set) throws Exception {
    SopConfig config = sopConfig();
    NetworkConfig net = runConfig();
    UvLearningRate rateU = config.effectiveLrU(net.batchSize(), net.epochs());
    UvLearningRate rateV = config.effectiveLrV(net.batchSize(), net.epochs());
    if ((rateU.capped() || rateV.capped()) && !config.ceOnly()) {
      LOG.info("SOP: the rescaled default " + (rateU.capped() ? rateV.capped() ? "lr-u and lr-v were" : "lr-u was"
          : "lr-v was") + " capped at batch-size-train/8 = " + net.batchSize() / 8.0 + " for stability");
    }
    effectiveRates = new UvLearningRate[] {rateU, rateV};
    return new SopObjective(config, rateU.value(), rateV.value());
  }

  @Override
  protected void afterTraining(NetworkModel fitted, Instances train, TrainingSet set, Objective objective)
      throws Exception {
    SopObjective sop = (SopObjective) objective;
    NoiseReport positions = sop.noiseReport();
    if (positions != null) {
      // positions are rows of `train` (missing classes removed); map them back to the user's data
      boolean mapped = originalRows != null && originalRows.length == set.size();
      int[] ids = new int[positions.size()];
      for (int r = 0; r < ids.length; r++) {
        int row = positions.entry(r).row();
        ids[r] = mapped ? originalRows[row] : row;
      }
      noiseReport = positions.withRowIds(ids);
    }
    sopSummary = summarize(sop);
    reportFileNote = null;
    if (noiseReport != null && !noiseReportFile.getPath().isEmpty()) {
      Path file = noiseReportFile.toPath().toAbsolutePath().normalize();
      if (ReportFiles.claim(file, train)) {
        writeNoiseReport(file);
        reportFileNote = "noise report of all " + noiseReport.size() + " instances written to " + file;
      } else {
        // a cross-validation fold or a split of the data whose model wrote it: that model's report stays
        LOG.info("SOP: " + file + " not rewritten: this model's " + train.numInstances() + " training instances are "
            + "a part of the data that wrote it (a cross-validation fold or a percentage split)");
      }
    }
  }

  @Override
  protected List<String> optionNotes(Map<String, String> changed) {
    List<String> notes = super.optionNotes(changed);
    if (ceOnly) {
      List<String> sop = OptionContract.flagsIn(changed, "Label noise");
      sop.addAll(OptionContract.flagsIn(changed, "SOP+"));
      sop.removeAll(List.of("-ce-only", "-noise-report-top-k", "-noise-report-file"));
      noEffect(notes, sop, "with -ce-only (no noise variables, no SOP+ terms)");
    }
    return notes;
  }

  private String summarize(SopObjective sop) {
    StringBuilder sb = new StringBuilder("\nSOP\n");
    if (ceOnly) {
      sb.append("ce-only baseline: plain softmax cross-entropy, no noise variables\n");
      return sb.toString();
    }
    if (getBatchSizeTrain() == 0) {
      sb.append(String.format("batch size %d (automatic)%n", runConfig().batchSize()));
    }
    sb.append(String.format("variant %s; effective lr-u %s (%s), lr-v %s (%s)%n", sopVariant,
        Utils.doubleToString(effectiveRates[0].value(), 6), derivation(effectiveRates[0], lrU),
        Utils.doubleToString(effectiveRates[1].value(), 6), derivation(effectiveRates[1], lrV)));
    if (lambdaConsistency > 0 || lambdaBalance > 0) {
      sb.append(String.format("SOP+: lambda-consistency %s, lambda-balance %s (%s prior)%n",
          Utils.doubleToString(lambdaConsistency, 4), Utils.doubleToString(lambdaBalance, 4), balancePrior));
    }
    sb.append(String.format("final training CE %s, MSE %s%n", Utils.doubleToString(sop.lastEpochCe(), 5),
        Utils.doubleToString(sop.lastEpochMse(), 5)));
    if (getSparsity() > 0 && (effectiveRates[0].rescaled() || effectiveRates[1].rescaled())) {
      // measured on segment (60 epochs, -sparsity 0.9): 54.8% with 42% of the clean labels flagged, 90.4% with NONE
      sb.append("WARNING: a sparse network with lr-u / lr-v rescaled by MATCH_GROWTH: the noise variables can take "
          + "over its labels; compare with -uv-lr-scaling NONE and with -ce-only\n");
    }
    return sb.toString();
  }

  /** How an effective u/v rate came from its option: "as given", or rescaled (and capped) by the scaling mode. */
  private String derivation(UvLearningRate rate, double given) {
    if (!rate.rescaled()) {
      return "as given";
    }
    return "default " + Utils.doubleToString(given, 6) + " rescaled by " + uvLrScaling
        + (rate.capped() ? ", capped at batch-size-train/8" : "");
  }

  @Override
  protected String describeModel() {
    StringBuilder sb = new StringBuilder(sopSummary);
    if (noiseReport == null) {
      return sb.toString();
    }
    if (reportFileNote != null) {
      sb.append(reportFileNote).append('\n');
    }
    int n = noiseReport.size();
    int flagged = noiseReport.numFlagged();
    sb.append(String.format("instances flagged as mislabelled (argmax(y - s) != given label): %d of %d (%.2f%%)%n",
        flagged, n, 100.0 * flagged / n));
    if (flagged >= FLAGGED_WARNING * n) {
      sb.append(String.format("WARNING: %.0f%% of the labels flagged: the noise variables have taken over the labels "
          + "rather than found wrong ones (lower -lr-u / -lr-v or -uv-init-std)%n", 100.0 * flagged / n));
    }
    sb.append(String.format("mean U (u^2 at the given label): flagged %s, unflagged %s%n",
        meanOrNone(noiseReport.meanLabelTerm(true)), meanOrNone(noiseReport.meanLabelTerm(false))));
    int k = Math.min(noiseReportTopK, n);
    if (k > 0) {
      sb.append(String.format("%nTop %d instances by noise score (instance = 1-based position in the training data)%n"
          + "(flagged yes: SOP suggests another label; no: listed by score, suggested = the network's prediction)%n",
          k));
      sb.append(String.format("%10s  %-20s  %-20s  %8s  %s%n", "instance", "given", "suggested", "score", "flagged"));
      for (NoiseReport.Entry e : noiseReport.top(k)) {
        sb.append(String.format("%10d  %-20s  %-20s  %8.4f  %s%n", e.row() + 1, className(e.givenLabel()),
            className(e.suggestedLabel()), e.score(), e.flagged() ? "yes" : "no"));
      }
    }
    return sb.toString();
  }

  /**
   * Flagging this share of the labels or more is no finding (even 60% symmetric noise flags less): the noise
   * variables grew until they explain every label, as a too large -lr-u / -lr-v makes them.
   */
  static final double FLAGGED_WARNING = 0.9;

  /** A mean over no instances (none flagged, or all) reads "none", not NaN. */
  private static String meanOrNone(double mean) {
    return Double.isNaN(mean) ? "none" : Utils.doubleToString(mean, 4);
  }

  private String className(int index) {
    return trainingHeader().classAttribute().value(index);
  }

  /**
   * The report of suspected label errors of the last training run, or null (not built, or
   * {@code ce-only}). Its rows are 0-based positions in the data given to buildClassifier.
   */
  public NoiseReport getNoiseReport() {
    return noiseReport;
  }

  /**
   * Writes the full noise report as CSV, sorted by decreasing score: instance (1-based position in
   * the training data), given label, suggested label, score, flagged.
   */
  public void writeNoiseReport(Path file) throws IOException {
    if (noiseReport == null) {
      throw new IllegalStateException("no noise report: build the classifier first (and without ce-only)");
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeNoiseReport(out);
    }
  }

  /** Writes the full noise report as CSV (see {@link #writeNoiseReport(Path)}). */
  public void writeNoiseReport(Writer out) throws IOException {
    out.write("instance,given,suggested,score,flagged\n");
    for (int i : noiseReport.ranking()) {
      NoiseReport.Entry e = noiseReport.entry(i);
      out.write((e.row() + 1) + "," + csv(className(e.givenLabel())) + "," + csv(className(e.suggestedLabel())) + ","
          + e.score() + "," + e.flagged() + "\n");
    }
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  // ---------------------------------------------------------------- network options with SOP's defaults

  @OptionMetadata(displayName = "hidden layers", description = "Widths of the hidden layers, comma-separated. "
      + "Default 128,128.", commandLineParamName = "hidden-layers",
      commandLineParamSynopsis = "-hidden-layers <w1,w2,...>", displayOrder = 1, category = "Network")
  @Override
  public String getHiddenLayers() {
    return super.getHiddenLayers();
  }

  @OptionMetadata(displayName = "training minibatch size", description = "Number of training instances per "
      + "optimiser step, used for training only. Greater than 0, or 0 for automatic: 128 (the paper's), or an "
      + "eighth of the training instances (at least 16) when that is smaller. Default 0 (automatic). For a small "
      + "training set (a few thousand instances) with symmetric label noise, 32 came closer to the clean-label "
      + "accuracy (the network gets more steps per update of u and v); not for class-dependent noise, whose wrong "
      + "labels it then fits. Not to be confused with the prediction batch size (-batch-size).",
      commandLineParamName = "batch-size-train",
      commandLineParamSynopsis = "-batch-size-train <int>", displayOrder = 11, category = "Optimisation")
  @Override
  public int getBatchSizeTrain() {
    return super.getBatchSizeTrain();
  }

  @OptionMetadata(displayName = "learning rate", description = "Base learning rate of the optimiser. Greater than "
      + "0; default 0.02.", commandLineParamName = "learning-rate", commandLineParamSynopsis = "-learning-rate <double>",
      displayOrder = 13, category = "Optimisation")
  @Override
  public double getLearningRate() {
    return super.getLearningRate();
  }

  @OptionMetadata(displayName = "L2", description = "Coupled L2 penalty on the weights, added to the gradient like "
      + "PyTorch's weight_decay. At least 0; default 5e-3 (the official SOP configuration: 1e-3).", commandLineParamName = "l2",
      commandLineParamSynopsis = "-l2 <double>", displayOrder = 15, category = "Optimisation")
  @Override
  public double getL2() {
    return super.getL2();
  }

  @OptionMetadata(displayName = "learning-rate schedule", description = "How the learning rate changes over the "
      + "run. CONSTANT keeps it; STEP multiplies it by 0.1 at 50% and 75% of the steps, as in ITOP; COSINE decays "
      + "it to lr-min-factor times the base rate. Default COSINE.",
      commandLineParamName = "lr-schedule", commandLineParamSynopsis = "-lr-schedule <CONSTANT|STEP|COSINE>",
      displayOrder = 16, category = "Optimisation")
  @Override
  public LrSchedule getLrSchedule() {
    return super.getLrSchedule();
  }

  // ---------------------------------------------------------------- SOP options

  @OptionMetadata(displayName = "SOP variant", description = "Which losses train u: PAPER (Algorithm 1: cross-entropy "
      + "only) or REPO_HEAD (the official code's HEAD: cross-entropy and MSE) (default PAPER).",
      commandLineParamName = "sop-variant", commandLineParamSynopsis = "-sop-variant <PAPER|REPO_HEAD>",
      displayOrder = 60, category = "Label noise")
  public SopVariant getSopVariant() {
    return sopVariant;
  }

  public void setSopVariant(SopVariant sopVariant) {
    this.sopVariant = sopVariant;
  }

  @OptionMetadata(displayName = "lr u", description = "Plain-SGD learning rate of u, >= 0. The default 1 (official "
      + "CIFAR-100 value) is given at the reference scale (uv-reference-batch, uv-reference-epochs) and rescaled by "
      + "uv-lr-scaling; any other value is used as given.",
      commandLineParamName = "lr-u", commandLineParamSynopsis = "-lr-u <double>", displayOrder = 61,
      category = "Label noise")
  public double getLrU() {
    return lrU;
  }

  public void setLrU(double lrU) {
    this.lrU = lrU;
  }

  @OptionMetadata(displayName = "lr v", description = "Plain-SGD learning rate of v, >= 0. The default 10 (official "
      + "CIFAR-100 symmetric-noise value) is given at the reference scale and rescaled by uv-lr-scaling; any other "
      + "value is used as given (the paper uses 100 for asymmetric noise).",
      commandLineParamName = "lr-v", commandLineParamSynopsis = "-lr-v <double>", displayOrder = 62,
      category = "Label noise")
  public double getLrV() {
    return lrV;
  }

  public void setLrV(double lrV) {
    this.lrV = lrV;
  }

  @OptionMetadata(displayName = "u/v learning-rate scaling", description = "Whether lr-u and lr-v left at their "
      + "defaults follow this run's batch size and epochs (default MATCH_GROWTH). MATCH_GROWTH rescales them from "
      + "the reference batch size and epochs to this run's, keeping the growth of u and v over the run, capped at "
      + "batch-size-train/8; NONE uses the defaults as given. A rate set to another value is always used as given.",
      commandLineParamName = "uv-lr-scaling",
      commandLineParamSynopsis = "-uv-lr-scaling <MATCH_GROWTH|NONE>", displayOrder = 63, category = "Label noise")
  public UvLrScaling getUvLrScaling() {
    return uvLrScaling;
  }

  public void setUvLrScaling(UvLrScaling uvLrScaling) {
    this.uvLrScaling = uvLrScaling;
  }

  @OptionMetadata(displayName = "u/v reference batch size", description = "Batch size at which the defaults of "
      + "lr-u and lr-v are given, > 0 (default 128, the paper's).", commandLineParamName = "uv-reference-batch",
      commandLineParamSynopsis = "-uv-reference-batch <int>", displayOrder = 64, category = "Label noise")
  public int getUvReferenceBatch() {
    return uvReferenceBatch;
  }

  public void setUvReferenceBatch(int uvReferenceBatch) {
    this.uvReferenceBatch = uvReferenceBatch;
  }

  @OptionMetadata(displayName = "u/v reference epochs", description = "Number of epochs at which the defaults "
      + "of lr-u and lr-v are given, > 0 (default 300, the paper's).", commandLineParamName = "uv-reference-epochs",
      commandLineParamSynopsis = "-uv-reference-epochs <int>", displayOrder = 65, category = "Label noise")
  public int getUvReferenceEpochs() {
    return uvReferenceEpochs;
  }

  public void setUvReferenceEpochs(int uvReferenceEpochs) {
    this.uvReferenceEpochs = uvReferenceEpochs;
  }

  @OptionMetadata(displayName = "u/v init std", description = "Standard deviation of the Gaussian "
      + "initialisation of u and v. Greater than 0; default 0.1, a head start so that they grow within a "
      + "100-epoch run (the official value is 1e-8 for 300 epochs).", commandLineParamName = "uv-init-std", commandLineParamSynopsis = "-uv-init-std <double>",
      displayOrder = 66, category = "Label noise")
  public double getUvInitStd() {
    return uvInitStd;
  }

  public void setUvInitStd(double uvInitStd) {
    this.uvInitStd = uvInitStd;
  }

  @OptionMetadata(displayName = "project u, v", description = "Clip u and v to [-1, 1] after each step (default false; "
      + "the clamps of the loss already freeze them there).", commandLineParamName = "project-uv",
      commandLineParamSynopsis = "-project-uv", commandLineParamIsFlag = true, displayOrder = 67,
      category = "Label noise")
  public boolean getProjectUv() {
    return projectUv;
  }

  public void setProjectUv(boolean projectUv) {
    this.projectUv = projectUv;
  }

  @OptionMetadata(displayName = "lambda consistency", description = "SOP+ weight of the consistency term "
      + "between the network's outputs on two views of each instance; 0 gives plain SOP. At least 0; "
      + "default 0; official SOP+ uses 0.9.",
      commandLineParamName = "lambda-consistency", commandLineParamSynopsis = "-lambda-consistency <double>",
      displayOrder = 68, category = "SOP+ and noise report")
  public double getLambdaConsistency() {
    return lambdaConsistency;
  }

  public void setLambdaConsistency(double lambdaConsistency) {
    this.lambdaConsistency = lambdaConsistency;
  }

  @OptionMetadata(displayName = "lambda balance", description = "SOP+ weight of the class-balance term; 0 "
      + "gives plain SOP. At least 0; default 0; official SOP+ uses 0.1.", commandLineParamName = "lambda-balance",
      commandLineParamSynopsis = "-lambda-balance <double>", displayOrder = 69, category = "SOP+ and noise report")
  public double getLambdaBalance() {
    return lambdaBalance;
  }

  public void setLambdaBalance(double lambdaBalance) {
    this.lambdaBalance = lambdaBalance;
  }

  @OptionMetadata(displayName = "balance prior", description = "Target class distribution of the balance term: UNIFORM "
      + "(paper) or EMPIRICAL (training class frequencies, for imbalanced data) (default UNIFORM).",
      commandLineParamName = "balance-prior", commandLineParamSynopsis = "-balance-prior <UNIFORM|EMPIRICAL>",
      displayOrder = 70, category = "SOP+ and noise report")
  public BalancePrior getBalancePrior() {
    return balancePrior;
  }

  public void setBalancePrior(BalancePrior balancePrior) {
    this.balancePrior = balancePrior;
  }

  @OptionMetadata(displayName = "view noise std", description = "Standard deviation of the Gaussian noise "
      + "added to the standardised inputs to make the second view, used when lambda-consistency > 0. At "
      + "least 0; default 0.1.",
      commandLineParamName = "view-noise-std", commandLineParamSynopsis = "-view-noise-std <double>", displayOrder = 71,
      category = "SOP+ and noise report")
  public double getViewNoiseStd() {
    return viewNoiseStd;
  }

  public void setViewNoiseStd(double viewNoiseStd) {
    this.viewNoiseStd = viewNoiseStd;
  }

  @OptionMetadata(displayName = "view mask probability", description = "Probability that an input is set "
      + "to its mean in the second view. After standardisation the mean is 0. In [0, 1); default 0.", commandLineParamName = "view-mask-prob",
      commandLineParamSynopsis = "-view-mask-prob <double>", displayOrder = 72, category = "SOP+ and noise report")
  public double getViewMaskProb() {
    return viewMaskProb;
  }

  public void setViewMaskProb(double viewMaskProb) {
    this.viewMaskProb = viewMaskProb;
  }

  @OptionMetadata(displayName = "CE only", description = "Baseline: train the same network with plain softmax "
      + "cross-entropy (no noise variables, no SOP+ terms, no noise report) (default false).",
      commandLineParamName = "ce-only", commandLineParamSynopsis = "-ce-only", commandLineParamIsFlag = true,
      displayOrder = 73, category = "Label noise")
  public boolean getCeOnly() {
    return ceOnly;
  }

  public void setCeOnly(boolean ceOnly) {
    this.ceOnly = ceOnly;
  }

  @OptionMetadata(displayName = "noise report top k", description = "Number of suspected label errors listed in the "
      + "model output, >= 0 (default 20).", commandLineParamName = "noise-report-top-k",
      commandLineParamSynopsis = "-noise-report-top-k <int>", displayOrder = 74, category = "SOP+ and noise report")
  public int getNoiseReportTopK() {
    return noiseReportTopK;
  }

  public void setNoiseReportTopK(int noiseReportTopK) {
    this.noiseReportTopK = noiseReportTopK;
  }

  @OptionMetadata(displayName = "noise report file", description = "CSV file that receives the full noise "
      + "report after training. It lists every training instance: instance (1-based), given label, "
      + "suggested label, score and flagged, sorted by score. In a cross-validation "
      + "or percentage split, only the model built on all the data writes it. Default empty: no file is written.",
      commandLineParamName = "noise-report-file",
      commandLineParamSynopsis = "-noise-report-file <path>", displayOrder = 75, category = "SOP+ and noise report")
  @FilePropertyMetadata(fileChooserDialogType = javax.swing.JFileChooser.SAVE_DIALOG, directoriesOnly = false)
  public File getNoiseReportFile() {
    return noiseReportFile;
  }

  public void setNoiseReportFile(File noiseReportFile) {
    this.noiseReportFile = noiseReportFile == null ? new File("") : new File(noiseReportFile.getPath().trim());
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  public static void main(String[] args) {
    CommandLineRun.classifier(new SopRobustNetwork(), args);
  }
}
