// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/** Shape of each component's covariance matrix. */
public enum CovarianceType {
  /** Known and fixed: sigma0^2 times the identity (the setting of Xu, Hsu and Maleki); means and weights are fitted. */
  IDENTITY,
  /** One variance per component, shared by all numeric attributes. */
  SPHERICAL,
  /** One variance per component and numeric attribute (what Weka's EM fits). */
  DIAG,
  /** A full covariance matrix per component, handled through its Cholesky factor. */
  FULL,
  /** One full covariance matrix shared by all components (scikit-learn's "tied"). */
  TIED;

  /** True for the types evaluated with per-attribute variances (not {@link #FULL} or {@link #TIED}). */
  boolean isDiagonal() {
    return this != FULL && this != TIED;
  }
}
