// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamField;
import java.io.Serial;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.overparam.common.Checks;
import org.overparam.common.Seeds;
import org.overparam.common.TrainingHistory;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.ItopHook;
import org.overparam.itop.ItopReport;
import org.overparam.nn.Collapse;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkModel;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.Objective;
import org.overparam.nn.RegressionTarget;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.SquaredError;
import org.overparam.nn.TrainingSet;
import org.overparam.nn.ValidationScore;
import weka.classifiers.IterativeClassifier;
import weka.core.BatchPredictor;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.LogHandler;
import weka.gui.ProgrammaticProperty;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;
import weka.overparam.InstancesConverter;
import weka.overparam.OptionContract;
import weka.overparam.TrainingHeader;
import weka.overparam.TrainingHistoryHandler;
import weka.overparam.TrainingProgress;

/**
 * The Weka side shared by every network learner of this package: data conversion, iterative
 * training (one epoch per {@link #next()}), batched prediction and serialization; the options are
 * inherited from {@link NetworkOptions} and {@link SparsityOptions}. A subclass supplies its {@link
 * Objective} (and optionally a validation score and a report); any network can be trained sparse
 * with ITOP through the Sparsity options, so the methods compose.
 */
public abstract class AbstractNetworkClassifier extends NetworkOptions implements IterativeClassifier,
    BatchPredictor, WeightedInstancesHandler, TechnicalInformationHandler, TrainingHistoryHandler, LogHandler {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Numeric precision of training and prediction (-data-type, held by {@link NetworkOptions}). It
   * stays nested here: saved models record its class name, and code names it AbstractNetworkClassifier.Precision.
   */
  public enum Precision {
    /** 32-bit floats (fast; the default). */
    FLOAT,
    /** 64-bit doubles (for gradient checks and exact reproducibility studies). */
    DOUBLE
  }


  // Fitted state
  protected InstancesConverter converter;
  protected NetworkModel model;
  protected ItopReport itopReport;
  /** The standardisation of a numeric class (null for a nominal one, and in models saved before regression). */
  protected RegressionTarget target;
  private String trainingSummary;
  private Collapse collapse;
  private TrainingHistory history;
  private String configLine;
  /** Options set that have no effect with the others (see {@link #optionNotes()}); empty before training. */
  private List<String> optionNotes = List.of();
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

  /**
   * Why this learner cannot learn a numeric class (named in the error a numeric class gets), or null
   * if it can: then it trains with {@link SquaredError} on the standardised class and predicts in the
   * class's unit, and {@link #createObjective} and {@link #createValidationScore} are not asked.
   */
  protected String numericClassRefusal() {
    return "it is a classifier";
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

  /**
   * The configuration for {@code trainRows} training rows (after any validation split). An
   * automatic batch size ({@code -batch-size-train 0}) becomes the nominal size, or for small data
   * an eighth of the rows (at least 16, at most all of them), so that an epoch has several steps.
   */
  protected NetworkConfig fitToData(NetworkConfig config, long trainRows) {
    if (getBatchSizeTrain() != 0) {
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
    if (numericClassRefusal() == null) {
      c.enable(Capability.NUMERIC_CLASS);
      c.enable(Capability.DATE_CLASS);
    }
    c.enable(Capability.MISSING_CLASS_VALUES);
    c.setMinimumNumberInstances(1);
    return c;
  }

  /** Validates every option (ranges and combinations), naming the flag of the first bad one. */
  @Override
  public void checkOptions() {
    networkConfig();
    itopConfig();
    Checks.require(
        !(getSparseExecution() == ExecutionMode.SPARSE && getDataType() == Precision.DOUBLE && getSparsity() > 0),
        "-sparse-execution SPARSE runs in float32 only: use -data-type FLOAT or -sparse-execution DENSE");
    Checks.require(OptionContract.parseInt("-batch-size", getBatchSize()) > 0,
        "-batch-size must be > 0, got " + getBatchSize());
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
    TrainingHeader.requireData(data);
    if (getResume() && trainer != null) {
      Checks.require(fingerprint(data) == dataFingerprint, "-resume continues training on the data it started "
          + "with, but these data differ; build without -resume to train afresh");
      trainer.addEpochs(networkConfig().epochs());
      progress().start(networkConfig().epochs());
      return;
    }
    // a built model without its training state (loaded from a file, or trained without -resume): starting afresh
    // would quietly throw the model away, which is not what -resume (Weka's -continue-iterating) asks for
    Checks.require(!getResume() || model == null, "-resume (Weka's -continue-iterating) continues a run whose "
        + "training state is still in memory; this " + learnerName() + " has none (the state is not saved with a "
        + "model: it was loaded from a file, or trained without -resume). Train afresh without -resume.");
    model = null;
    trainer = null;
    itopReport = null;
    trainingSummary = null;
    history = null;
    collapse = null;
    target = null;
    checkOptions();
    ItopConfig itop = itopConfig();
    boolean regression = data.classIndex() >= 0 && data.classAttribute().isNumeric();
    if (regression && numericClassRefusal() != null) {
      throw new IllegalArgumentException(learnerName() + " cannot handle a numeric class ('"
          + data.classAttribute().name() + "'): " + numericClassRefusal()
          + ". For regression use ItopSparseNetwork (or discretize the class first).");
    }
    getCapabilities().testWithFail(data);
    Instances train = new Instances(data);
    train.deleteWithMissingClass();
    if (train.numInstances() == 0) {
      throw new IllegalArgumentException("no training instances with a class value");
    }
    if (regression) {
      for (int i = 0; i < data.numInstances(); i++) { // (the data as given: its instance numbers are the user's)
        double y = data.instance(i).classValue();
        Checks.require(data.instance(i).classIsMissing() || Double.isFinite(y), "the class '"
            + data.classAttribute().name() + "' is " + y + " in instance " + (i + 1) + "; a numeric class must be "
            + "finite");
      }
    } else {
      double[] classes = countedClasses(train);
      if (classes.length < 2) {
        boolean zeroWeights = train.numDistinctValues(train.classIndex()) > 1;
        throw new IllegalArgumentException("the training data have only one class value ('"
            + train.classAttribute().value((int) classes[0]) + "')"
            + (zeroWeights ? " among the instances of weight > 0" : "") + "; a classifier needs at least two (in a "
            + "cross-validation: a fold's training data lack a class that has a single instance; remove it or use "
            + "a percentage split)");
      }
    }
    NetworkConfig config = networkConfig();
    runConfig = fitToData(config, Math.round(train.numInstances() * (1 - config.validationFraction())));
    checkTrainingData(train);
    converter = InstancesConverter.fit(train, ignoredAttributes(train));
    converter.notes().forEach(note -> Logger.getLogger(getClass().getName()).info(learnerName() + ": " + note));
    TrainingSet set = trainingSet(train);
    Objective objective = regression ? new SquaredError(target.sd()) : createObjective(train, set);
    itopHook = itop.isSparse() ? new ItopHook(itop, Seeds.derive(getSeed(), "itop")) : null;
    configLine = Utils.joinOptions(getOptions());
    optionNotes = List.copyOf(optionNotes(OptionContract.changedOptions(this)));
    optionNotes.forEach(note -> Logger.getLogger(getClass().getName()).info(learnerName() + ": " + note));
    trainer = new NetworkTrainer(runConfig, set, objective, itopHook,
        regression ? null : createValidationScore(train, set), this::reportEpoch);
    trainer.initialize();
    model = trainer.currentModel(); // the untrained network predicts too (IterativeClassifierOptimizer asks)
    pending = new Pending(train, set, objective);
    dataFingerprint = getResume() ? fingerprint(data) : 0;
    trainingStart = System.nanoTime();
    progress().start(runConfig.epochs());
  }

  /**
   * Reads the fitted state. A model saved before the options moved to {@link NetworkOptions} and
   * {@link SparsityOptions} stored them with this class's fields: each stored field is set where it
   * lives now, so that such a model keeps its options (and its -S and batch size, which Weka's
   * classes read as before).
   */
  @Serial
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    ObjectInputStream.GetField stored = in.readFields();
    for (ObjectStreamField f : stored.getObjectStreamClass().getFields()) {
      Field target = fieldNamed(f.getName());
      if (target == null) {
        continue; // a field this version no longer has, ignored as default serialization does
      }
      try {
        target.setAccessible(true);
        Class<?> t = target.getType();
        if (t == int.class) {
          target.setInt(this, stored.get(f.getName(), 0));
        } else if (t == long.class) {
          target.setLong(this, stored.get(f.getName(), 0L));
        } else if (t == double.class) {
          target.setDouble(this, stored.get(f.getName(), 0.0));
        } else if (t == boolean.class) {
          target.setBoolean(this, stored.get(f.getName(), false));
        } else {
          target.set(this, stored.get(f.getName(), null));
        }
      } catch (IllegalAccessException | IllegalArgumentException e) {
        throw new InvalidObjectException("cannot restore " + f.getName() + " of " + learnerName() + ": " + e);
      }
    }
  }

  /** The non-transient field of that name in this class or one of the option layers, or null. */
  private static Field fieldNamed(String name) {
    for (Class<?> c : List.of(AbstractNetworkClassifier.class, NetworkOptions.class, SparsityOptions.class)) {
      try {
        Field f = c.getDeclaredField(name);
        if (!Modifier.isTransient(f.getModifiers()) && !Modifier.isStatic(f.getModifiers())) {
          return f;
        }
      } catch (NoSuchFieldException e) {
        // not in this class: try the next
      }
    }
    return null;
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
    collapse = trainer.collapse();
    if (collapse != null) {
      String warning = learnerName() + ": " + collapse.describe() + (converter.constantInputs()
          ? ". No input attribute varies in the training data, so predicting the class frequencies is all it can do."
          : ". Lower -learning-rate (now " + getLearningRate() + ") or -momentum to train through.");
      Logger.getLogger(getClass().getName()).warning(warning);
      if (progress().log() != null && collapse.restoredEpoch() != collapse.epoch()) { // a model was rolled back
        progress().log().logMessage(warning);
      }
    }
    itopReport = itopHook == null ? null : itopHook.report(trainer.batchesPerEpoch());
    trainingSummary = summarize(trainer, (System.nanoTime() - trainingStart) / 1e9);
    String oneClass = collapse == null && target == null ? oneClassWarning(pending.set()) : null;
    if (oneClass != null) {
      Logger.getLogger(getClass().getName()).warning(learnerName() + ": " + oneClass);
      trainingSummary += "WARNING: " + oneClass + "\n";
    }
    afterTraining(model, pending.train(), pending.set(), pending.objective());
    if (!getResume()) {
      trainer = null;
      itopHook = null;
      pending = null;
    }
  }

  /**
   * The distinct class values of the instances that count ({@link InstancesConverter#counted}): a class present only
   * in instances of weight 0 takes no part in training.
   */
  private static double[] countedClasses(Instances train) {
    boolean[] counted = InstancesConverter.counted(train);
    return java.util.stream.IntStream.range(0, counted.length).filter(i -> counted[i])
        .mapToDouble(i -> train.instance(i).classValue()).distinct().toArray();
  }

  /**
   * What the options set do not do: an option changed from its default that the others make ineffective (a value
   * set is never ignored without a word). A learner adds its own rules.
   *
   * @param changed the options changed from the learner's defaults ({@link OptionContract#changedOptions})
   */
  protected List<String> optionNotes(Map<String, String> changed) {
    List<String> notes = new ArrayList<>();
    boolean erEpsilon = getDistribution() == org.overparam.itop.Distribution.ER_EPSILON;
    if (getSparsity() == 0 && !erEpsilon) { // a dense network: one note for all sparsity options
      List<String> sparse = OptionContract.flagsIn(changed, "Sparsity");
      sparse.remove("-sparsity");
      noEffect(notes, sparse, "on a dense network (-sparsity 0)");
    } else {
      if (getFixMask()) {
        List<String> updates = OptionContract.flagsIn(changed, "Sparsity: ");
        updates.remove("-fix-mask");
        noEffect(notes, updates, "with -fix-mask (the mask never changes)");
      }
      if (erEpsilon && changed.containsKey("-sparsity")) {
        notes.add("-sparsity " + getSparsity() + " is not used: with -density-distribution ER_EPSILON the sparsity "
            + "follows from -er-epsilon");
      }
      ineffective(notes, changed, "-er-epsilon", !erEpsilon, "without -density-distribution ER_EPSILON");
      ineffective(notes, changed, "-regrow-init-std", getRegrowInit() == org.overparam.itop.RegrowInit.ZERO,
          "with -regrow-init ZERO");
      ineffective(notes, changed, "-update-interval-fraction", getUpdateInterval() > 0,
          "when -update-interval sets the interval");
    }
    ineffective(notes, changed, "-momentum", getUpdater() != org.overparam.nn.UpdaterType.NESTEROVS,
        "with -updater " + getUpdater());
    ineffective(notes, changed, "-patience", getValidationFraction() == 0,
        "without a validation split (-validation-fraction 0)");
    ineffective(notes, changed, "-lr-min-factor", getLrSchedule() != org.overparam.nn.LrSchedule.COSINE,
        "with -lr-schedule " + getLrSchedule());
    return notes;
  }

  /** Adds "F has no effect CONDITION" when {@code when} holds and F was changed from its default. */
  protected static void ineffective(List<String> notes, Map<String, String> changed, String flag, boolean when,
      String condition) {
    noEffect(notes, when && changed.containsKey(flag) ? List.of(flag) : List.of(), condition);
  }

  /** Adds "F, G have no effect CONDITION" for the flags given, if any. */
  protected static void noEffect(List<String> notes, List<String> flags, String condition) {
    if (!flags.isEmpty()) {
      notes.add(String.join(", ", flags) + (flags.size() == 1 ? " has" : " have") + " no effect " + condition);
    }
  }

  /** Training rows the one-class check predicts (the first ones): enough to see a second class, cheap to predict. */
  static final int ONE_CLASS_CHECK_ROWS = 2000;

  /**
   * A warning when the model predicts one class for every training row checked although they have two or more
   * labels, else null. The collapse guard says so without a validation split; with one, early stopping can restore
   * such an epoch (MinDiff's fairness-constrained error does at its group thresholds), and nothing else would tell.
   */
  private String oneClassWarning(TrainingSet set) {
    if (!predictsWithTheNetworkAlone()) {
      return null;
    }
    int n = Math.min(set.x().length, ONE_CLASS_CHECK_ROWS);
    int sole = soleClass(model.predict(Arrays.copyOf(set.x(), n)), set.labels());
    return sole < 0 ? null : "the model predicts '" + trainingHeader().classAttribute().value(sole)
        + "' for every training instance (" + (n == set.x().length ? "all " + n : "the first " + n + " checked")
        + "): it learned no more than one class" + oneClassHint();
  }

  /** The class predicted for every row although their labels differ, else -1. */
  static int soleClass(double[][] predictions, int[] labels) {
    int first = Utils.maxIndex(predictions[0]);
    boolean labelsDiffer = false;
    for (int i = 0; i < predictions.length; i++) {
      if (Utils.maxIndex(predictions[i]) != first) {
        return -1;
      }
      labelsDiffer |= labels[i] != labels[0];
    }
    return labelsDiffer ? first : -1;
  }

  /** Whether the predictions are the network's own most probable class (not shifted by per-group thresholds). */
  protected boolean predictsWithTheNetworkAlone() {
    return true;
  }

  /** Advice the learner adds to the one-class warning (starts with ". "), or "". */
  protected String oneClassHint() {
    return ". Train longer, lower -learning-rate or -sparsity, or change the validation split (-validation-fraction)";
  }

  /** The training set; for a numeric class also fits {@link #target}. */
  private TrainingSet trainingSet(Instances train) {
    double[] weights = InstancesConverter.weights(train);
    if (train.classAttribute().isNumeric()) {
      double[] y = train.attributeToDoubleArray(train.classIndex());
      try {
        target = RegressionTarget.fit(y, weights);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("class '" + train.classAttribute().name() + "': " + e.getMessage(), e);
      }
      return TrainingSet.regression(converter.rows(train), target.standardise(y), weights);
    }
    int[] labels = new int[train.numInstances()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (int) train.instance(i).classValue();
    }
    return new TrainingSet(converter.rows(train), labels, weights, train.numClasses());
  }

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    checkBuilt();
    return predict(new float[][] {converter.row(instance)})[0];
  }

  /**
   * Class probabilities, or for a numeric class the prediction in the class's unit as a one-element
   * array (as Weka's numeric classifiers answer distributionForInstance).
   */
  private double[][] predict(float[][] x) {
    if (target == null) {
      return model.predict(x);
    }
    double[][] z = model.outputs(x);
    for (double[] row : z) {
      row[0] = target.toTarget(row[0]);
    }
    return z;
  }

  @Override
  public double[][] distributionsForInstances(Instances insts) throws Exception {
    checkBuilt();
    int block = Math.max(1, Integer.parseInt(getBatchSize()));
    double[][] out = new double[insts.numInstances()][];
    for (int from = 0; from < out.length; from += block) {
      double[][] p = predict(converter.rows(insts, from, Math.min(out.length, from + block)));
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

  /** The collapse that the last training run detected and rolled back (null if none; see -no-collapse-guard). */
  public Collapse getCollapse() {
    return collapse;
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
    sb.append(String.format("threads: %d%s%n", t.threads(),
        getNumThreads() == NetworkConfig.AUTO_THREADS ? " (-num-threads 0: chosen by the network's size)" : ""));
    if (itopHook != null) {
      sb.append(String.format("execution: %s (weights, gradients and optimiser state: %.1f MB)%n",
          t.runsSparse() ? "sparse engine, active connections only" : "dense matrices with 0/1 masks",
          t.trainingStateBytes() / 1048576.0));
      if (t.runsSparse()) {
        sb.append("sparse products: ").append(NetworkTrainer.sparseKernels()).append('\n');
      }
    }
    Map<String, Double> m = t.lastMetrics();
    if (m.containsKey("RMSE/training")) {
      sb.append(String.format("final training loss (half the mean squared error, standardised class): %.5f, "
          + "training RMSE (during the last epoch): %.6g%n", m.get("loss/training"), m.get("RMSE/training")));
    } else if (m.containsKey("loss/training")) {
      sb.append(String.format("final training loss: %.5f, training accuracy (during the last epoch): %.4f%n",
          m.get("loss/training"), m.get("accuracy/training")));
    }
    if (t.collapse() != null) {
      sb.append("WARNING: ").append(t.collapse().describe()).append('\n');
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
    String outputs = target == null ? model.numClasses() + " classes"
        : String.format("1 output (regression; class mean %.6g, sd %.6g%s)", target.mean(), target.sd(),
            getGradientClip() == NetworkConfig.AUTO_GRADIENT_CLIP
                ? "; gradient clipped at norm " + NetworkConfig.REGRESSION_GRADIENT_CLIP + ", automatic" : "");
    sb.append(String.format("Network: %d inputs -> %s -> %s (%s), %d parameters%n", model.numInputs(),
        getHiddenLayers(), outputs, getActivation(), model.numParameters()));
    converter.notes().forEach(note -> sb.append("Note: ").append(note).append('\n'));
    if (optionNotes != null) { // (null in a model saved before option notes existed)
      optionNotes.forEach(note -> sb.append("Note: ").append(note).append('\n'));
    }
    sb.append(trainingSummary == null ? "training in progress\n" : trainingSummary);
    if (itopReport != null) {
      sb.append("\nSparse topology (ITOP)\n").append(itopReport.format());
    }
    if (history != null) {
      sb.append('\n').append(history.summary(12));
    }
    sb.append(describeModel());
    sb.append("\nND4J backend: ").append(org.overparam.nd4j.BackendReport.backendName()).append('\n');
    // why not the GPU, in one line; weka.Run .OverparamBackendInfo prints the details
    sb.append(org.overparam.nd4j.BackendReport.diagnosisLine()).append('\n');
    return sb.toString();
  }
}
