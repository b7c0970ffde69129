// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

import org.overparam.common.Checks;

/**
 * The MinDiff penalty: the (squared, biased V-statistic) maximum mean discrepancy between the
 * predictions of the sensitive group S and of the reference group R, following TensorFlow Model
 * Remediation's {@code MMDLoss}:
 *
 * <pre>
 *   Kbar_XY = sum_{i in X, j in Y} w_i w_j k(p_i, p_j) / sum_{i in X, j in Y} w_i w_j
 *   MMD     = Kbar_SS - 2 Kbar_SR + Kbar_RR          (diagonal pairs included, no square root)
 * </pre>
 *
 * A term whose denominator is 0 is 0 (TF's divide-no-nan). The gradient is the exact derivative
 * of this expression; for the Laplacian kernel the diagonal pairs contribute nothing, as under
 * automatic differentiation. Pure: arrays in, a {@link Result} out.
 */
public final class MmdPenalty {
  private final Kernel kernel;
  private final double length;

  public MmdPenalty(Kernel kernel, double length) {
    this.kernel = java.util.Objects.requireNonNull(kernel, "kernel");
    this.length = Checks.positive("kernel-length", length);
  }

  /** The MMD value and its gradient with respect to the inputs the caller passed. */
  public record Result(double value, double[] gradient) {}

  /**
   * MMD on probabilities {@code p}.
   *
   * @param p predictions (probabilities, or any scores with {@code predictions-transform NONE})
   * @param sensitive membership: true for group S, false for group R
   * @param w instance weights (>= 0), or null for all 1
   * @return the MMD and dMMD/dp
   */
  public Result onPredictions(double[] p, boolean[] sensitive, double[] w) {
    int n = p.length;
    Checks.require(sensitive.length == n, "membership has " + sensitive.length + " entries, predictions " + n);
    double[] weights = w == null ? ones(n) : w;
    Checks.require(weights.length == n, "weights have " + weights.length + " entries, predictions " + n);
    double omegaS = 0;
    double omegaR = 0;
    for (int i = 0; i < n; i++) {
      Checks.require(weights[i] >= 0 && Double.isFinite(weights[i]),
          "MinDiff weights must be finite and >= 0, got " + weights[i] + " at position " + (i + 1));
      if (sensitive[i]) {
        omegaS += weights[i];
      } else {
        omegaR += weights[i];
      }
    }
    // k[i][j] = k(p_i, p_j), computed once; the Laplacian is not exactly symmetric (the 1e-8).
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        k[i][j] = kernel.value(p[i], p[j], length);
      }
    }
    double sumSS = 0;
    double sumSR = 0;
    double sumRR = 0;
    // Per row i: sum_j w_j * d/dp_i of the pair terms with j (same group, both slots) or of the
    // cross terms (i in the first slot if i is in S, in the second if i is in R).
    double[] same = new double[n];
    double[] cross = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double wij = weights[i] * weights[j];
        if (wij == 0) {
          continue;
        }
        // Row i in the first slot of k(p_i, p_j) and in the second slot of k(p_j, p_i);
        // d k(a, b)/db = -d k(a, b)/da for both kernels. The pair j == i is included, which
        // makes its derivative exactly d k(p, p)/dp (0 for both kernels).
        double d1 = kernel.derivative(p[i], p[j], length, k[i][j]);
        double d2 = -kernel.derivative(p[j], p[i], length, k[j][i]);
        if (sensitive[i] == sensitive[j]) {
          if (sensitive[i]) {
            sumSS += wij * k[i][j];
          } else {
            sumRR += wij * k[i][j];
          }
          same[i] += weights[j] * (d1 + d2);
        } else if (sensitive[i]) {
          sumSR += wij * k[i][j];
          cross[i] += weights[j] * d1;
        } else {
          cross[i] += weights[j] * d2;
        }
      }
    }
    double invSS = omegaS > 0 ? 1 / (omegaS * omegaS) : 0;
    double invRR = omegaR > 0 ? 1 / (omegaR * omegaR) : 0;
    double invSR = omegaS > 0 && omegaR > 0 ? 1 / (omegaS * omegaR) : 0;
    double value = sumSS * invSS - 2 * sumSR * invSR + sumRR * invRR;
    double[] grad = new double[n];
    for (int i = 0; i < n; i++) {
      double invSame = sensitive[i] ? invSS : invRR;
      grad[i] = weights[i] * (same[i] * invSame - 2 * cross[i] * invSR);
    }
    return new Result(value, grad);
  }

  /** MMD on sigmoid(z), with the gradient with respect to the logits z. */
  public Result onLogits(double[] z, boolean[] sensitive, double[] w) {
    double[] p = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = sigmoid(z[i]);
    }
    Result r = onPredictions(p, sensitive, w);
    double[] g = r.gradient();
    for (int i = 0; i < z.length; i++) {
      g[i] *= p[i] * (1 - p[i]);
    }
    return r;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private static double[] ones(int n) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, 1.0);
    return a;
  }
}
