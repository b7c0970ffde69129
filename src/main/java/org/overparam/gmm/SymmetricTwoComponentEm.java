// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * Sample EM for the symmetric two-component mixture w1 N(theta, I) + (1 - w1) N(-theta, I) in the
 * tanh form of Xu, Hsu and Maleki (NeurIPS 2018). With nu = 0.5 log(w1 / (1 - w1)),
 * r_i1 - r_i2 = tanh(&lt;x_i, theta&gt; + nu) = t_i, and one step is
 * theta &lt;- mean(t_i x_i), plus (Model 2 only) nu &lt;- artanh(mean(t_i)), both from the old values.
 *
 * <p>This ties the two means to +-theta, so it is not general EM with k = 2.
 */
public final class SymmetricTwoComponentEm {
  /** artanh's argument is clipped to +-(1 - CLIP) so nu stays finite. */
  static final double CLIP = 1e-12;

  private SymmetricTwoComponentEm() {}

  /**
   * @param theta final theta
   * @param w1 final weight of the +theta component
   * @param iterations EM steps performed
   * @param converged whether the largest parameter change fell below the tolerance
   * @param logLikelihood mean log-likelihood per row at the final parameters
   */
  public record Result(double[] theta, double w1, int iterations, boolean converged, double logLikelihood) {
    public Result {
      theta = theta.clone();
    }

    @Override
    public double[] theta() {
      return theta.clone();
    }
  }

  /**
   * Runs EM on x (n rows of d values, row-major).
   *
   * @param estimateWeight true for Model 2 (nu re-estimated), false for Model 1 (nu fixed)
   * @param tolerance stop when max(|delta theta|, |delta nu|) is below this
   */
  public static Result fit(double[] x, int n, int d, double[] theta0, double w1, boolean estimateWeight,
      int maxIterations, double tolerance) {
    if (!(w1 > 0 && w1 < 1)) {
      throw new IllegalArgumentException("w1 must be in (0, 1), got " + w1);
    }
    double[] theta = theta0.clone();
    double nu = 0.5 * Math.log(w1 / (1 - w1));
    double[] next = new double[d];
    int it = 0;
    boolean converged = false;
    while (it < maxIterations) {
      java.util.Arrays.fill(next, 0);
      double sumT = 0;
      for (int i = 0; i < n; i++) {
        double t = Math.tanh(dot(x, i * d, theta, d) + nu);
        sumT += t;
        for (int a = 0; a < d; a++) {
          next[a] += t * x[i * d + a];
        }
      }
      double change = 0;
      for (int a = 0; a < d; a++) {
        next[a] /= n;
        change = Math.max(change, Math.abs(next[a] - theta[a]));
        theta[a] = next[a];
      }
      if (estimateWeight) {
        double mt = Math.max(-1 + CLIP, Math.min(1 - CLIP, sumT / n));
        double nuNew = 0.5 * Math.log((1 + mt) / (1 - mt));
        change = Math.max(change, Math.abs(nuNew - nu));
        nu = nuNew;
      }
      it++;
      if (change < tolerance) {
        converged = true;
        break;
      }
    }
    double w = 1 / (1 + Math.exp(-2 * nu));
    return new Result(theta, w, it, converged, meanLogLikelihood(x, n, d, theta, w));
  }

  /** Mean of log(w N(x | theta, I) + (1 - w) N(x | -theta, I)). */
  public static double meanLogLikelihood(double[] x, int n, int d, double[] theta, double w) {
    double tt = dot(theta, 0, theta, d);
    double s = 0;
    for (int i = 0; i < n; i++) {
      double xx = dot(x, i * d, x, i * d, d);
      double xt = dot(x, i * d, theta, d);
      double a = Math.log(w) + xt;
      double b = Math.log(1 - w) - xt;
      double m = Math.max(a, b);
      s += -0.5 * (xx + tt + d * ComponentDensities.LOG_2PI) + m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }
    return s / n;
  }

  private static double dot(double[] x, int off, double[] v, int d) {
    double s = 0;
    for (int a = 0; a < d; a++) {
      s += x[off + a] * v[a];
    }
    return s;
  }

  private static double dot(double[] x, int o1, double[] y, int o2, int d) {
    double s = 0;
    for (int a = 0; a < d; a++) {
      s += x[o1 + a] * y[o2 + a];
    }
    return s;
  }
}
