// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import java.io.Serial;
import org.overparam.common.Checks;
import org.overparam.itop.ItopConfig;
import org.overparam.nn.Activation;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.UpdaterType;
import weka.classifiers.functions.AbstractNetworkClassifier.Precision;
import weka.core.OptionMetadata;

/**
 * The Network, Optimisation and Early stopping options that every network learner of this package
 * shares, and the {@link NetworkConfig} they build. A layer of the class hierarchy between {@link
 * AbstractNetworkClassifier} (training and prediction) and {@link SparsityOptions}: Weka lists the
 * options of a class before those of its superclass, so these come before the Sparsity options, as
 * their display orders say. A learner with other defaults sets them in its constructor and
 * re-annotates the getter so that its dialog names them.
 */
public abstract class NetworkOptions extends SparsityOptions {
  @Serial private static final long serialVersionUID = 1L;

  // Network
  private String hiddenLayers = NetworkConfig.DEFAULT_HIDDEN_LAYERS;
  private Activation activation = NetworkConfig.DEFAULT_ACTIVATION;
  // Optimisation
  private int epochs = NetworkConfig.DEFAULT_EPOCHS;
  private int batchSizeTrain = NetworkConfig.DEFAULT_BATCH_SIZE;
  private UpdaterType updater = NetworkConfig.DEFAULT_UPDATER;
  private double learningRate = NetworkConfig.DEFAULT_LEARNING_RATE;
  private double momentum = NetworkConfig.DEFAULT_MOMENTUM;
  private double l2 = NetworkConfig.DEFAULT_L2;
  private LrSchedule lrSchedule = NetworkConfig.DEFAULT_SCHEDULE;
  private double lrMinFactor = NetworkConfig.DEFAULT_LR_MIN_FACTOR;
  private double validationFraction = NetworkConfig.DEFAULT_VALIDATION_FRACTION;
  private int patience = NetworkConfig.DEFAULT_PATIENCE;
  private Precision dataType = Precision.FLOAT;
  private boolean resume;
  private int trainingMultiplier = 1;
  private double gradientClip = NetworkConfig.DEFAULT_GRADIENT_CLIP;
  private boolean noCollapseGuard = !NetworkConfig.DEFAULT_COLLAPSE_GUARD;
  private int numThreads = NetworkConfig.DEFAULT_THREADS;

  /** The minibatch size that {@code -batch-size-train 0} (automatic) means for large training sets. */
  protected int nominalBatchSize() {
    return NetworkConfig.DEFAULT_BATCH_SIZE;
  }

  /** Builds the network configuration from the options (validating them). */
  public NetworkConfig networkConfig() {
    Checks.positive("-training-multiplier", trainingMultiplier);
    Checks.nonNegative("-batch-size-train", batchSizeTrain);
    return NetworkConfig.builder().hiddenLayers(NetworkConfig.parseLayers("-hidden-layers", hiddenLayers))
        .activation(activation).epochs(epochs * trainingMultiplier)
        .batchSize(batchSizeTrain == 0 ? nominalBatchSize() : batchSizeTrain).updater(updater)
        .learningRate(learningRate).momentum(momentum).l2(l2).schedule(lrSchedule).lrMinFactor(lrMinFactor)
        .doublePrecision(dataType == Precision.DOUBLE).validationFraction(validationFraction).patience(patience)
        .gradientClip(gradientClip).collapseGuard(!noCollapseGuard).threads(numThreads).seed(getSeed()).build();
  }

  /** The sparsity configuration, with the training multiplier: the topology schedule depends on it. */
  @Override
  public ItopConfig itopConfig() {
    return super.itopConfig().toBuilder().trainingMultiplier(trainingMultiplier).build();
  }

  // ---------------------------------------------------------------- resume (IterativeClassifier's, implemented by the subclass)

  public void setResume(boolean resume) throws Exception {
    this.resume = resume;
  }

  @OptionMetadata(displayName = "resume", description = "Keep the training state after building, so that building "
      + "again continues training for another 'epochs' epochs instead of starting afresh (in memory only; "
      + "default false).", commandLineParamName = "resume", commandLineParamSynopsis = "-resume",
      commandLineParamIsFlag = true, displayOrder = 30, category = "Early stopping and resume")
  public boolean getResume() {
    return resume;
  }

  // ---------------------------------------------------------------- Network options

  @OptionMetadata(displayName = "hidden layers", description = "Widths of the hidden layers, "
      + "comma-separated. Default 256,256.", commandLineParamName = "hidden-layers", commandLineParamSynopsis = "-hidden-layers <w1,w2,...>",
      displayOrder = 1, category = "Network")
  public String getHiddenLayers() {
    return hiddenLayers;
  }

  public void setHiddenLayers(String hiddenLayers) {
    this.hiddenLayers = hiddenLayers;
  }

  @OptionMetadata(displayName = "activation", description = "Activation of the hidden layers: RELU, LEAKYRELU, ELU, "
      + "TANH or SIGMOID (default RELU).", commandLineParamName = "activation",
      commandLineParamSynopsis = "-activation <RELU|LEAKYRELU|ELU|TANH|SIGMOID>", displayOrder = 2, category = "Network")
  public Activation getActivation() {
    return activation;
  }

  public void setActivation(Activation activation) {
    this.activation = activation;
  }

  // ---------------------------------------------------------------- Optimisation options

  @OptionMetadata(displayName = "epochs", description = "Number of passes over the training data (default 100).",
      commandLineParamName = "epochs", commandLineParamSynopsis = "-epochs <int>", displayOrder = 10,
      category = "Optimisation")
  public int getEpochs() {
    return epochs;
  }

  public void setEpochs(int epochs) {
    this.epochs = epochs;
  }

  @OptionMetadata(displayName = "training minibatch size", description = "Number of training instances per "
      + "optimiser step, used for training only. Greater than 0, or 0 for automatic: 64, or an eighth of "
      + "the training instances (at least 16) when that is smaller. Default 64. Not to be confused with "
      + "the prediction batch size (-batch-size).", commandLineParamName = "batch-size-train",
      commandLineParamSynopsis = "-batch-size-train <int>", displayOrder = 11, category = "Optimisation")
  public int getBatchSizeTrain() {
    return batchSizeTrain;
  }

  public void setBatchSizeTrain(int batchSizeTrain) {
    this.batchSizeTrain = batchSizeTrain;
  }

  @OptionMetadata(displayName = "updater", description = "Optimiser: NESTEROVS (SGD with Nesterov momentum), ADAM or SGD "
      + "(default NESTEROVS).", commandLineParamName = "updater", commandLineParamSynopsis = "-updater <NESTEROVS|ADAM|SGD>",
      displayOrder = 12, category = "Optimisation")
  public UpdaterType getUpdater() {
    return updater;
  }

  public void setUpdater(UpdaterType updater) {
    this.updater = updater;
  }

  @OptionMetadata(displayName = "learning rate", description = "Base learning rate of the optimiser. "
      + "Greater than 0; default 0.05.",
      commandLineParamName = "learning-rate", commandLineParamSynopsis = "-learning-rate <double>", displayOrder = 13,
      category = "Optimisation")
  public double getLearningRate() {
    return learningRate;
  }

  public void setLearningRate(double learningRate) {
    this.learningRate = learningRate;
  }

  @OptionMetadata(displayName = "momentum", description = "Momentum of the NESTEROVS updater. In [0, 1); "
      + "default 0.9.",
      commandLineParamName = "momentum", commandLineParamSynopsis = "-momentum <double>", displayOrder = 14,
      category = "Optimisation")
  public double getMomentum() {
    return momentum;
  }

  public void setMomentum(double momentum) {
    this.momentum = momentum;
  }

  @OptionMetadata(displayName = "L2", description = "Coupled L2 penalty on the weights, added to the "
      + "gradient like PyTorch's weight_decay. At least 0; default 5e-4.", commandLineParamName = "l2",
      commandLineParamSynopsis = "-l2 <double>", displayOrder = 15, category = "Optimisation")
  public double getL2() {
    return l2;
  }

  public void setL2(double l2) {
    this.l2 = l2;
  }

  @OptionMetadata(displayName = "learning-rate schedule", description = "How the learning rate changes "
      + "over the run. CONSTANT keeps it; STEP multiplies it by 0.1 at 50% and 75% of the steps, as in "
      + "ITOP; COSINE decays it to lr-min-factor times the base rate. Default STEP.",
      commandLineParamName = "lr-schedule", commandLineParamSynopsis = "-lr-schedule <CONSTANT|STEP|COSINE>",
      displayOrder = 16, category = "Optimisation")
  public LrSchedule getLrSchedule() {
    return lrSchedule;
  }

  public void setLrSchedule(LrSchedule lrSchedule) {
    this.lrSchedule = lrSchedule;
  }

  @OptionMetadata(displayName = "cosine final factor", description = "Final learning rate of the COSINE "
      + "schedule, as a fraction of the base rate. In [0, 1]; default 0.01.", commandLineParamName = "lr-min-factor",
      commandLineParamSynopsis = "-lr-min-factor <double>", displayOrder = 17, category = "Optimisation")
  public double getLrMinFactor() {
    return lrMinFactor;
  }

  public void setLrMinFactor(double lrMinFactor) {
    this.lrMinFactor = lrMinFactor;
  }

  @OptionMetadata(displayName = "validation fraction", description = "Fraction of the training data held "
      + "out for early stopping, which restores the best weights. The split is stratified; 0 disables "
      + "early stopping. In [0, 1); default 0.",
      commandLineParamName = "validation-fraction", commandLineParamSynopsis = "-validation-fraction <double>",
      displayOrder = 18, category = "Early stopping and resume")
  public double getValidationFraction() {
    return validationFraction;
  }

  public void setValidationFraction(double validationFraction) {
    this.validationFraction = validationFraction;
  }

  @OptionMetadata(displayName = "patience", description = "Epochs without a better validation score before early "
      + "stopping ends training, > 0 (default 10). An equal score with a lower validation loss counts as better.",
      commandLineParamName = "patience",
      commandLineParamSynopsis = "-patience <int>", displayOrder = 19, category = "Early stopping and resume")
  public int getPatience() {
    return patience;
  }

  public void setPatience(int patience) {
    this.patience = patience;
  }

  @OptionMetadata(displayName = "gradient clip", description = "Largest L2 norm of the loss gradient over all "
      + "parameters per step; a larger gradient is scaled down to it before L2 and the optimiser (PyTorch's "
      + "clip_grad_norm_). 0 = no clipping; -1 (default) = automatic: 5 for a numeric class, whose squared "
      + "error has no bounded gradient, none for a nominal class.", commandLineParamName = "gradient-clip",
      commandLineParamSynopsis = "-gradient-clip <double>", displayOrder = 23, category = "Stability")
  public double getGradientClip() {
    return gradientClip;
  }

  public void setGradientClip(double gradientClip) {
    this.gradientClip = gradientClip;
  }

  @OptionMetadata(displayName = "no collapse guard", description = "Keep the last weights even if training "
      + "collapsed. Without this flag a run whose epoch loss spikes above 10 times the best epoch's (and the "
      + "untrained network's), or that comes to predict one class for every training instance about as well as "
      + "the class frequencies, gets the weights of its best epoch back, stops, and says so in the model's "
      + "description (default false: the guard is on).", commandLineParamName = "no-collapse-guard",
      commandLineParamSynopsis = "-no-collapse-guard", commandLineParamIsFlag = true, displayOrder = 22,
      category = "Stability")
  public boolean getNoCollapseGuard() {
    return noCollapseGuard;
  }

  public void setNoCollapseGuard(boolean noCollapseGuard) {
    this.noCollapseGuard = noCollapseGuard;
  }

  @OptionMetadata(displayName = "data type", description = "Numeric precision: FLOAT (fast) or DOUBLE (default FLOAT).",
      commandLineParamName = "data-type", commandLineParamSynopsis = "-data-type <FLOAT|DOUBLE>", displayOrder = 20,
      category = "Optimisation")
  public Precision getDataType() {
    return dataType;
  }

  public void setDataType(Precision dataType) {
    this.dataType = dataType;
  }

  @OptionMetadata(displayName = "training multiplier", description = "ITOP's extended training: multiplies the epochs. "
      + "A sparse network keeps the update interval (Delta T) of the shorter run, so it makes this many times the "
      + "topology updates and explores more connections; the prune rate decays over the whole run. >= 1 (default 1).",
      commandLineParamName = "training-multiplier",
      commandLineParamSynopsis = "-training-multiplier <int>", displayOrder = 21, category = "Optimisation")
  public int getTrainingMultiplier() {
    return trainingMultiplier;
  }

  public void setTrainingMultiplier(int trainingMultiplier) {
    this.trainingMultiplier = trainingMultiplier;
  }

  @OptionMetadata(displayName = "number of threads", description = "Threads for training and prediction: the "
      + "products (OpenBLAS) and the sparse engine's kernels. 0 (default) = automatic: one thread for networks "
      + "of fewer than 1,000,000 weights, else the machine's cores up to 4; or a count >= 1. The model records "
      + "the count and its predictions use it. In FLOAT the results depend on it in the last digits "
      + "(OpenBLAS splits its products by it), so give a count to compare runs across machines; the sparse "
      + "engine's results do not depend on it.", commandLineParamName = "num-threads",
      commandLineParamSynopsis = "-num-threads <int>", displayOrder = 3, category = "Network")
  public int getNumThreads() {
    return numThreads;
  }

  public void setNumThreads(int numThreads) {
    this.numThreads = numThreads;
  }
}
