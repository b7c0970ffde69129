package weka.classifiers.functions;

import java.io.Serial;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.overparam.common.Checks;
import org.overparam.common.Seeds;
import org.overparam.common.TrainingHistory;
import org.overparam.itop.Distribution;
import org.overparam.itop.Growth;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.ItopHook;
import org.overparam.itop.ItopReport;
import org.overparam.itop.PruneDecay;
import org.overparam.itop.RegrowInit;
import org.overparam.nn.Activation;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkModel;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.Objective;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.TrainingSet;
import org.overparam.nn.UpdaterType;
import org.overparam.nn.ValidationScore;
import weka.classifiers.IterativeClassifier;
import weka.core.BatchPredictor;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.LogHandler;
import weka.core.OptionMetadata;
import weka.gui.ProgrammaticProperty;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;
import weka.overparam.ContractClassifier;
import weka.overparam.InstancesConverter;
import weka.overparam.OptionContract;
import weka.overparam.TrainingHistoryHandler;
import weka.overparam.TrainingProgress;

/**
 * The Weka side shared by every network learner of this package: options, data conversion,
 * iterative training (one epoch per {@link #next()}), batched prediction and serialization. A
 * subclass supplies its {@link Objective} (and optionally a validation score and a report); any
 * network can be trained sparse with ITOP through the Sparsity options, so the methods compose.
 */
public abstract class AbstractNetworkClassifier extends ContractClassifier implements IterativeClassifier,
    BatchPredictor, WeightedInstancesHandler, TechnicalInformationHandler, TrainingHistoryHandler, LogHandler {
  @Serial private static final long serialVersionUID = 1L;

  /** Numeric precision of training and prediction. */
  public enum Precision {
    /** 32-bit floats (fast; the default). */
    FLOAT,
    /** 64-bit doubles (for gradient checks and exact reproducibility studies). */
    DOUBLE
  }

  // Network
  private String hiddenLayers = "256,256";
  private Activation activation = Activation.RELU;
  // Optimisation
  private int epochs = 100;
  private int batchSizeTrain = 64;
  private UpdaterType updater = UpdaterType.NESTEROVS;
  private double learningRate = 0.05;
  private double momentum = 0.9;
  private double l2 = 5e-4;
  private LrSchedule lrSchedule = LrSchedule.STEP;
  private double lrMinFactor = 0.01;
  private double validationFraction = 0;
  private int patience = 10;
  private Precision dataType = Precision.FLOAT;
  private boolean resume;
  // Sparsity (ITOP)
  private double sparsity = 0;
  private Distribution distribution = Distribution.ERK;
  private double erkPower = 1.0;
  private double erEpsilon = 20;
  private boolean keepFirstDense;
  private boolean keepOutputDense;
  private Growth growth = Growth.RANDOM;
  private double pruneRate = 0.5;
  private double pruneRateMin = 0.005;
  private PruneDecay pruneDecay = PruneDecay.COSINE;
  private int numTopologyUpdates = 50;
  private int updateInterval = 0;
  private double updateIntervalFraction = 0;
  private double minUpdateIntervalEpochs = 1.0;
  private double stopUpdatesAt = 1.0;
  private RegrowInit regrowInit = RegrowInit.ZERO;
  private double regrowInitStd = 0.1;
  private boolean reinitWhenSame;
  private boolean noGradientMasking;
  private boolean fixMask;
  private ExecutionMode sparseExecution = ExecutionMode.AUTO;
  private int trainingMultiplier = 1;

  // Fitted state
  protected InstancesConverter converter;
  protected NetworkModel model;
  protected ItopReport itopReport;
  private String trainingSummary;
  private TrainingHistory history;
  private String configLine;
  private transient TrainingProgress progress;
  private transient NetworkTrainer trainer;
  private transient ItopHook itopHook;
  private transient long trainingStart;
  /** The configuration of the current run (batch size fitted to the data). */
  private transient NetworkConfig runConfig;
  /** Identifies the data of a resumable run, so that -resume cannot continue on other data. */
  private transient long dataFingerprint;

  protected AbstractNetworkClassifier() {
    setSeed(1);
  }

  // ---------------------------------------------------------------- subclass hooks

  /** The training objective; the default is weighted softmax cross-entropy. */
  protected Objective createObjective(Instances train, TrainingSet set) throws Exception {
    return new SoftmaxCrossEntropy();
  }

  /** Early-stopping score on the validation split (null = cross-entropy). */
  protected ValidationScore createValidationScore(Instances train, TrainingSet set) throws Exception {
    return null;
  }

  /** Attribute indices that are not network inputs (e.g. MinDiff's sensitive attribute). */
  protected int[] ignoredAttributes(Instances train) throws Exception {
    return new int[0];
  }

  /** Extra checks on the training data (after rows with a missing class are removed). */
  protected void checkTrainingData(Instances train) throws Exception {}

  /** The minibatch size that {@code -batch-size-train 0} (automatic) means for large training sets. */
  protected int nominalBatchSize() {
    return 64;
  }

  /**
   * The configuration for {@code trainRows} training rows (after any validation split). An
   * automatic batch size ({@code -batch-size-train 0}) becomes the nominal size, or for small data
   * an eighth of the rows (at least 16, at most all of them), so that an epoch has several steps.
   */
  protected NetworkConfig fitToData(NetworkConfig config, long trainRows) {
    if (batchSizeTrain != 0) {
      return config;
    }
    long eighth = Math.max(16, (trainRows + 7) / 8);
    int size = (int) Math.min(Math.min(nominalBatchSize(), eighth), Math.max(1, trainRows));
    if (size != config.batchSize()) {
      Logger.getLogger(getClass().getName()).info(learnerName() + ": " + trainRows + " training instances: "
          + "automatic batch size " + size + " instead of " + config.batchSize());
    }
    return config.withBatchSize(size);
  }

  /** The configuration of the run in progress or last finished (after {@link #fitToData}). */
  protected NetworkConfig runConfig() {
    return runConfig;
  }

  /** Called after training, with the data the network was trained on, row for row. */
  protected void afterTraining(NetworkModel fitted, Instances train, TrainingSet set, Objective objective)
      throws Exception {}

  /** Extra text for {@link #toString()} (after the network summary). */
  protected String describeModel() {
    return "";
  }

  /** Name used in toString() and log lines. */
  protected String learnerName() {
    return getClass().getSimpleName();
  }

  // ---------------------------------------------------------------- Weka API

  @Override
  public Capabilities getCapabilities() {
    Capabilities c = super.getCapabilities();
    c.disableAll();
    c.enable(Capability.NOMINAL_ATTRIBUTES);
    c.enable(Capability.NUMERIC_ATTRIBUTES);
    c.enable(Capability.DATE_ATTRIBUTES);
    c.enable(Capability.MISSING_VALUES);
    c.enable(Capability.NOMINAL_CLASS);
    c.enable(Capability.BINARY_CLASS);
    c.enable(Capability.MISSING_CLASS_VALUES);
    c.setMinimumNumberInstances(1);
    return c;
  }

  /** Validates every option (ranges and combinations), naming the flag of the first bad one. */
  @Override
  public void checkOptions() {
    networkConfig();
    itopConfig();
    Checks.require(!(sparseExecution == ExecutionMode.SPARSE && dataType == Precision.DOUBLE && sparsity > 0),
        "-sparse-execution SPARSE runs in float32 only: use -data-type FLOAT or -sparse-execution DENSE");
    Checks.require(OptionContract.parseInt("-batch-size", getBatchSize()) > 0,
        "-batch-size must be > 0, got " + getBatchSize());
  }

  /** Builds the network configuration from the options (validating them). */
  public NetworkConfig networkConfig() {
    Checks.positive("-training-multiplier", trainingMultiplier);
    Checks.nonNegative("-batch-size-train", batchSizeTrain);
    return new NetworkConfig(NetworkConfig.parseLayers("-hidden-layers", hiddenLayers), activation,
        epochs * trainingMultiplier, batchSizeTrain == 0 ? nominalBatchSize() : batchSizeTrain, updater, learningRate,
        momentum, l2, lrSchedule, lrMinFactor, dataType == Precision.DOUBLE, validationFraction, patience, getSeed());
  }

  /** Builds the sparsity configuration. */
  public ItopConfig itopConfig() {
    return new ItopConfig(sparsity, distribution, erkPower, erEpsilon, keepFirstDense, keepOutputDense, growth,
        pruneRate, pruneRateMin, pruneDecay, numTopologyUpdates, updateInterval, updateIntervalFraction,
        minUpdateIntervalEpochs, stopUpdatesAt, regrowInit, regrowInitStd, reinitWhenSame, !noGradientMasking,
        fixMask, sparseExecution);
  }

  @Override
  public void buildClassifier(Instances data) throws Exception {
    initializeClassifier(data);
    while (next()) {
      // one epoch per call
    }
    done();
  }

  @Override
  public void initializeClassifier(Instances data) throws Exception {
    if (resume && trainer != null) {
      Checks.require(fingerprint(data) == dataFingerprint, "-resume continues training on the data it started "
          + "with, but these data differ; build without -resume to train afresh");
      trainer.addEpochs(networkConfig().epochs());
      progress().start(networkConfig().epochs());
      return;
    }
    model = null;
    trainer = null;
    itopReport = null;
    trainingSummary = null;
    history = null;
    checkOptions();
    ItopConfig itop = itopConfig();
    getCapabilities().testWithFail(data);
    Instances train = new Instances(data);
    train.deleteWithMissingClass();
    if (train.numInstances() == 0) {
      throw new IllegalArgumentException("no training instances with a class value");
    }
    long present = Arrays.stream(train.attributeToDoubleArray(train.classIndex())).distinct().count();
    if (present < 2) {
      throw new IllegalArgumentException("the training data have only one class value ('"
          + train.classAttribute().value((int) train.instance(0).classValue())
          + "'); a classifier needs at least two");
    }
    NetworkConfig config = networkConfig();
    runConfig = fitToData(config, Math.round(train.numInstances() * (1 - config.validationFraction())));
    checkTrainingData(train);
    converter = InstancesConverter.fit(train, ignoredAttributes(train));
    converter.notes().forEach(note -> Logger.getLogger(getClass().getName()).info(learnerName() + ": " + note));
    TrainingSet set = trainingSet(train);
    Objective objective = createObjective(train, set);
    itopHook = itop.isSparse() ? new ItopHook(itop, Seeds.derive(getSeed(), "itop")) : null;
    configLine = Utils.joinOptions(getOptions());
    trainer = new NetworkTrainer(runConfig, set, objective, itopHook, createValidationScore(train, set),
        this::reportEpoch);
    trainer.initialize();
    model = trainer.currentModel(); // the untrained network predicts too (IterativeClassifierOptimizer asks)
    pending = new Pending(train, set, objective);
    dataFingerprint = resume ? fingerprint(data) : 0;
    trainingStart = System.nanoTime();
    progress().start(runConfig.epochs());
  }

  /** A hash of the header, values and weights of {@code data}. */
  private static long fingerprint(Instances data) {
    long h = new Instances(data, 0).toString().hashCode();
    for (int i = 0; i < data.numInstances(); i++) {
      Instance inst = data.instance(i);
      h = 31 * h + Double.doubleToLongBits(inst.weight());
      for (int a = 0; a < inst.numAttributes(); a++) {
        h = 31 * h + Double.doubleToLongBits(inst.value(a));
      }
    }
    return h;
  }

  private transient Pending pending;

  /** What done() needs to hand to the subclass. */
  private record Pending(Instances train, TrainingSet set, Objective objective) {}

  @Override
  public boolean next() throws Exception {
    if (trainer == null) {
      throw new IllegalStateException("initializeClassifier must be called before next()");
    }
    try {
      boolean more = trainer.nextEpoch();
      model = trainer.currentModel(); // predictions between epochs, for IterativeClassifierOptimizer
      return more;
    } catch (Exception | Error e) {
      trainer = null;
      model = null;
      throw e;
    }
  }

  @Override
  public void done() throws Exception {
    if (trainer == null) {
      throw new IllegalStateException("initializeClassifier must be called before done()");
    }
    model = trainer.finish();
    history = trainer.history();
    itopReport = itopHook == null ? null : itopHook.report(trainer.batchesPerEpoch());
    trainingSummary = summarize(trainer, (System.nanoTime() - trainingStart) / 1e9);
    afterTraining(model, pending.train(), pending.set(), pending.objective());
    if (!resume) {
      trainer = null;
      itopHook = null;
      pending = null;
    }
  }

  private TrainingSet trainingSet(Instances train) {
    double[] weights = InstancesConverter.weights(train);
    int[] labels = new int[train.numInstances()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (int) train.instance(i).classValue();
    }
    return new TrainingSet(converter.rows(train), labels, weights, train.numClasses());
  }

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    checkBuilt();
    return model.predict(new float[][] {converter.row(instance)})[0];
  }

  @Override
  public double[][] distributionsForInstances(Instances insts) throws Exception {
    checkBuilt();
    int block = Math.max(1, Integer.parseInt(getBatchSize()));
    double[][] out = new double[insts.numInstances()][];
    for (int from = 0; from < out.length; from += block) {
      int to = Math.min(out.length, from + block);
      float[][] x = new float[to - from][];
      for (int i = from; i < to; i++) {
        x[i - from] = converter.row(insts.instance(i));
      }
      double[][] p = model.predict(x);
      System.arraycopy(p, 0, out, from, p.length);
    }
    return out;
  }

  @Override
  public boolean implementsMoreEfficientBatchPrediction() {
    return true;
  }

  private void checkBuilt() {
    if (model == null) {
      throw new IllegalStateException(learnerName() + " has not been built yet");
    }
  }

  /** The training header (null before training). */
  protected Instances trainingHeader() {
    return converter == null ? null : converter.header().header();
  }

  /** The trained network (null before training). */
  public NetworkModel getModel() {
    return model;
  }

  /** The sparse-topology report of the last training run (null for a dense network). */
  public ItopReport getItopReport() {
    return itopReport;
  }

  /** Weka's Explorer passes its log here: one line per epoch in the Log, the latest in the status bar. */
  @ProgrammaticProperty
  @Override
  public void setLog(weka.gui.Logger log) {
    progress().setLog(log);
  }

  @ProgrammaticProperty
  @Override
  public weka.gui.Logger getLog() {
    return progress().log();
  }

  private TrainingProgress progress() {
    if (progress == null) {
      progress = new TrainingProgress(learnerName(), Logger.getLogger(getClass().getName()));
    }
    return progress;
  }

  private void reportEpoch(int epoch, Map<String, Double> metrics) {
    progress().epochDone(epoch, metrics, getDebug());
  }

  /**
   * What was measured per epoch of the last run: training loss and accuracy, validation loss and
   * accuracy (with a validation split), learning rate, density and R_s per weight matrix (sparse
   * networks) and the method's own quantities. Empty before training.
   */
  @Override
  public List<TrainingHistory> trainingHistory() {
    return history == null ? List.of() : List.of(history);
  }

  private String summarize(NetworkTrainer t, double seconds) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("epochs trained: %d (%d optimiser steps, %.1f s)%n", t.epochsDone(), t.iterations(), seconds));
    if (itopHook != null) {
      sb.append(String.format("execution: %s (weights, gradients and optimiser state: %.1f MB)%n",
          t.runsSparse() ? "sparse engine, active connections only" : "dense matrices with 0/1 masks",
          t.trainingStateBytes() / 1048576.0));
    }
    Map<String, Double> m = t.lastMetrics();
    if (m.containsKey("loss/training")) {
      sb.append(String.format("final training loss: %.5f, training accuracy (during the last epoch): %.4f%n",
          m.get("loss/training"), m.get("accuracy/training")));
    }
    if (t.validationSize() > 0) {
      sb.append(String.format("early stopping: %d validation instances, best epoch %d%s%n", t.validationSize(),
          t.bestEpoch(), t.stoppedEarly() ? " (stopped early)" : ""));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    if (model == null) {
      return learnerName() + ": no model built yet.";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(learnerName()).append('\n');
    sb.append("=".repeat(learnerName().length())).append("\n\n");
    sb.append("Options: ").append(configLine).append("\n\n");
    sb.append(String.format("Network: %d inputs -> %s -> %d classes (%s), %d parameters%n", model.numInputs(),
        hiddenLayers, model.numClasses(), activation, model.numParameters()));
    converter.notes().forEach(note -> sb.append("Note: ").append(note).append('\n'));
    sb.append(trainingSummary == null ? "training in progress\n" : trainingSummary);
    if (itopReport != null) {
      sb.append("\nSparse topology (ITOP)\n").append(itopReport.format());
    }
    if (history != null) {
      sb.append('\n').append(history.summary(12));
    }
    sb.append(describeModel());
    sb.append("\nND4J backend: ").append(org.overparam.nd4j.BackendReport.backendName()).append('\n');
    return sb.toString();
  }

  // ---------------------------------------------------------------- IterativeClassifier: resume

  @Override
  public void setResume(boolean resume) throws Exception {
    this.resume = resume;
  }

  @OptionMetadata(displayName = "resume", description = "Keep the training state after building, so that building "
      + "again continues training for another 'epochs' epochs instead of starting afresh (in memory only; "
      + "default false).", commandLineParamName = "resume", commandLineParamSynopsis = "-resume",
      commandLineParamIsFlag = true, displayOrder = 30, category = "Early stopping and resume")
  @Override
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
      + "stopping ends training, > 0 (default 10).", commandLineParamName = "patience",
      commandLineParamSynopsis = "-patience <int>", displayOrder = 19, category = "Early stopping and resume")
  public int getPatience() {
    return patience;
  }

  public void setPatience(int patience) {
    this.patience = patience;
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

  @OptionMetadata(displayName = "training multiplier", description = "ITOP's extended training: multiplies the epochs "
      + "(and so the schedule length), >= 1 (default 1).", commandLineParamName = "training-multiplier",
      commandLineParamSynopsis = "-training-multiplier <int>", displayOrder = 21, category = "Optimisation")
  public int getTrainingMultiplier() {
    return trainingMultiplier;
  }

  public void setTrainingMultiplier(int trainingMultiplier) {
    this.trainingMultiplier = trainingMultiplier;
  }

  // ---------------------------------------------------------------- Sparsity options

  @OptionMetadata(displayName = "sparsity", description = "Fraction of all weights that are zero. 0 trains "
      + "an ordinary dense network, 0.9 keeps 10% of the connections. In [0, 1); default 0.", commandLineParamName = "sparsity",
      commandLineParamSynopsis = "-sparsity <double>", displayOrder = 40, category = "Sparsity")
  public double getSparsity() {
    return sparsity;
  }

  public void setSparsity(double sparsity) {
    this.sparsity = sparsity;
  }

  @OptionMetadata(displayName = "density distribution", description = "How the density is spread over layers: ERK "
      + "(small layers denser), UNIFORM, or ER_EPSILON (SET; sparsity then follows from er-epsilon) (default ERK).",
      commandLineParamName = "distribution", commandLineParamSynopsis = "-distribution <ERK|UNIFORM|ER_EPSILON>",
      displayOrder = 41, category = "Sparsity")
  public Distribution getDistribution() {
    return distribution;
  }

  public void setDistribution(Distribution distribution) {
    this.distribution = distribution;
  }

  @OptionMetadata(displayName = "ERK power", description = "Exponent of the ERK density formula, > 0 (default 1).",
      commandLineParamName = "erk-power", commandLineParamSynopsis = "-erk-power <double>", displayOrder = 42,
      category = "Sparsity")
  public double getErkPower() {
    return erkPower;
  }

  public void setErkPower(double erkPower) {
    this.erkPower = erkPower;
  }

  @OptionMetadata(displayName = "ER epsilon", description = "Epsilon of the ER_EPSILON distribution, > 0 (default 20).",
      commandLineParamName = "er-epsilon", commandLineParamSynopsis = "-er-epsilon <double>", displayOrder = 43,
      category = "Sparsity")
  public double getErEpsilon() {
    return erEpsilon;
  }

  public void setErEpsilon(double erEpsilon) {
    this.erEpsilon = erEpsilon;
  }

  @OptionMetadata(displayName = "keep first layer dense", description = "Keep the input layer's weights dense (they "
      + "count towards the density budget) (default false).", commandLineParamName = "keep-first-dense",
      commandLineParamSynopsis = "-keep-first-dense", commandLineParamIsFlag = true, displayOrder = 44,
      category = "Sparsity")
  public boolean getKeepFirstDense() {
    return keepFirstDense;
  }

  public void setKeepFirstDense(boolean keepFirstDense) {
    this.keepFirstDense = keepFirstDense;
  }

  @OptionMetadata(displayName = "keep output layer dense", description = "Keep the output layer's weights dense (they "
      + "count towards the density budget) (default false).", commandLineParamName = "keep-output-dense",
      commandLineParamSynopsis = "-keep-output-dense", commandLineParamIsFlag = true, displayOrder = 45,
      category = "Sparsity")
  public boolean getKeepOutputDense() {
    return keepOutputDense;
  }

  public void setKeepOutputDense(boolean keepOutputDense) {
    this.keepOutputDense = keepOutputDense;
  }

  @OptionMetadata(displayName = "growth", description = "Where pruned connections regrow: RANDOM (SET-ITOP), GRADIENT "
      + "(largest dense gradient, RigL-ITOP; use about 20 topology updates) or RANDOM_UNFIRED (never-used ones first) "
      + "(default RANDOM).", commandLineParamName = "growth", commandLineParamSynopsis = "-growth <RANDOM|GRADIENT|RANDOM_UNFIRED>",
      displayOrder = 46, category = "Sparsity: prune and regrow")
  public Growth getGrowth() {
    return growth;
  }

  public void setGrowth(Growth growth) {
    this.growth = growth;
  }

  @OptionMetadata(displayName = "prune rate", description = "Initial fraction of each layer's active "
      + "connections replaced per topology update. In [0, 1]; default 0.5.", commandLineParamName = "prune-rate",
      commandLineParamSynopsis = "-prune-rate <double>", displayOrder = 47, category = "Sparsity: prune and regrow")
  public double getPruneRate() {
    return pruneRate;
  }

  public void setPruneRate(double pruneRate) {
    this.pruneRate = pruneRate;
  }

  @OptionMetadata(displayName = "final prune rate", description = "Prune rate reached at the end of the "
      + "cosine decay. In [0, prune-rate]; default 0.005.", commandLineParamName = "prune-rate-min",
      commandLineParamSynopsis = "-prune-rate-min <double>", displayOrder = 48, category = "Sparsity: prune and regrow")
  public double getPruneRateMin() {
    return pruneRateMin;
  }

  public void setPruneRateMin(double pruneRateMin) {
    this.pruneRateMin = pruneRateMin;
  }

  @OptionMetadata(displayName = "prune-rate decay", description = "COSINE (ITOP) or CONSTANT (SET) (default COSINE).",
      commandLineParamName = "prune-decay", commandLineParamSynopsis = "-prune-decay <COSINE|CONSTANT>",
      displayOrder = 49, category = "Sparsity: prune and regrow")
  public PruneDecay getPruneDecay() {
    return pruneDecay;
  }

  public void setPruneDecay(PruneDecay pruneDecay) {
    this.pruneDecay = pruneDecay;
  }

  @OptionMetadata(displayName = "number of topology updates", description = "Number of prune-and-regrow updates over "
      + "the run, used when no update interval is given; each is at least min-update-interval-epochs apart, >= 0 "
      + "(default 50).", commandLineParamName = "num-topology-updates",
      commandLineParamSynopsis = "-num-topology-updates <int>", displayOrder = 50, category = "Sparsity: update schedule")
  public int getNumTopologyUpdates() {
    return numTopologyUpdates;
  }

  public void setNumTopologyUpdates(int numTopologyUpdates) {
    this.numTopologyUpdates = numTopologyUpdates;
  }

  @OptionMetadata(displayName = "update interval", description = "Optimiser steps between topology updates (Delta T); "
      + "0 derives it from the number of topology updates (default 0).", commandLineParamName = "update-interval",
      commandLineParamSynopsis = "-update-interval <int>", displayOrder = 51, category = "Sparsity: update schedule")
  public int getUpdateInterval() {
    return updateInterval;
  }

  public void setUpdateInterval(int updateInterval) {
    this.updateInterval = updateInterval;
  }

  @OptionMetadata(displayName = "update interval fraction", description = "Delta T as a fraction of all optimiser steps, "
      + "in [0, 1]; 0 derives it from the number of topology updates (default 0).",
      commandLineParamName = "update-interval-fraction", commandLineParamSynopsis = "-update-interval-fraction <double>",
      displayOrder = 52, category = "Sparsity: update schedule")
  public double getUpdateIntervalFraction() {
    return updateIntervalFraction;
  }

  public void setUpdateIntervalFraction(double updateIntervalFraction) {
    this.updateIntervalFraction = updateIntervalFraction;
  }

  @OptionMetadata(displayName = "minimum update interval (epochs)", description = "Lower bound on the derived Delta T, "
      + "in epochs, so that regrown connections train before they can be pruned again, >= 0 (default 1).",
      commandLineParamName = "min-update-interval-epochs", commandLineParamSynopsis = "-min-update-interval-epochs <double>",
      displayOrder = 53, category = "Sparsity: update schedule")
  public double getMinUpdateIntervalEpochs() {
    return minUpdateIntervalEpochs;
  }

  public void setMinUpdateIntervalEpochs(double minUpdateIntervalEpochs) {
    this.minUpdateIntervalEpochs = minUpdateIntervalEpochs;
  }

  @OptionMetadata(displayName = "stop updates at", description = "Fraction of the run after which the "
      + "topology is frozen. In [0, 1]; RigL uses 0.75; default 1.", commandLineParamName = "stop-updates-at",
      commandLineParamSynopsis = "-stop-updates-at <double>", displayOrder = 54, category = "Sparsity: update schedule")
  public double getStopUpdatesAt() {
    return stopUpdatesAt;
  }

  public void setStopUpdatesAt(double stopUpdatesAt) {
    this.stopUpdatesAt = stopUpdatesAt;
  }

  @OptionMetadata(displayName = "regrow init", description = "Value of regrown connections: ZERO (ITOP, RigL) or NORMAL "
      + "with regrow-init-std (SET) (default ZERO).", commandLineParamName = "regrow-init",
      commandLineParamSynopsis = "-regrow-init <ZERO|NORMAL>", displayOrder = 55, category = "Sparsity: prune and regrow")
  public RegrowInit getRegrowInit() {
    return regrowInit;
  }

  public void setRegrowInit(RegrowInit regrowInit) {
    this.regrowInit = regrowInit;
  }

  @OptionMetadata(displayName = "regrow init std", description = "Standard deviation of NORMAL regrow "
      + "init. At least 0; default 0.1.", commandLineParamName = "regrow-init-std", commandLineParamSynopsis = "-regrow-init-std <double>",
      displayOrder = 56, category = "Sparsity: prune and regrow")
  public double getRegrowInitStd() {
    return regrowInitStd;
  }

  public void setRegrowInitStd(double regrowInitStd) {
    this.regrowInitStd = regrowInitStd;
  }

  @OptionMetadata(displayName = "reinit when same", description = "Reset connections that are pruned and regrown in the "
      + "same update (default false: they keep their value and optimiser state).", commandLineParamName = "reinit-when-same",
      commandLineParamSynopsis = "-reinit-when-same", commandLineParamIsFlag = true, displayOrder = 57,
      category = "Sparsity: prune and regrow")
  public boolean getReinitWhenSame() {
    return reinitWhenSame;
  }

  public void setReinitWhenSame(boolean reinitWhenSame) {
    this.reinitWhenSame = reinitWhenSame;
  }

  @OptionMetadata(displayName = "no gradient masking", description = "Let gradients of inactive connections reach the "
      + "optimiser state (default false: they are masked, so momentum never builds up there).",
      commandLineParamName = "no-gradient-masking", commandLineParamSynopsis = "-no-gradient-masking",
      commandLineParamIsFlag = true, displayOrder = 58, category = "Sparsity: prune and regrow")
  public boolean getNoGradientMasking() {
    return noGradientMasking;
  }

  public void setNoGradientMasking(boolean noGradientMasking) {
    this.noGradientMasking = noGradientMasking;
  }

  @OptionMetadata(displayName = "fix mask", description = "Static sparse training: keep the initial random topology "
      + "(no prune and regrow; R_s stays at the density) (default false).", commandLineParamName = "fix-mask",
      commandLineParamSynopsis = "-fix-mask", commandLineParamIsFlag = true, displayOrder = 59, category = "Sparsity: update schedule")
  public boolean getFixMask() {
    return fixMask;
  }

  public void setFixMask(boolean fixMask) {
    this.fixMask = fixMask;
  }

  @OptionMetadata(displayName = "sparse execution", description = "How the sparse network is computed: SPARSE stores "
      + "and multiplies only the active connections (less time and memory at high sparsity, float32 only), DENSE "
      + "multiplies full matrices with 0/1 masks as the reference implementations do, AUTO picks SPARSE when at most "
      + "10% of the weights are active and float32 is used (default AUTO). Both give the same results to float rounding.",
      commandLineParamName = "sparse-execution", commandLineParamSynopsis = "-sparse-execution <AUTO|DENSE|SPARSE>",
      displayOrder = 60, category = "Sparsity")
  public ExecutionMode getSparseExecution() {
    return sparseExecution;
  }

  public void setSparseExecution(ExecutionMode sparseExecution) {
    this.sparseExecution = sparseExecution;
  }
}
