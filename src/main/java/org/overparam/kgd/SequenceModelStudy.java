// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.overparam.common.Checks;
import org.overparam.common.ProgressListener;
import org.overparam.common.Seeds;

/**
 * The rate experiment of Li and Lin (2024, Table 1) in the sequence model z_j = theta*_j + eps xi_j,
 * eps = n^{-1/2}, lambda_j = j^{-gamma}, with the misaligned truth theta*_{ceil(j^q)} = j^{-(p+1)/2}
 * (zero elsewhere), truncated at N components. Over-parameterized GD (D = 0, exact solution) and
 * vanilla GD (closed form) are stopped at the oracle time of the risk curve averaged over
 * repetitions; log10 risk is regressed on log10 n.
 *
 * <p>Shortcuts, both with negligible error: an OpGD component whose bound lambda_j e^{(2|z_j| +
 * lambda_j) t_max} / 2 on |theta_j| (Appendix D sandwich) is below {@link #SKIP_FACTOR} eps is
 * treated as theta_j = 0; a vanilla component with lambda_j t_max below {@link #LINEAR_LIMIT} uses
 * theta_j = lambda_j t z_j, whose risk sums to a quadratic in t. The same noise draw xi serves all
 * n within a repetition (common random numbers).
 */
public final class SequenceModelStudy {
  /** Skip OpGD components with |theta_j| provably below this times eps (theta^2 below 1e-12 eps^2). */
  static final double SKIP_FACTOR = 1e-6;
  /** Linearise vanilla components with lambda_j t below this. */
  static final double LINEAR_LIMIT = 1e-4;

  /**
   * @param gamma eigenvalue decay
   * @param p signal smoothness
   * @param q misalignment
   * @param truncation N, the number of components
   * @param ns sample sizes n
   * @param repetitions repetitions per n
   * @param gridPoints log-spaced times per method
   * @param seed the one seed
   */
  public record Setting(double gamma, double p, double q, int truncation, int[] ns, int repetitions, int gridPoints,
      long seed) {
    public Setting {
      Checks.require(gamma > 1, "-gamma must be > 1, got " + gamma);
      Checks.positive("-p", p);
      Checks.require(q >= 1, "-q must be >= 1, got " + q);
      Checks.require(truncation >= 100, "-truncation must be >= 100, got " + truncation);
      // five arrays of the truncation's length live at once (eigenvalues, their logarithms, noise, data, truth)
      Checks.fitsInHeap("-truncation " + truncation, 5 * 8.0 * truncation, "");
      Checks.require(ns.length >= 2, "need at least two sample sizes (-n-min < -n-max)");
      Checks.positive("-repetitions", repetitions);
      Checks.require(gridPoints >= 3, "-grid-points must be >= 3, got " + gridPoints);
    }
  }

  /** Oracle risk at one n. */
  public record Point(int n, double oracleTime, double risk, boolean atGridEdge) {}

  /** One method's points and the least-squares fits (rate = -slope of log10 risk on log10 n). */
  public record MethodResult(String method, List<Point> points, double rate, double intercept, double timeSlope) {}

  private SequenceModelStudy() {}

  /** Runs both methods; returns [over-parameterized D = 0, vanilla]. */
  public static List<MethodResult> run(Setting s, ProgressListener listener) throws InterruptedException {
    int bigN = s.truncation();
    double[] logLambda = new double[bigN];
    double[] lambda = new double[bigN];
    for (int j = 0; j < bigN; j++) {
      logLambda[j] = -s.gamma() * Math.log(j + 1.0);
      lambda[j] = Math.exp(logLambda[j]);
    }
    double[] truth = truth(s);
    double[][] opTimes = new double[s.ns().length][];
    double[][] vaTimes = new double[s.ns().length][];
    double vanillaExponent = s.q() * s.gamma() / (s.p() + s.q());
    for (int k = 0; k < s.ns().length; k++) {
      int n = s.ns()[k];
      opTimes[k] = logSpace(0.5 * Math.sqrt(n), 4 * Math.sqrt(n), s.gridPoints());
      vaTimes[k] = logSpace(0.05 * Math.pow(n, vanillaExponent), 5 * Math.pow(n, vanillaExponent), s.gridPoints());
    }
    double[][] opRisk = new double[s.ns().length][s.gridPoints()];
    double[][] vaRisk = new double[s.ns().length][s.gridPoints()];
    double[] xi = new double[bigN];
    double[] z = new double[bigN];
    for (int rep = 0; rep < s.repetitions(); rep++) {
      Checks.checkInterrupted();
      SplittableRandom rng = Seeds.stream(s.seed(), "kgd.rate.rep" + rep);
      for (int j = 0; j < bigN; j++) {
        xi[j] = rng.nextGaussian();
      }
      for (int k = 0; k < s.ns().length; k++) {
        double eps = 1 / Math.sqrt(s.ns()[k]);
        for (int j = 0; j < bigN; j++) {
          z[j] = truth[j] + eps * xi[j];
        }
        addOverparamRisk(z, truth, lambda, logLambda, eps, opTimes[k], opRisk[k]);
        addVanillaRisk(z, truth, lambda, vaTimes[k], vaRisk[k]);
      }
      listener.onEpoch(rep + 1, java.util.Map.of());
    }
    List<MethodResult> results = new ArrayList<>();
    results.add(summarise("overparameterized-D0", s, opTimes, opRisk));
    results.add(summarise("vanilla", s, vaTimes, vaRisk));
    return results;
  }

  /** theta*_{ceil(j^q)} = j^{-(p+1)/2} (1-based), zero elsewhere. */
  static double[] truth(Setting s) {
    double[] truth = new double[s.truncation()];
    for (int j = 1; ; j++) {
      long index = (long) Math.ceil(Math.pow(j, s.q()) - 1e-9);
      if (index > s.truncation()) {
        break;
      }
      truth[(int) index - 1] = Math.pow(j, -(s.p() + 1) / 2);
    }
    return truth;
  }

  private static void addOverparamRisk(double[] z, double[] truth, double[] lambdas, double[] logLambda, double eps,
      double[] times, double[] risk) {
    double tMax = times[times.length - 1];
    double logSkip = Math.log(2 * SKIP_FACTOR * eps);
    double skippedTruth = 0;
    for (int j = 0; j < z.length; j++) {
      double lambda = lambdas[j];
      if (logLambda[j] + (2 * Math.abs(z[j]) + lambda) * tMax < logSkip) {
        skippedTruth += truth[j] * truth[j];
        continue;
      }
      for (int k = 0; k < times.length; k++) {
        double d = OverparamDynamics.exactThetaD0(z[j], lambda, times[k]) - truth[j];
        risk[k] += d * d;
      }
    }
    for (int k = 0; k < times.length; k++) {
      risk[k] += skippedTruth;
    }
  }

  private static void addVanillaRisk(double[] z, double[] truth, double[] lambdas, double[] times, double[] risk) {
    double tMax = times[times.length - 1];
    double quadratic = 0;
    double linear = 0;
    double constant = 0;
    for (int j = 0; j < z.length; j++) {
      double lambda = lambdas[j];
      if (lambda * tMax < LINEAR_LIMIT) {
        // (lambda t z - theta*)^2 = t^2 lambda^2 z^2 - 2 t lambda z theta* + theta*^2
        quadratic += lambda * lambda * z[j] * z[j];
        linear += lambda * z[j] * truth[j];
        constant += truth[j] * truth[j];
        continue;
      }
      for (int k = 0; k < times.length; k++) {
        double d = OverparamDynamics.vanillaTheta(z[j], lambda, times[k]) - truth[j];
        risk[k] += d * d;
      }
    }
    for (int k = 0; k < times.length; k++) {
      double t = times[k];
      risk[k] += t * t * quadratic - 2 * t * linear + constant;
    }
  }

  private static MethodResult summarise(String method, Setting s, double[][] times, double[][] riskSum) {
    List<Point> points = new ArrayList<>();
    double[] logN = new double[s.ns().length];
    double[] logRisk = new double[s.ns().length];
    double[] logTime = new double[s.ns().length];
    for (int k = 0; k < s.ns().length; k++) {
      int best = 0;
      for (int g = 1; g < riskSum[k].length; g++) {
        if (riskSum[k][g] < riskSum[k][best]) {
          best = g;
        }
      }
      double risk = riskSum[k][best] / s.repetitions();
      boolean edge = best == 0 || best == riskSum[k].length - 1;
      points.add(new Point(s.ns()[k], times[k][best], risk, edge));
      logN[k] = Math.log10(s.ns()[k]);
      logRisk[k] = Math.log10(risk);
      logTime[k] = Math.log10(times[k][best]);
    }
    double[] riskFit = leastSquares(logN, logRisk);
    double[] timeFit = leastSquares(logN, logTime);
    return new MethodResult(method, List.copyOf(points), -riskFit[1], riskFit[0], timeFit[1]);
  }

  /** [intercept, slope] of y on x. */
  static double[] leastSquares(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / x.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    double slope = sxy / sxx;
    return new double[] {my - slope * mx, slope};
  }

  static double[] logSpace(double lo, double hi, int count) {
    double[] t = new double[count];
    for (int k = 0; k < count; k++) {
      t[k] = lo * Math.pow(hi / lo, (double) k / (count - 1));
    }
    return t;
  }
}
