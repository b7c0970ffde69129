// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.mindiff;

/** Which true label restricts the MinDiff batches, and so which error rate is equalised. */
public enum MinDiffLabel {
  /** Rows with the positive label: equalises false-negative rates (Veldanda et al.). */
  POSITIVE,
  /** Rows with a negative label: equalises false-positive rates (TF Model Remediation guide). */
  NEGATIVE;

  /** Whether a row with this positive/negative status enters the MinDiff batches. */
  public boolean selects(boolean positive) {
    return this == POSITIVE ? positive : !positive;
  }

  /** Name of the equalised rate. */
  public String rateName() {
    return this == POSITIVE ? "FNR" : "FPR";
  }
}
