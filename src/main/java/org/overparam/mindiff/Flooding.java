// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

/**
 * Flooding (Ishida et al., ICML 2020) on the task loss: {@code |L - b| + b}. Below the flood
 * level b the gradient of the task loss flips sign, so training ascends back towards b instead of
 * driving the loss (and with it the spread of the predictions) to zero. The sign is per batch.
 */
public final class Flooding {
  private Flooding() {}

  /** The flooded loss {@code |loss - b| + b}; b = 0 leaves a non-negative loss unchanged. */
  public static double apply(double loss, double b) {
    return b == 0 ? loss : Math.abs(loss - b) + b;
  }

  /** The factor on the task-loss gradient: sign(loss - b) (sign(0) = 0); 1 when flooding is off. */
  public static double gradientSign(double loss, double b) {
    return b == 0 ? 1 : Math.signum(loss - b);
  }
}
