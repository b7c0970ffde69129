// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import org.overparam.common.TrainingHistory;

import java.io.Serializable;
import java.util.List;

/**
 * What a fit did, for {@code toString()}: the basis, the noise estimate, the dynamics, the chosen
 * stopping time and the leading components.
 *
 * @param basis how the basis was built
 * @param kernel the kernel with its resolved gamma
 * @param n training rows of the final fit
 * @param rank components kept
 * @param sigma estimated noise standard deviation in target units (pilot ridge, GCV)
 * @param epsilon sigma / sqrt(n) for the standardised target (sets the time scales)
 * @param depth D
 * @param b0 the initial b actually used
 * @param baseline whether the eigenvalue factors were frozen
 * @param dynamics "exact closed form" or the GD step count and last step
 * @param steps GD steps of the final fit (0 for a closed form)
 * @param time the stopping time of the final fit
 * @param howChosen how the stopping time was chosen
 * @param validation the validation curve (null unless -stop VALIDATION)
 * @param trainMse training MSE of the final fit (original target units)
 * @param components the leading components by |theta_j|
 * @param warnings anything the user should know (grid too short, ...)
 * @param notes what the fit adjusted by itself, for information (null in models saved before notes existed)
 */
public record FitSummary(String basis, Kernel kernel, int n, int rank, double sigma, double epsilon, int depth,
    double b0, boolean baseline, String dynamics, long steps, double time, String howChosen, ValidationCurve validation,
    double trainMse, List<Component> components, List<String> warnings, List<String> notes,
    List<TrainingHistory> histories)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * One eigen-component of the fit.
   *
   * @param index 1-based position in eigenvalue order
   * @param lambda the empirical eigenvalue
   * @param z the observation z_j
   * @param theta the fitted coefficient
   * @param initialTerm (a_j b_j^D)^2 at t = 0, i.e. lambda_j b0^{2D}
   * @param learnedTerm (a_j b_j^D)^2 at the stopping time
   */
  public record Component(int index, double lambda, double z, double theta, double initialTerm,
      double learnedTerm) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Validation MSE (original units) at the checkpoint times, and the chosen best index.
   *
   * @param bestTheta the validated model: the coefficients at the best checkpoint
   * @param trainingRows rows the validation model was trained on
   * @param validationRows rows held out
   */
  public record ValidationCurve(double[] times, double[] mse, int best, double[] bestTheta, int trainingRows,
      int validationRows) implements Serializable {
    private static final long serialVersionUID = 1L;

    public double bestTime() {
      return times[best];
    }

    /** The checkpoint nearest (in log time) to {@code t}. */
    public int nearest(double t) {
      int k = 0;
      for (int i = 1; i < times.length; i++) {
        if (Math.abs(Math.log(times[i] / t)) < Math.abs(Math.log(times[k] / t))) {
          k = i;
        }
      }
      return k;
    }
  }
}
