// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import org.overparam.common.ArgMax;
import org.overparam.common.LogSumExp;
import java.util.Objects;
import org.overparam.common.Checks;
import org.overparam.nn.SoftmaxCrossEntropy;

/**
 * The SOP objective on one minibatch: pure, no state, double precision.
 *
 * <p>Given logits z, given labels k, and the batch's noise variables u (scalar per row) and v
 * (C-vector per row), it returns the loss terms and the hand-derived gradients with respect to
 * z, u and v. Stop-gradients follow the official code: V is detached inside the cross-entropy branch, the
 * MSE term never reaches z (it uses the hard prediction), and under {@link SopVariant#PAPER} the
 * MSE term sees U as a constant. Every gradient is that of the whole minibatch loss, 1/B included.
 */
public final class SopLoss {
  private final SopVariant variant;
  private final double lambdaBalance;
  private final double[] prior;
  private final double lambdaConsistency;

  /**
   * @param prior π of the balance term (length C, used only if {@code lambdaBalance > 0})
   */
  public SopLoss(SopVariant variant, double lambdaBalance, double[] prior, double lambdaConsistency) {
    this.variant = Objects.requireNonNull(variant, "variant");
    this.lambdaBalance = Checks.nonNegative("lambda-balance", lambdaBalance);
    this.prior = prior.clone();
    this.lambdaConsistency = Checks.nonNegative("lambda-consistency", lambdaConsistency);
  }

  /**
   * Loss terms and gradients of one minibatch. Arrays are owned by the caller after return.
   *
   * @param total L_CE + L_MSE + λ_B·L_B + λ_C·L_C
   * @param dLogits ∂L/∂z of view 1 (B×C)
   * @param dLogitsView2 ∂L/∂z of view 2 (B×C), null without a second view
   * @param du ∂L/∂u per row, from every term that trains u under the variant
   * @param duMse the MSE part of {@code du} (zero under {@link SopVariant#PAPER})
   * @param dv ∂L/∂v (B×C), from the MSE term only; zero at the label
   * @param prediction the hard prediction argmax z per row
   */
  public record Result(
      double ce,
      double mse,
      double balance,
      double consistency,
      double total,
      double[][] dLogits,
      double[][] dLogitsView2,
      double[] du,
      double[] duMse,
      double[][] dv,
      int[] prediction) {}

  /** U_i = clamp(u²·y, 0, 1) at the labelled class. */
  public static double labelTerm(double u) {
    return Math.min(u * u, 1.0);
  }

  /** V_ic = clamp(v_c²·(1 − y_c), 0, 1) at a class c other than the label. */
  public static double otherTerm(double v) {
    return Math.min(v * v, 1.0);
  }

  /**
   * Evaluates the objective.
   *
   * @param logits view-1 logits, B×C
   * @param logitsView2 view-2 logits, B×C, or null when λ_C = 0
   * @param labels given labels, length B
   * @param u noise scalars of the batch rows, length B
   * @param v noise vectors of the batch rows, B×C (entry at the label is ignored)
   */
  public Result evaluate(double[][] logits, double[][] logitsView2, int[] labels, double[] u, double[][] v) {
    return evaluate(logits, logitsView2, labels, u, v, null);
  }

  /**
   * Evaluates the objective with relative instance weights ω_i (mean 1 over the training set): every
   * 1/B of the paper becomes ω_i/B for row i, so a weight of 2 counts like a duplicated row.
   *
   * @param rowWeights ω per row, or null for all 1
   */
  public Result evaluate(double[][] logits, double[][] logitsView2, int[] labels, double[] u, double[][] v,
      double[] rowWeights) {
    final int b = logits.length;
    final int c = logits[0].length;
    Checks.require(labels.length == b && u.length == b && v.length == b, "batch arrays differ in length");
    Checks.require(rowWeights == null || rowWeights.length == b, "batch arrays differ in length");
    Checks.require(lambdaBalance == 0 || prior.length == c, "balance prior has " + prior.length + " classes, logits " + c);
    final double eps = SopConfig.EPS;
    final double[] rowScale = new double[b]; // ω_i / B
    for (int i = 0; i < b; i++) {
      rowScale[i] = (rowWeights == null ? 1.0 : rowWeights[i]) / b;
    }

    double[][] p = new double[b][];
    double[][] qHat = new double[b][c];
    double[][] active = new double[b][c]; // a_c: p + U − V above the floor
    double[][] inRange = new double[b][c]; // b_c: eps < q̂ < 1
    double[] sum = new double[b];
    double[][] dvAll = new double[b][c];
    double[] du = new double[b];
    double[] duMse = new double[b];
    int[] prediction = new int[b];
    double ce = 0;
    double mse = 0;
    double[] qBar = new double[c];

    for (int i = 0; i < b; i++) {
      int k = labels[i];
      final double omegaOverB = rowScale[i];
      p[i] = SoftmaxCrossEntropy.softmax(logits[i]);
      double uTerm = labelTerm(u[i]);
      double s = 0;
      double[] qTilde = new double[c];
      for (int j = 0; j < c; j++) {
        double value = p[i][j] + (j == k ? uTerm : -otherTerm(v[i][j]));
        active[i][j] = value > eps ? 1 : 0;
        qTilde[j] = Math.max(value, eps);
        s += qTilde[j];
      }
      sum[i] = s;
      for (int j = 0; j < c; j++) {
        double qh = qTilde[j] / s;
        qHat[i][j] = qh;
        inRange[i][j] = (qh > eps && qh < 1) ? 1 : 0;
        qBar[j] += clamp(qh, eps, 1) * omegaOverB;
      }
      ce -= Math.log(clamp(qHat[i][k], eps, 1)) * omegaOverB;

      int h = ArgMax.of(logits[i]);
      prediction[i] = h;
      double uIota = (u[i] * u[i] < 1) ? 1 : 0;
      for (int j = 0; j < c; j++) {
        double hj = j == h ? 1 : 0;
        if (j == k) {
          double r = hj + uTerm - 1;
          mse += r * r * omegaOverB;
          duMse[i] = variant == SopVariant.REPO_HEAD ? 2 * omegaOverB * r * 2 * u[i] * uIota : 0;
        } else {
          double r = hj - otherTerm(v[i][j]);
          mse += r * r * omegaOverB;
          double vIota = (v[i][j] * v[i][j] < 1) ? 1 : 0;
          dvAll[i][j] = 2 * omegaOverB * r * (-2 * v[i][j]) * vIota;
        }
      }
    }

    double balance = 0;
    double[] gBar = new double[c]; // ∂(λ_B·L_B)/∂q̄_c
    if (lambdaBalance > 0) {
      for (int j = 0; j < c; j++) {
        balance -= prior[j] * Math.log(clamp(qBar[j], eps, 1));
        boolean open = qBar[j] > eps && qBar[j] < 1;
        gBar[j] = open ? -lambdaBalance * prior[j] / qBar[j] : 0;
      }
    }

    double[][] dLogits = new double[b][c];
    double[] g = new double[c];
    double[] dp = new double[c];
    for (int i = 0; i < b; i++) {
      int k = labels[i];
      final double omegaOverB = rowScale[i];
      double gDotQ = 0;
      for (int j = 0; j < c; j++) {
        g[j] = gBar[j] * inRange[i][j] * omegaOverB;
        if (j == k) {
          g[j] -= omegaOverB * inRange[i][k] / qHat[i][k];
        }
        gDotQ += g[j] * qHat[i][j];
      }
      double pDotDp = 0;
      double dqTildeK = 0;
      for (int j = 0; j < c; j++) {
        double dqTilde = (g[j] - gDotQ) / sum[i];
        if (j == k) {
          dqTildeK = dqTilde;
        }
        dp[j] = active[i][j] * dqTilde;
        pDotDp += p[i][j] * dp[j];
      }
      for (int j = 0; j < c; j++) {
        dLogits[i][j] = p[i][j] * (dp[j] - pDotDp);
      }
      double uIota = (u[i] * u[i] < 1) ? 1 : 0;
      du[i] = active[i][k] * dqTildeK * 2 * u[i] * uIota + duMse[i];
    }

    double consistency = 0;
    double[][] dLogitsView2 = null;
    if (logitsView2 != null) {
      Checks.require(logitsView2.length == b, "view-2 logits have " + logitsView2.length + " rows, expected " + b);
      dLogitsView2 = new double[b][c];
      for (int i = 0; i < b; i++) {
        final double omegaOverB = rowScale[i];
        double[] logP1 = logSoftmax(logits[i]);
        double[] logP2 = logSoftmax(logitsView2[i]);
        for (int j = 0; j < c; j++) {
          double p1 = Math.exp(logP1[j]);
          consistency += p1 * (logP1[j] - logP2[j]) * omegaOverB;
          dLogitsView2[i][j] = lambdaConsistency * omegaOverB * (Math.exp(logP2[j]) - p1);
        }
      }
    }
    double total = ce + mse + lambdaBalance * balance + lambdaConsistency * consistency;
    return new Result(ce, mse, balance, consistency, total, dLogits, dLogitsView2, du, duMse, dvAll, prediction);
  }

  static double[] logSoftmax(double[] z) {
    double logNorm = LogSumExp.of(z);
    double[] out = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      out[j] = z[j] - logNorm;
    }
    return out;
  }

  private static double clamp(double x, double lo, double hi) {
    return Math.max(lo, Math.min(hi, x));
  }
}
