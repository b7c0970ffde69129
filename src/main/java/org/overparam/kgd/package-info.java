// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
/**
 * Over-parameterized gradient descent on kernel eigen-components (Li and Lin, NeurIPS 2024): the
 * sequence-model dynamics ({@link org.overparam.kgd.OverparamDynamics}), the exact and
 * random-features spectral bases, stopping-time selection ({@link org.overparam.kgd.KgdTrainer})
 * and the immutable fitted model ({@link org.overparam.kgd.KgdModel}). No Weka imports.
 */
package org.overparam.kgd;
