// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.stream;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.overparam.common.Checks;
import org.overparam.common.Seeds;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.ItopHook;
import org.overparam.itop.SparseMasks;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nn.NetworkFactory;
import org.overparam.engine.NetworkStep;
import org.overparam.nn.Objective;
import org.overparam.nn.OptimizerState;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.engine.TrainingHook;

/**
 * A network trained continually on a stream: instances are buffered into minibatches, each full
 * batch gets {@link StreamConfig#stepsPerBatch()} optimiser steps ({@link NetworkStep}), and a
 * sparse network prunes and regrows connections every ΔT batches for the whole life of the stream
 * (dynamic sparse training has no natural end). {@link #signalDrift()} makes the network explore
 * more after a concept drift: an immediate topology update and a few more at a higher prune rate.
 *
 * <p>Inputs are standardised online ({@link OnlineStandardizer}): the statistics are updated as
 * instances arrive and a batch is encoded with the statistics at the time it is trained.
 * Deterministic: the same seed and stream give the same votes.
 *
 * <p>Serializable with its whole training state (parameters, optimiser state, masks, the
 * standardiser, a partly filled batch, the counters), so a saved or copied network predicts and
 * goes on learning exactly as the original would. The serialized form is {@link SerialForm}.
 */
public final class StreamNetwork implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
  /**
   * A stream's steps are a few rows: one thread, so that its results never depend on what else runs in the
   * JVM ({@link org.overparam.nd4j.BlasThreads}).
   */
  private static final int THREADS = 1;
  private final StreamConfig cfg;
  private final int numClasses;
  private final OnlineStandardizer standardizer;
  private final ItopHook hook;
  private final NetworkStep step;
  private final double[][] bufferRaw;
  private final int[] bufferLabels;
  private final double[] bufferWeights;
  private final int[] rowIds;
  private final float[][] encoded;
  private final float[] single;
  private int buffered;
  private long instancesSeen;
  private long batches;
  private long iterations;
  private long drifts;
  private int boostLeft;
  private boolean pendingDriftUpdate;
  private double lastLoss = Double.NaN;

  /**
   * @param cardinality per input attribute: 0 for numeric, else the number of categories
   * @param numClasses number of classes (≥ 2)
   */
  public StreamNetwork(StreamConfig cfg, int[] cardinality, int numClasses) {
    this(cfg, new OnlineStandardizer(cardinality), numClasses, null);
  }

  /** A new network ({@code saved} null), or one continuing from a saved training state. */
  private StreamNetwork(StreamConfig cfg, OnlineStandardizer standardizer, int numClasses, SerialForm saved) {
    Checks.require(numClasses >= 2, "the class must have at least 2 values, got " + numClasses);
    this.cfg = cfg;
    this.numClasses = numClasses;
    this.standardizer = standardizer;
    int b = cfg.network().batchSize();
    bufferRaw = new double[b][];
    bufferLabels = new int[b];
    bufferWeights = new double[b];
    rowIds = new int[b];
    for (int i = 0; i < b; i++) {
      rowIds[i] = i;
    }
    encoded = new float[b][standardizer.numInputs()];
    single = new float[standardizer.numInputs()];
    hook = cfg.sparse() ? new ItopHook(withoutSchedule(cfg.itop()), Seeds.derive(cfg.network().seed(), "itop")) : null;
    if (hook != null && saved != null) {
      hook.resumeWith(saved.masks());
    }
    // begin() is never called: a stream has no training set to average the weights over, so the
    // objective keeps its mean weight of 1 and instance weights count as given.
    Objective objective = new SoftmaxCrossEntropy();
    step = Dl4jRuntime.call(THREADS, () -> {
      Dl4jRuntime.seed(Seeds.derive(cfg.network().seed(), "nd4j"));
      var n = NetworkFactory.build(standardizer.numInputs(), numClasses, cfg.network());
      NetworkStep s = new NetworkStep(n, cfg.network(), objective, hook, new TrainingHook.Schedule(Long.MAX_VALUE, 1, b, b));
      if (saved != null) {
        s.restoreParameters(saved.params());
        s.restoreOptimizerState(saved.optimizer());
      }
      return s;
    });
    if (saved != null) {
      buffered = saved.bufferLabels().length;
      for (int r = 0; r < buffered; r++) {
        bufferRaw[r] = saved.bufferRaw()[r];
        bufferLabels[r] = saved.bufferLabels()[r];
        bufferWeights[r] = saved.bufferWeights()[r];
      }
      instancesSeen = saved.instancesSeen();
      batches = saved.batches();
      iterations = saved.iterations();
      drifts = saved.drifts();
      boostLeft = saved.boostLeft();
      pendingDriftUpdate = saved.pendingDriftUpdate();
      lastLoss = saved.lastLoss();
    }
  }

  /** The serialized form: configuration and training state, rebuilt into a network on reading. */
  private record SerialForm(StreamConfig cfg, OnlineStandardizer standardizer, int numClasses, double[] params,
      OptimizerState optimizer, SparseMasks masks, double[][] bufferRaw, int[] bufferLabels, double[] bufferWeights,
      long instancesSeen, long batches, long iterations, long drifts, int boostLeft, boolean pendingDriftUpdate,
      double lastLoss) implements Serializable {
    @Serial
    private Object readResolve() {
      return new StreamNetwork(cfg, standardizer, numClasses, this);
    }
  }

  @Serial
  private Object writeReplace() {
    OptimizerState optimizer = Dl4jRuntime.call(THREADS, step::optimizerState);
    return new SerialForm(cfg, standardizer, numClasses, parameters(), optimizer, hook == null ? null : hook.masks(),
        Arrays.copyOf(bufferRaw, buffered), Arrays.copyOf(bufferLabels, buffered),
        Arrays.copyOf(bufferWeights, buffered), instancesSeen, batches, iterations, drifts, boostLeft,
        pendingDriftUpdate, lastLoss);
  }

  @Serial
  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a StreamNetwork is read through its serial form");
  }

  /** The ITOP settings with the hook's own schedule switched off: this class times the updates. */
  private static ItopConfig withoutSchedule(ItopConfig c) {
    return c.toBuilder().numTopologyUpdates(0).updateInterval(0).updateIntervalFraction(0).minUpdateIntervalEpochs(0)
        .stopUpdatesAt(1.0).fixMask(false).build();
  }

  /**
   * Adds a labelled instance; trains on the buffer when it is full.
   *
   * @param raw one value per input attribute (see {@link OnlineStandardizer}); copied
   * @param label class index in [0, numClasses)
   * @param weight instance weight ≥ 0 (0 is skipped)
   * @throws ArithmeticException if training diverged
   */
  public void train(double[] raw, int label, double weight) {
    Checks.require(label >= 0 && label < numClasses, "class index " + label + " is out of range [0, " + numClasses + ")");
    Checks.require(weight >= 0 && Double.isFinite(weight), "instance weight must be finite and >= 0, got " + weight);
    if (weight == 0) {
      return;
    }
    standardizer.observe(raw);
    instancesSeen++;
    bufferRaw[buffered] = raw.clone();
    bufferLabels[buffered] = label;
    bufferWeights[buffered] = weight;
    buffered++;
    if (buffered == bufferRaw.length) {
      trainBuffer();
      buffered = 0;
    }
  }

  private void trainBuffer() {
    for (int r = 0; r < buffered; r++) {
      standardizer.encode(bufferRaw[r], encoded[r]);
    }
    boolean update = hook != null && (batches + 1) % cfg.updateIntervalBatches() == 0;
    Dl4jRuntime.run(THREADS, () -> {
      int[] rows = Arrays.copyOf(rowIds, buffered);
      for (int s = 0; s < cfg.stepsPerBatch(); s++) {
        if (hook != null && s == cfg.stepsPerBatch() - 1 && (update || pendingDriftUpdate)) {
          hook.requestUpdate(nextPruneRate());
        }
        Objective.Step st = new Objective.Step(rowIds, buffered, bufferLabels, bufferWeights, 0, iterations);
        try {
          lastLoss = step.run(encoded, rows, st, cfg.network().learningRate()).loss();
        } catch (ArithmeticException e) {
          throw new ArithmeticException("training diverged after " + instancesSeen + " instances: " + e.getMessage()
              + ". Lower the learning rate (now " + cfg.network().learningRate() + ") or check the stream for extreme values.");
        }
        iterations++;
      }
    });
    batches++;
  }

  /** Prune rate of the update about to run: raised while a drift boost lasts. */
  private double nextPruneRate() {
    pendingDriftUpdate = false;
    if (boostLeft > 0) {
      boostLeft--;
      return cfg.driftPruneRate();
    }
    return cfg.itop().pruneRate();
  }

  /**
   * Reports a detected concept drift: the next batch runs a topology update at the drift prune
   * rate, and so do the following {@code driftBoostUpdates - 1} scheduled updates. Has no effect
   * on a dense network (there is no topology to change) apart from being counted.
   */
  public void signalDrift() {
    drifts++;
    if (hook != null) {
      pendingDriftUpdate = true;
      boostLeft = cfg.driftBoostUpdates();
    }
  }

  /** Class probabilities for {@code raw}, or {@code null} before the first batch was trained. */
  public double[] votes(double[] raw) {
    if (batches == 0) {
      return null;
    }
    standardizer.encode(raw, single);
    return Dl4jRuntime.call(THREADS, () -> {
      return SoftmaxCrossEntropy.softmax(step.forward(new float[][] {single}, new int[] {0})[0]);
    });
  }

  /** Whether at least one batch was trained (before that, {@link #votes} has no answer). */
  public boolean isTrained() {
    return batches > 0;
  }

  public int numClasses() {
    return numClasses;
  }

  public int numInputs() {
    return standardizer.numInputs();
  }

  public long instancesSeen() {
    return instancesSeen;
  }

  public long batchesTrained() {
    return batches;
  }

  public long drifts() {
    return drifts;
  }

  /** Topology updates performed so far (0 for a dense network). */
  public long topologyUpdates() {
    return hook == null ? 0 : hook.masks().updates();
  }

  /** ITOP rate R_s: fraction of all weights that were ever active (1 for a dense network). */
  public double itopRate() {
    return hook == null ? 1 : hook.masks().itopRate();
  }

  /** Density of the weight matrices now (1 for a dense network). */
  public double density() {
    return hook == null ? 1 : hook.masks().density();
  }

  /** The current model measurements, in a stable order. */
  public Map<String, Double> measurements() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("instances trained", (double) instancesSeen);
    m.put("batches trained", (double) batches);
    m.put("optimiser steps", (double) iterations);
    m.put("topology updates", (double) topologyUpdates());
    m.put("ITOP rate R_s", itopRate());
    m.put("density", density());
    m.put("last prune rate", hook == null || hook.masks().updates() == 0 ? 0 : hook.masks().lastPruneRate());
    m.put("drifts signalled", (double) drifts);
    m.put("last batch loss", lastLoss);
    return m;
  }

  /** A copy of the flat parameter vector (for tests). */
  public double[] parameters() {
    return Dl4jRuntime.call(THREADS, step::parameters);
  }

  /** Number of parameters, biases included. */
  public long numParameters() {
    return step.layout().totalLength();
  }
}
