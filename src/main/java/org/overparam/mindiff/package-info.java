// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
/**
 * MinDiff fairness regularisation (Prost et al. 2019) with the regularisers Veldanda et al. (2023)
 * found necessary in the over-parameterised regime: the MMD penalty, flooding, the MinDiff
 * objective for the network engine, group error rates and the fairness-constrained error (per-group
 * threshold search). No Weka imports.
 */
package org.overparam.mindiff;
