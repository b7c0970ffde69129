// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import org.overparam.common.ArgMax;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.overparam.common.Checks;
import org.overparam.nn.Objective;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.TrainingSet;

/**
 * SOP as an objective of the network engine: it owns the per-instance noise
 * variables u (n) and v (n×C) in double precision, indexed by training-set row, computes the SOP
 * loss of each minibatch and updates the batch's rows of u and v by plain SGD (constant rates, no
 * momentum, no weight decay) after the network's step.
 *
 * <p>With {@code ce-only} it is the plain softmax cross-entropy baseline (no noise variables, no
 * clamps, SOP+ terms ignored). A fresh instance is needed per training run.
 */
public final class SopObjective implements Objective {
  private final SopConfig config;
  private final double lrU;
  private final double lrV;

  private int[] labels;
  private int[] trainRows;
  private int numClasses;
  private double meanWeight = 1;
  private double[] u;
  private double[][] v;
  private int[] lastPrediction;
  private SopLoss loss;

  // Gradients of the last lossAndGradient, applied in afterStep.
  private int[] pendingRows;
  private double[] pendingDu;
  private double[][] pendingDv;

  private double epochCe;
  private double epochMse;
  private int epochSteps;
  private double lastCe = Double.NaN;
  private double lastMse = Double.NaN;

  /**
   * @param lrU effective learning rate of u (already rescaled, see {@link SopConfig#effectiveLrU})
   * @param lrV effective learning rate of v
   */
  public SopObjective(SopConfig config, double lrU, double lrV) {
    this.config = config;
    this.lrU = Checks.nonNegative("lr-u", lrU);
    this.lrV = Checks.nonNegative("lr-v", lrV);
  }

  @Override
  public void begin(TrainingSet data, int[] trainRows, SplittableRandom rng) {
    int n = data.size();
    this.trainRows = trainRows.clone();
    meanWeight = Arrays.stream(this.trainRows).mapToDouble(i -> data.weights()[i]).sum() / this.trainRows.length;
    Checks.require(meanWeight > 0, "all training instances have weight 0");
    numClasses = data.numClasses();
    labels = data.labels().clone();
    lastPrediction = new int[n];
    Arrays.fill(lastPrediction, -1);
    u = new double[n];
    v = new double[n][numClasses];
    if (!config.ceOnly()) {
      double std = config.initStd();
      for (int i = 0; i < n; i++) {
        u[i] = std * rng.nextGaussian();
        for (int c = 0; c < numClasses; c++) {
          v[i][c] = std * rng.nextGaussian();
        }
      }
    }
    int[] trainLabels = Arrays.stream(this.trainRows).map(i -> labels[i]).toArray();
    loss = new SopLoss(config.variant(), config.lambdaBalance(), prior(trainLabels, numClasses, config.balancePrior()),
        config.lambdaConsistency());
  }

  /** π of the balance term: uniform, or the class frequencies of the given labels. */
  static double[] prior(int[] labels, int numClasses, BalancePrior kind) {
    double[] prior = new double[numClasses];
    if (kind == BalancePrior.UNIFORM) {
      Arrays.fill(prior, 1.0 / numClasses);
    } else {
      for (int k : labels) {
        prior[k] += 1.0 / labels.length;
      }
    }
    return prior;
  }

  @Override
  public int views() {
    return config.usesSecondView() ? 2 : 1;
  }

  /** View 2 for SOP+ consistency: Gaussian noise on the standardised inputs, then random masking to 0 (the mean). */
  @Override
  public void makeView(int view, float[][] x, SplittableRandom rng) {
    double std = config.viewNoiseStd();
    double mask = config.viewMaskProb();
    for (float[] row : x) {
      for (int j = 0; j < row.length; j++) {
        if (mask > 0 && rng.nextDouble() < mask) {
          row[j] = 0f;
        } else if (std > 0) {
          row[j] += (float) (std * rng.nextGaussian());
        }
      }
    }
  }

  @Override
  public double lossAndGradient(Step step, double[][] logits, double[][] dLogits) {
    int b = step.batchSize();
    int[] rows = Arrays.copyOf(step.rows(), b);
    double[][] z1 = Arrays.copyOf(logits, b);
    int[] batchLabels = new int[b];
    double[] omega = new double[b];
    for (int r = 0; r < b; r++) {
      batchLabels[r] = labels[rows[r]];
      omega[r] = step.weights()[r] / meanWeight;
    }
    if (config.ceOnly()) {
      return crossEntropy(z1, batchLabels, omega, rows, dLogits);
    }
    double[] uBatch = new double[b];
    double[][] vBatch = new double[b][];
    for (int r = 0; r < b; r++) {
      uBatch[r] = u[rows[r]];
      vBatch[r] = v[rows[r]];
    }
    double[][] z2 = views() == 2 ? Arrays.copyOfRange(logits, b, 2 * b) : null;
    SopLoss.Result result = loss.evaluate(z1, z2, batchLabels, uBatch, vBatch, omega);
    for (int r = 0; r < b; r++) {
      System.arraycopy(result.dLogits()[r], 0, dLogits[r], 0, numClasses);
      if (z2 != null) {
        System.arraycopy(result.dLogitsView2()[r], 0, dLogits[b + r], 0, numClasses);
      }
      lastPrediction[rows[r]] = result.prediction()[r];
    }
    pendingRows = rows;
    pendingDu = result.du();
    pendingDv = result.dv();
    epochCe += result.ce();
    epochMse += result.mse();
    epochSteps++;
    return result.total();
  }

  /** Plain softmax cross-entropy, (1/B)·Σ ω_i·CE_i, exactly the engine's default objective: the {@code ce-only} baseline. */
  private double crossEntropy(double[][] z, int[] batchLabels, double[] omega, int[] rows, double[][] dLogits) {
    int b = z.length;
    double value = 0;
    for (int r = 0; r < b; r++) {
      double scale = omega[r] / b;
      value += scale * SoftmaxCrossEntropy.gradientOfRow(z[r], batchLabels[r], scale, dLogits[r]);
      lastPrediction[rows[r]] = ArgMax.of(z[r]);
    }
    epochCe += value;
    epochSteps++;
    pendingRows = null;
    return value;
  }

  @Override
  public void afterStep(Step step) {
    if (pendingRows == null) {
      return;
    }
    for (int r = 0; r < pendingRows.length; r++) {
      int i = pendingRows[r];
      u[i] -= lrU * pendingDu[r];
      double[] vi = v[i];
      for (int c = 0; c < numClasses; c++) {
        vi[c] -= lrV * pendingDv[r][c];
      }
      if (config.projectUv()) {
        u[i] = Math.max(-1, Math.min(1, u[i]));
        for (int c = 0; c < numClasses; c++) {
          vi[c] = Math.max(-1, Math.min(1, vi[c]));
        }
      }
      if (!Double.isFinite(u[i]) || !allFinite(vi)) {
        throw new ArithmeticException("training diverged: SOP's noise variables of training row " + (i + 1)
            + " are not finite (epoch " + (step.epoch() + 1) + "); lower -lr-u (effective " + lrU + ") or -lr-v "
            + "(effective " + lrV + ")");
      }
    }
    pendingRows = null;
  }

  private static boolean allFinite(double[] values) {
    for (double x : values) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String divergenceHint() {
    return config.ceOnly() ? "" : " SOP's own settings scale its loss too: -lambda-consistency (now "
        + config.lambdaConsistency() + "), -lambda-balance (now " + config.lambdaBalance() + "), and the noise "
        + "variables' -lr-u / -lr-v and -uv-init-std.";
  }

  /** SOP's loss adds its noise model's terms (only {@code ce-only} is the plain cross-entropy). */
  @Override
  public boolean lossIsCrossEntropy() {
    return config.ceOnly();
  }

  /** Mean training CE and MSE over the epoch's steps, and the fraction of rows flagged as noisy. */
  @Override
  public Map<String, Double> epochMetrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    int steps = Math.max(1, epochSteps);
    metrics.put(config.ceOnly() ? "objective/cross-entropy" : "objective/SOP cross-entropy", epochCe / steps);
    if (!config.ceOnly()) {
      metrics.put("objective/SOP MSE", epochMse / steps);
      metrics.put("labels flagged as noisy", (double) noiseReport().numFlagged() / trainRows.length);
      metrics.putAll(noiseVariableStatistics());
    }
    lastCe = epochCe / steps;
    lastMse = epochMse / steps;
    epochCe = 0;
    epochMse = 0;
    epochSteps = 0;
    return metrics;
  }

  /**
   * How far the noise variables have moved, over the training rows: the mean and the largest u_i²
   * (the weight SOP puts on doubting instance i's label) and the mean Σ_c v_ic².
   */
  private Map<String, Double> noiseVariableStatistics() {
    double sumU = 0;
    double maxU = 0;
    double sumV = 0;
    for (int i : trainRows) {
      double u2 = u[i] * u[i];
      sumU += u2;
      maxU = Math.max(maxU, u2);
      for (double vic : v[i]) {
        sumV += vic * vic;
      }
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("noise variables/mean u^2", sumU / trainRows.length);
    m.put("noise variables/max u^2", maxU);
    m.put("noise variables/mean sum of v^2", sumV / trainRows.length);
    return m;
  }

  /** Mean training CE of the last finished epoch (SOP's adjusted CE unless ce-only). */
  public double lastEpochCe() {
    return lastCe;
  }

  /** Mean training MSE of the last finished epoch (NaN with ce-only). */
  public double lastEpochMse() {
    return config.ceOnly() ? Double.NaN : lastMse;
  }

  /**
   * The report of suspected wrong labels from the current u, v, over the rows the optimiser
   * trained on (row ids are training-set positions); null with {@code ce-only}.
   */
  public NoiseReport noiseReport() {
    Checks.require(labels != null, "the objective has not been started");
    if (config.ceOnly()) {
      return null;
    }
    int m = trainRows.length;
    int[] y = new int[m];
    double[] uRows = new double[m];
    double[][] vRows = new double[m][];
    int[] predicted = new int[m];
    for (int r = 0; r < m; r++) {
      int i = trainRows[r];
      y[r] = labels[i];
      uRows[r] = u[i];
      vRows[r] = v[i];
      predicted[r] = lastPrediction[i];
    }
    return NoiseReport.compute(y, uRows, vRows, predicted).withRowIds(trainRows);
  }

  public double effectiveLrU() {
    return lrU;
  }

  public double effectiveLrV() {
    return lrV;
  }

  /** Copy of u (for tests and diagnostics). */
  double[] u() {
    return u.clone();
  }

  /** Copy of v (for tests and diagnostics). */
  double[][] v() {
    double[][] copy = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      copy[i] = v[i].clone();
    }
    return copy;
  }
}
