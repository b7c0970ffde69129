// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import org.overparam.common.Checks;

/**
 * Gradient flow / descent in the sequence model z_j = theta*_j + noise, with each coefficient
 * over-parameterized as theta_j = a_j b_j^D beta_j (Li and Lin 2024, eqs. 7-8 and 13-14), started
 * at a_j = sqrt(lambda_j), b_j = b0, beta_j = 0, on the loss 1/2 sum_j (z_j - theta_j)^2.
 *
 * <p>Components are independent, so the state is three plain arrays. The trajectory is reported
 * at increasing checkpoint times through a {@link CheckpointListener}.
 */
public final class OverparamDynamics {
  /** Step-size safety factor of the curvature rule eta = SAFETY / max_j c_j. */
  public static final double SAFETY = 0.5;
  /** Guard against runs that would take hours (a too small fixed step or a huge max-time). */
  public static final long MAX_STEPS = 20_000_000L;

  private OverparamDynamics() {}

  /** Receives theta at each checkpoint. The array is reused: copy it to keep it. */
  @FunctionalInterface
  public interface CheckpointListener {
    void at(int index, double time, double[] theta) throws InterruptedException;
  }

  /**
   * The state at the last checkpoint.
   *
   * @param theta the coefficients a_j b_j^D beta_j
   * @param eigenTerm the learned eigenvalue term (a_j b_j^D)^2 (lambda_j b0^{2D} at the start)
   * @param steps discrete GD steps taken (0 for closed forms)
   * @param lastStep the last curvature-rule step size (NaN for closed forms)
   * @param reached the checkpoints reached: all of them unless a step budget ran out first
   */
  public record Result(double[] theta, double[] eigenTerm, long steps, double lastStep, int reached) {}

  /**
   * Runs the dynamics through the increasing {@code times}, calling {@code listener} at each.
   *
   * @param baseline freeze a_j (and b_j): vanilla kernel GD, theta_j(t) = (1 - e^{-lambda_j t}) z_j
   * @param solver AUTO uses the exact solution for D = 0; GD always steps
   * @param stepSize fixed eta if > 0, else the curvature rule
   */
  public static Result run(double[] z, double[] lambda, int depth, double b0, boolean baseline, Solver solver,
      double stepSize, double[] times, CheckpointListener listener) throws InterruptedException {
    return run(z, lambda, depth, b0, baseline, solver, stepSize, times, Long.MAX_VALUE, listener);
  }

  /**
   * As {@link #run(double[], double[], int, double, boolean, Solver, double, double[], CheckpointListener)},
   * but discrete GD stops, without an error, at the last checkpoint reached within {@code budget} steps
   * ({@link Result#reached()} tells how many).
   */
  public static Result run(double[] z, double[] lambda, int depth, double b0, boolean baseline, Solver solver,
      double stepSize, double[] times, long budget, CheckpointListener listener) throws InterruptedException {
    Checks.require(z.length == lambda.length, "z and lambda differ in length");
    for (int k = 0; k < times.length; k++) {
      Checks.require(times[k] >= 0 && (k == 0 || times[k] > times[k - 1]),
          "checkpoint times must be increasing and >= 0");
    }
    if (baseline) {
      return closedForm(z, lambda, times, listener, true);
    }
    if (depth == 0 && solver == Solver.AUTO) {
      return closedForm(z, lambda, times, listener, false);
    }
    Checks.positive("b0", b0);
    return descend(z, lambda, depth, b0, stepSize, times, budget, listener);
  }

  /** Vanilla kernel GD on one component: (1 - e^{-lambda t}) z. */
  public static double vanillaTheta(double z, double lambda, double t) {
    return -Math.expm1(-lambda * t) * z;
  }

  /**
   * The exact solution of d theta/dt = sqrt(lambda^2 + 4 theta^2) (z - theta), theta(0) = 0 (the
   * D = 0 flow; substitution theta = (lambda/2) sinh s). Written with expm1 so that neither small
   * t nor lambda << |z| cancels.
   */
  public static double exactThetaD0(double z, double lambda, double t) {
    if (z == 0 || t <= 0) {
      return 0;
    }
    double sign = Math.signum(z);
    double az = Math.abs(z);
    double kappa = Math.sqrt(4 * az * az + lambda * lambda);
    double xPlus = (2 * az + kappa) / lambda;
    double xMinus = -lambda / (2 * az + kappa);
    double decay = Math.exp(-kappa * t);
    double aT = (xPlus - 1) / (1 - xMinus) * decay; // A(t) = -R1 e^{-kappa t}
    double xMinusOne = (xPlus - 1) * -Math.expm1(-kappa * t) / (1 + aT);
    double x = 1 + xMinusOne;
    double theta;
    if (Double.isInfinite(xPlus)) {
      theta = az; // lambda underflowed against |z|: only reachable when the flow has converged
    } else {
      theta = lambda / 4 * xMinusOne * (x + 1) / x;
    }
    return sign * theta;
  }

  /** (a b^D)^2 = a^2 for D = 0, from a^2 - beta^2 = lambda and a beta = theta. */
  public static double eigenTermD0(double lambda, double theta) {
    return 0.5 * (lambda + Math.sqrt(lambda * lambda + 4 * theta * theta));
  }

  private static Result closedForm(double[] z, double[] lambda, double[] times, CheckpointListener listener,
      boolean baseline) throws InterruptedException {
    int r = z.length;
    double[] theta = new double[r];
    for (int k = 0; k < times.length; k++) {
      Checks.checkInterrupted();
      double t = times[k];
      for (int j = 0; j < r; j++) {
        theta[j] = baseline ? vanillaTheta(z[j], lambda[j], t) : exactThetaD0(z[j], lambda[j], t);
      }
      listener.at(k, t, theta);
    }
    double[] term = new double[r];
    for (int j = 0; j < r; j++) {
      term[j] = baseline ? lambda[j] : eigenTermD0(lambda[j], theta[j]);
    }
    return new Result(theta.clone(), term, 0, Double.NaN, times.length);
  }

  private static Result descend(double[] z, double[] lambda, int depth, double b0, double stepSize,
      double[] times, long budget, CheckpointListener listener) throws InterruptedException {
    int r = z.length;
    double[] a = new double[r];
    double[] b = new double[r];
    double[] beta = new double[r];
    double[] theta = new double[r];
    double cMax = 0;
    double b0PowD = power(b0, depth);
    for (int j = 0; j < r; j++) {
      a[j] = Math.sqrt(lambda[j]);
      b[j] = b0;
      cMax = Math.max(cMax, lambda[j] * b0PowD * b0PowD); // beta = 0: only (a b^D)^2 remains
    }
    double t = 0;
    long steps = 0;
    double eta = Double.NaN;
    int reached = 0;
    // a and b as they stood at the last checkpoint reached, for a run the budget ends between checkpoints
    double[][] saved = {a.clone(), b.clone(), beta.clone()};
    for (int k = 0; k < times.length; k++) {
      double target = times[k];
      while (t < target) {
        if (steps >= budget) {
          return result(saved[0], saved[1], saved[2], depth, steps, eta, reached);
        }
        double ruleStep = stepSize > 0 ? stepSize : (cMax > 0 ? SAFETY / cMax : Double.POSITIVE_INFINITY);
        boolean landing = ruleStep >= target - t;
        eta = landing ? target - t : ruleStep;
        cMax = step(z, a, b, beta, depth, eta);
        t = landing ? target : t + eta;
        if (!Double.isFinite(cMax)) {
          // (the automatic b0 is below 1; a larger one set by hand makes the first curvature (a b0^D)^2 huge)
          throw new ArithmeticException("over-parameterized GD diverged at t = " + t
              + "; use a smaller -step-size (0 = automatic rule)"
              + (b0 > 1 ? " or a smaller -b0 (now " + b0 + ")" : ""));
        }
        if (++steps > MAX_STEPS) {
          throw new IllegalArgumentException("more than " + MAX_STEPS + " GD steps before t = " + target
              + "; lower -max-time / -time or raise -step-size");
        }
        if ((steps & 1023) == 0) {
          Checks.checkInterrupted();
        }
      }
      for (int j = 0; j < r; j++) {
        theta[j] = a[j] * power(b[j], depth) * beta[j];
      }
      listener.at(k, target, theta);
      reached = k + 1;
      if (budget != Long.MAX_VALUE) {
        saved = new double[][] {a.clone(), b.clone(), beta.clone()};
      }
    }
    return result(a, b, beta, depth, steps, eta, reached);
  }

  private static Result result(double[] a, double[] b, double[] beta, int depth, long steps, double eta,
      int reached) {
    int r = a.length;
    double[] theta = new double[r];
    double[] term = new double[r];
    for (int j = 0; j < r; j++) {
      double f = a[j] * power(b[j], depth);
      theta[j] = f * beta[j];
      term[j] = f * f;
    }
    return new Result(theta, term, steps, eta, reached);
  }

  /** One simultaneous GD step on every component; returns the new max curvature max_j c_j. */
  static double step(double[] z, double[] a, double[] b, double[] beta, int depth, double eta) {
    double cMax = 0;
    for (int j = 0; j < z.length; j++) {
      double bDm1 = depth == 0 ? 0 : power(b[j], depth - 1);
      double bD = depth == 0 ? 1 : bDm1 * b[j];
      double res = z[j] - a[j] * bD * beta[j];
      double na = a[j] + eta * bD * beta[j] * res;
      double nb = b[j] + eta * depth * a[j] * bDm1 * beta[j] * res;
      double nbeta = beta[j] + eta * a[j] * bD * res;
      a[j] = na;
      b[j] = nb;
      beta[j] = nbeta;
      cMax = Math.max(cMax, curvature(na, nb, nbeta, depth));
    }
    return cMax;
  }

  /** c = (b^D beta)^2 + (D a b^{D-1} beta)^2 + (a b^D)^2, the squared gradient norm of theta. */
  static double curvature(double a, double b, double beta, int depth) {
    double bDm1 = depth == 0 ? 0 : power(b, depth - 1);
    double bD = depth == 0 ? 1 : bDm1 * b;
    double u = bD * beta;
    double v = depth * a * bDm1 * beta;
    double w = a * bD;
    return u * u + v * v + w * w;
  }

  static double power(double x, int d) {
    double p = 1;
    for (int i = 0; i < d; i++) {
      p *= x;
    }
    return p;
  }
}
