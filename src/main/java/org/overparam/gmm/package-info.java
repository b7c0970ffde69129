// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
/**
 * Gaussian-mixture EM with known (fixed) or re-estimated mixing weights, without Weka imports.
 *
 * <p>{@link org.overparam.gmm.GaussianMixtureEm} takes a {@link org.overparam.gmm.MixtureData} and a
 * {@link org.overparam.gmm.GmmConfig} and returns an immutable {@link org.overparam.gmm.GaussianMixture}.
 * {@link org.overparam.gmm.SymmetricTwoComponentEm} is the tanh form of EM for the symmetric
 * two-component mixture studied by Xu, Hsu and Maleki (NeurIPS 2018).
 */
package org.overparam.gmm;
