// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import org.overparam.common.ArgMax;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.common.Checks;
import org.overparam.common.ProgressListener;
import org.overparam.common.Seeds;
import org.overparam.common.TrainingHistory;
import org.overparam.engine.NetworkStep;
import org.overparam.engine.ParameterSnapshot;
import org.overparam.engine.TrainingHook;
import org.overparam.nd4j.BlasThreads;
import org.overparam.nd4j.Dl4jRuntime;

/**
 * Trains a network on a {@link TrainingSet} with any {@link Objective}, one epoch per
 * {@link #nextEpoch()} call: seeded shuffling into minibatches, forward pass, the objective's
 * gradient on the logits backpropagated by the dense or the sparse engine (see {@link NetworkStep}),
 * coupled L2, the optimiser step and the optional {@link TrainingHook} (ITOP's masks). Optional
 * early stopping on a seeded validation split restores the best weights in {@link #finish()} (the epoch
 * that {@link EpochSelection} chooses: lowest validation score, ties to the lower validation loss).
 *
 * <p>With {@link NetworkConfig#collapseGuard()} on, a run that collapses is rolled back: after an epoch
 * whose mean training loss is more than {@value #SPIKE_FACTOR} times the lowest epoch loss so far
 * and above the untrained network's (a spike), or in which every training row was predicted as one
 * class while the loss was at least {@value #PRIOR_LOSS_FRACTION} of the entropy of the weighted class
 * distribution (what predicting the class frequencies scores: the network has lost what it learned)
 * after an earlier epoch had been below that, the weights of the best epoch (lowest training loss; with a
 * validation split, best validation score) are restored, training stops and {@link #collapse()} says
 * what happened. The rule reads only the losses and predictions, so it is as deterministic as the run.
 *
 * <p>For regression ({@link TrainingSet#isRegression()}) the history has no accuracy, the validation
 * split is not stratified and its default score is {@link ValidationScore#SQUARED_ERROR}; the guard's
 * spike rule applies, its class rules do not.
 *
 * <p>All randomness derives from {@link NetworkConfig#seed()} by name and epoch, so the same seed
 * and data give bit-identical parameters on the CPU backend.
 */
public final class NetworkTrainer {
  /**
   * A step whose loss exceeds this multiple of the untrained network's loss (at least ln 2) counts
   * as diverged. In float32 an exploding run soon turns non-finite; in float64 it can climb to 1e307
   * first, and its model would then answer NaN.
   */
  static final double EXPLODED_LOSS_FACTOR = 1000;
  /**
   * An epoch whose mean training loss exceeds this multiple of the best epoch's (and the untrained
   * network's loss) is a spike. Label noise, a learning-rate step or a topology update move the loss
   * by far less; the collapse this guards against (issue: lr 0.05 with Nesterov momentum on
   * pair-flipped labels) jumped from about 1.2 to 107.
   */
  static final double SPIKE_FACTOR = 10;
  /**
   * An epoch in which every training row was predicted as one class is a collapse when its loss is at
   * least this fraction of the class-frequency loss (the entropy of the class distribution) and an
   * earlier epoch's was below it. (A network near a constant output keeps a trace of the input, so its
   * loss sits just below the entropy: 1.095 against ln 3 = 1.0986 in the unit test.)
   */
  static final double PRIOR_LOSS_FRACTION = 0.9;

  private final NetworkConfig config;
  private final TrainingSet data;
  private final Objective objective;
  private final TrainingHook hook;
  private final ValidationScore validationScore;
  private final ProgressListener listener;

  private MultiLayerNetwork net;
  private NetworkStep networkStep;
  private int[] trainRows;
  private int[] validationRows;
  private int batchesPerEpoch;
  private int epochsPlanned;
  private int epoch;
  private long iteration;
  /** The history's column of the validation loss, early stopping's tie-break (see {@link EpochSelection}). */
  public static final String VALIDATION_LOSS = "loss/validation";
  private final TrainingHistory.Recorder history = new TrainingHistory.Recorder("Training", "epoch");
  /** Early stopping's choice of epoch (lowest score, ties to the lower validation loss). */
  private final EpochSelection selection = new EpochSelection();
  private ParameterSnapshot bestParams;
  private boolean stoppedEarly;
  private Map<String, Double> lastMetrics = Map.of();
  /** The loss of the first step, computed before any update (NaN until then). */
  private double initialLoss = Double.NaN;
  /** Entropy of the weighted class distribution of the training rows (the loss of predicting the frequencies). */
  private double priorEntropy;
  private double bestTrainingLoss = Double.POSITIVE_INFINITY;
  private int bestTrainingEpoch;
  /** The weights of the epoch with the lowest training loss (collapse guard without a validation split). */
  private ParameterSnapshot bestTrainingParams;
  private Collapse collapse;
  private double lastEpochLoss = Double.NaN;
  /** The class predicted for every training row in the last epoch, or -1. */
  private int lastEpochOnlyClass = -1;

  public NetworkTrainer(NetworkConfig config, TrainingSet data, Objective objective, TrainingHook hook,
      ValidationScore validationScore, ProgressListener listener) {
    config = config.resolvedFor(data.isRegression()); // the rest of the constructor sees the resolved clip
    config = config.toBuilder().threads(resolveThreads(config, data)).build();
    this.config = config;
    this.data = data;
    this.objective = objective;
    this.hook = hook;
    this.validationScore = validationScore != null ? validationScore
        : data.isRegression() ? ValidationScore.SQUARED_ERROR : ValidationScore.CROSS_ENTROPY;
    this.listener = listener == null ? ProgressListener.NONE : listener;
  }

  /** The configured thread count, or for {@link NetworkConfig#AUTO_THREADS} the one this network's size gets. */
  private static int resolveThreads(NetworkConfig config, TrainingSet data) {
    long weights = 0;
    int below = data.numInputs();
    for (int width : config.hiddenLayers()) {
      weights += (long) below * width;
      below = width;
    }
    weights += (long) below * Math.max(1, data.numClasses());
    return BlasThreads.resolve(config.threads(), weights);
  }

  /** The threads this run trains with (the configured count, or the automatic choice), at least 1. */
  public int threads() {
    return config.threads();
  }

  /** Splits the rows, builds the network and optimiser, and starts the objective and hook. */
  public void initialize() {
    splitRows();
    Checks.require(trainRows.length > 0, "no training instances are left after the validation split");
    batchesPerEpoch = (trainRows.length + config.batchSize() - 1) / config.batchSize();
    epochsPlanned = config.epochs();
    Dl4jRuntime.run(config.threads(), () -> {
      Nd4j.getRandom().setSeed(Seeds.derive(config.seed(), "nd4j"));
      net = NetworkFactory.build(data.numInputs(), data.numClasses(), config);
      networkStep = new NetworkStep(net, config, objective, hook, new TrainingHook.Schedule(totalIterations(),
          batchesPerEpoch, trainRows.length, config.batchSize()));
    });
    objective.begin(data, trainRows.clone(), Seeds.stream(config.seed(), "objective"));
    // NaN: no class rule (a numeric target, or a loss on another scale than the class frequencies' cross-entropy)
    priorEntropy = data.isRegression() || !objective.lossIsCrossEntropy() ? Double.NaN : classEntropy();
  }

  /** Extends the run by {@code epochs} more epochs (resumed training). */
  public void addEpochs(int epochs) {
    Checks.positive("epochs", epochs);
    epochsPlanned += epochs;
    stoppedEarly = false;
  }

  /** Total optimiser steps of the planned run. */
  public long totalIterations() {
    return (long) epochsPlanned * batchesPerEpoch;
  }

  /**
   * Runs one epoch and records it in the {@link #history()}: "loss/training" and
   * "accuracy/training" (the running means over the epoch's steps), the objective's own metrics,
   * with a validation split "loss/validation", "accuracy/validation" and the early-stopping score
   * when it is not the cross-entropy, "learning rate", and the hook's metrics. For regression the
   * losses are {@link SquaredError}'s (½ MSE on the standardised target), there is no accuracy, and the
   * objective adds the RMSE in the target's unit. (No wall time: the same seed and data give the same
   * history, bit for bit.)
   *
   * @return whether another epoch should follow
   * @throws InterruptedException if the thread was interrupted between minibatches
   * @throws ArithmeticException if the loss or the parameters became non-finite
   */
  public boolean nextEpoch() throws InterruptedException {
    if (epoch >= epochsPlanned || stoppedEarly) {
      return false;
    }
    // one lease for the epoch: its steps, predictions and validation all run on this run's thread count
    return Dl4jRuntime.call(config.threads(), this::runEpoch);
  }

  private boolean runEpoch() throws InterruptedException {
    int[] order = trainRows.clone();
    shuffle(order, Seeds.stream(config.seed(), "shuffle/" + epoch));
    SplittableRandom viewRng = Seeds.stream(config.seed(), "views/" + epoch);
    double lossSum = 0;
    int correct = 0;
    int onlyClass = -2; // the one class predicted for every row so far; -1 once two were
    for (int b = 0; b < batchesPerEpoch; b++) {
      Checks.checkInterrupted();
      int from = b * config.batchSize();
      int[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + config.batchSize()));
      NetworkStep.Result result = step(batch, viewRng);
      checkNotExploded(result.loss());
      lossSum += result.loss() * batch.length;
      correct += result.correct();
      onlyClass = onlyClass == -2 || onlyClass == result.onlyClass() ? result.onlyClass() : -1;
      iteration++;
    }
    epoch++;
    double loss = lossSum / trainRows.length;
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss/training", loss);
    if (!data.isRegression()) {
      metrics.put("accuracy/training", (double) correct / trainRows.length);
    }
    // (The order sets the history's panel order: the method's own quantities before the schedule's.)
    if (objective.measuresTrainingRows()) {
      metrics.putAll(objective.predictionMetrics("training", predict(trainRows), trainRows));
    }
    metrics.putAll(objective.epochMetrics());
    boolean more = epoch < epochsPlanned;
    if (validationRows.length > 0) {
      metrics.putAll(validate());
      more &= !stoppedEarly;
    }
    metrics.put("learning rate", learningRate(iteration - 1));
    if (hook != null) {
      metrics.putAll(hook.epochMetrics());
    }
    lastEpochLoss = loss;
    lastEpochOnlyClass = onlyClass;
    if (config.collapseGuard() && guardAgainstCollapse(loss, onlyClass)) {
      more = false;
    }
    history.add(epoch, metrics);
    lastMetrics = Collections.unmodifiableMap(metrics);
    listener.onEpoch(epoch, metrics);
    return more;
  }

  /**
   * Ends training: restores the best validation weights if early stopping was on. With the collapse
   * guard and no validation split, a run whose last epoch's loss is at least {@value
   * #PRIOR_LOSS_FRACTION} of the class-frequency loss (one class predicted for every row, or an output
   * so near a constant that it is as poor) gets the weights of its lowest-loss epoch back where that
   * epoch was below this fraction (it had learned, then lost it), and {@link #collapse()} says so
   * either way (a run that never learned is only reported).
   */
  public NetworkModel finish() {
    if (config.collapseGuard() && collapse == null && validationRows.length == 0 && !data.isRegression()
        && lastEpochLoss >= PRIOR_LOSS_FRACTION * priorEntropy) {
      // (A network near a constant output need not predict one class: near-ties split its argmax.)
      String reason = lastEpochOnlyClass >= 0 ? oneClassReason(lastEpochOnlyClass)
          : String.format(Locale.ROOT, "at least %.1f times the loss of predicting the class frequencies, "
              + "%.4g", PRIOR_LOSS_FRACTION, priorEntropy);
      // Restore only a run that had learned (beaten the class frequencies by the margin) and lost it; a run
      // that never learned is reported as it is.
      boolean better = bestTrainingParams != null && bestTrainingEpoch < epoch
          && bestTrainingLoss < PRIOR_LOSS_FRACTION * priorEntropy;
      if (better) {
        Dl4jRuntime.run(config.threads(), () -> restore(bestTrainingParams));
      }
      collapse = new Collapse(epoch, lastEpochLoss, reason, better ? bestTrainingEpoch : epoch, true);
    }
    Dl4jRuntime.run(config.threads(), () -> {
      if (bestParams != null) {
        restore(bestParams); // a resumed run continues from the restored weights
      }
      checkFinite(net.params(), "parameters");
    });
    return currentModel();
  }

  /**
   * The collapse guard, after each epoch (see the class comment): keeps the weights of the best
   * epoch by training loss, and on a spike or a collapse to one class restores the best weights and
   * stops. Returns whether it stopped.
   */
  private boolean guardAgainstCollapse(double loss, int onlyClass) {
    String reason = null;
    if (loss > SPIKE_FACTOR * bestTrainingLoss && loss > initialLoss) {
      reason = String.format(Locale.ROOT, "more than %.0f times the best, %.4g at epoch %d", SPIKE_FACTOR,
          bestTrainingLoss, bestTrainingEpoch);
    } else if (!data.isRegression() && onlyClass >= 0 && loss >= PRIOR_LOSS_FRACTION * priorEntropy
        && bestTrainingLoss < PRIOR_LOSS_FRACTION * priorEntropy) {
      reason = oneClassReason(onlyClass) + String.format(Locale.ROOT, ", where epoch %d reached %.4g",
          bestTrainingEpoch, bestTrainingLoss);
    }
    if (reason == null) {
      if (loss < bestTrainingLoss) {
        bestTrainingLoss = loss;
        bestTrainingEpoch = epoch;
        if (validationRows.length == 0) {
          bestTrainingParams = snapshot(bestTrainingParams);
        }
      }
      return false;
    }
    boolean byValidation = validationRows.length > 0;
    ParameterSnapshot restore = byValidation ? bestParams : bestTrainingParams;
    int restoredEpoch = byValidation ? selection.bestEpoch() : bestTrainingEpoch;
    if (restore == null) {
      return false; // nothing better seen yet (a collapse in the first epoch is left to the divergence checks)
    }
    Dl4jRuntime.run(config.threads(), () -> restore(restore));
    collapse = new Collapse(epoch, loss, reason, restoredEpoch, false);
    stoppedEarly = true;
    return true;
  }

  private String oneClassReason(int onlyClass) {
    return String.format(Locale.ROOT, "every training instance was predicted as class %d (counting from 1), "
        + "about as good as predicting the class frequencies (loss %.4g)", onlyClass + 1, priorEntropy);
  }

  /** The current parameters, saved into {@code into} if any. */
  private ParameterSnapshot snapshot(ParameterSnapshot into) {
    return Dl4jRuntime.call(config.threads(), () -> networkStep.snapshot(into));
  }

  /** Puts saved parameters back into the network and the engine (inside {@link Dl4jRuntime}). */
  private void restore(ParameterSnapshot saved) {
    saved.restoreInto(net.params());
    networkStep.readFromNetwork();
  }

  /** Entropy (nats) of the weighted class distribution of the training rows. */
  private double classEntropy() {
    double[] mass = new double[data.numClasses()];
    double total = 0;
    for (int r : trainRows) {
      mass[data.labels()[r]] += data.weights()[r];
      total += data.weights()[r];
    }
    double h = 0;
    for (double m : mass) {
      h -= m > 0 ? m / total * Math.log(m / total) : 0;
    }
    return h;
  }

  private NetworkStep.Result step(int[] batch, SplittableRandom viewRng) {
    int[] extra = objective.extraRows(batch);
    int[] rows = extra.length == 0 ? batch : concat(batch, extra);
    int views = objective.views();
    int[] labels = new int[rows.length];
    double[] weights = new double[rows.length];
    for (int r = 0; r < rows.length; r++) {
      labels[r] = data.labels()[rows[r]];
      weights[r] = data.weights()[rows[r]];
    }
    Objective.Step step = new Objective.Step(rows, batch.length, labels, weights, epoch, iteration);
    return Dl4jRuntime.call(config.threads(), () -> {
      float[][] x = views == 1 ? data.x() : viewInput(rows, views, viewRng);
      int[] xRows = views == 1 ? rows : java.util.stream.IntStream.range(0, x.length).toArray();
      try {
        return networkStep.run(x, xRows, step, learningRate(iteration));
      } catch (ArithmeticException e) {
        throw diverged(e.getMessage());
      }
    });
  }

  /** Input rows followed by the objective's extra views of them (e.g. SOP+'s noisy copy). */
  private float[][] viewInput(int[] rows, int views, SplittableRandom viewRng) {
    float[][] x = new float[rows.length * views][];
    for (int r = 0; r < rows.length; r++) {
      x[r] = data.x()[rows[r]];
    }
    for (int v = 1; v < views; v++) {
      float[][] view = new float[rows.length][];
      for (int r = 0; r < rows.length; r++) {
        view[r] = data.x()[rows[r]].clone();
      }
      objective.makeView(v, view, viewRng);
      System.arraycopy(view, 0, x, v * rows.length, rows.length);
    }
    return x;
  }

  /** Scores the validation rows (early stopping) and measures them for the history. */
  private Map<String, Double> validate() {
    double[][] p = predict(validationRows);
    double score = validationScore.score(p, validationRows, data);
    ValidationScore loss = data.isRegression() ? ValidationScore.SQUARED_ERROR : ValidationScore.CROSS_ENTROPY;
    double validationLoss = loss.score(p, validationRows, data);
    // A tie of the score that the loss breaks counts as progress for the patience too: the epoch is as
    // good by the score and better fitted.
    if (selection.offer(epoch, score, validationLoss)) {
      bestParams = snapshot(bestParams);
    } else if (epoch - selection.bestEpoch() >= config.patience()) {
      stoppedEarly = true;
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(VALIDATION_LOSS, validationLoss);
    if (!data.isRegression()) {
      m.put("accuracy/validation", accuracy(p, validationRows));
    }
    if (validationScore != loss) {
      m.put("early-stopping score", score);
    }
    m.putAll(objective.predictionMetrics("validation", p, validationRows));
    return m;
  }

  /** Class probabilities of the rows, or for regression the standardised predictions (column 0). */
  private double[][] predict(int[] rows) {
    float[][] x = new float[rows.length][];
    for (int r = 0; r < x.length; r++) {
      x[r] = data.x()[rows[r]];
    }
    NetworkModel model = model(true);
    return data.isRegression() ? model.outputs(x) : model.predict(x);
  }

  /** Weighted share of rows whose most probable class is the label. */
  private double accuracy(double[][] p, int[] rows) {
    double right = 0;
    double total = 0;
    for (int r = 0; r < rows.length; r++) {
      double w = data.weights()[rows[r]];
      right += ArgMax.of(p[r]) == data.labels()[rows[r]] ? w : 0;
      total += w;
    }
    return right / total;
  }

  private double learningRate(long t) {
    return config.schedule().rate(config.learningRate(), t, totalIterations(), config.lrMinFactor());
  }

  private void checkNotExploded(double loss) {
    if (Double.isNaN(initialLoss)) {
      initialLoss = loss;
      return;
    }
    double reference = Math.max(initialLoss, Math.log(2));
    if (loss > EXPLODED_LOSS_FACTOR * reference) {
      throw diverged(String.format("the loss rose to %.4g, more than %.0f times the untrained network's %.4g",
          loss, EXPLODED_LOSS_FACTOR, initialLoss));
    }
  }

  private ArithmeticException diverged(String what) {
    return new ArithmeticException("training diverged at epoch " + (epoch + 1) + ", step " + iteration
        + ": " + what + ". Lower the learning rate (now " + config.learningRate()
        + ") or check the data for extreme values." + objective.divergenceHint()
        + (data.isRegression() ? " (Squared error on a numeric class has no bounded gradient: a learning rate of "
            + "0.01 or stronger gradient clipping (-gradient-clip 1; now " + config.gradientClip()
            + ") often trains where larger values diverge.)" : ""));
  }

  private void checkFinite(INDArray params, String what) {
    double sum = params.sumNumber().doubleValue();
    if (!Double.isFinite(sum)) {
      throw diverged("the " + what + " are not finite");
    }
  }

  private void splitRows() {
    int n = data.size();
    if (config.validationFraction() <= 0) {
      trainRows = new int[n];
      for (int i = 0; i < n; i++) {
        trainRows[i] = i;
      }
      validationRows = new int[0];
      return;
    }
    // Stratified: the same fraction of every stratum (by default every class; for regression one
    // stratum, all rows) goes to validation.
    int[] strata = validationScore.strata(data);
    Checks.require(strata.length == n, "the validation strata must have one entry per training row");
    SplittableRandom rng = Seeds.stream(config.seed(), "validation-split");
    List<Integer> train = new ArrayList<>();
    List<Integer> valid = new ArrayList<>();
    for (int stratum : Arrays.stream(strata).distinct().sorted().toArray()) {
      int[] idx = java.util.stream.IntStream.range(0, n).filter(i -> strata[i] == stratum).toArray();
      shuffle(idx, rng);
      int nValid = (int) Math.round(config.validationFraction() * idx.length);
      for (int k = 0; k < idx.length; k++) {
        (k < nValid ? valid : train).add(idx[k]);
      }
    }
    Checks.require(!valid.isEmpty(), "-validation-fraction " + config.validationFraction()
        + " leaves no validation instances among " + n + " training instances; raise it, or set it to 0 to train "
        + "without a validation split");
    trainRows = train.stream().mapToInt(Integer::intValue).sorted().toArray();
    validationRows = valid.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static int[] concat(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /**
   * The network as it is now, for predictions between epochs (Weka's IterativeClassifierOptimizer
   * evaluates after every {@code next()}). It shares the network, which the dense engine trains in
   * place; the sparse engine writes its weights into it on this call, so call again after training on.
   */
  public NetworkModel currentModel() {
    return model(false);
  }

  /** {@link #currentModel}; {@code live}: predicting on the network's parameters in place (the trainer's metrics). */
  private NetworkModel model(boolean live) {
    Dl4jRuntime.run(config.threads(), () -> networkStep.writeToNetwork());
    return new NetworkModel(net, data.numInputs(), data.numClasses(), config.threads(), live);
  }

  /** A copy of the current parameters (for tests). */
  double[] currentParameters() {
    return Dl4jRuntime.call(config.threads(), () -> {
      networkStep.writeToNetwork();
      return net.params().toDoubleVector();
    });
  }

  /** Whether the sparse engine trains this network (see {@link ExecutionMode}). */
  public boolean runsSparse() {
    return networkStep.isSparse();
  }

  /** What runs the sparse engine's products in this JVM ({@link NetworkStep#sparseKernels()}). */
  public static String sparseKernels() {
    return NetworkStep.sparseKernels();
  }

  /** Bytes held for weights, biases, their gradient and the optimiser state while training. */
  public long trainingStateBytes() {
    return networkStep.trainingStateBytes();
  }

  public int epochsDone() {
    return epoch;
  }

  public long iterations() {
    return iteration;
  }

  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  /** The epoch whose weights {@link #finish()} keeps (with early stopping or after a collapse), else the last. */
  public int bestEpoch() {
    return bestParams != null ? selection.bestEpoch() : collapse != null ? collapse.restoredEpoch() : epoch;
  }

  /** Whether training stopped before its planned epochs: early stopping or the collapse guard. */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  /** The collapse the guard detected (and rolled back where an epoch was better), or null if none. */
  public Collapse collapse() {
    return collapse;
  }

  public int validationSize() {
    return validationRows.length;
  }

  /** Everything measured per finished epoch (see {@link #nextEpoch()} for the column names). */
  public TrainingHistory history() {
    return history.build();
  }

  /** Metrics of the last finished epoch. */
  public Map<String, Double> lastMetrics() {
    return lastMetrics;
  }
}
