// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
/**
 * Sparse Over-Parameterization (SOP) for training under label noise (Liu, Zhu, Qu &amp; You, ICML
 * 2022), Weka-free: the validated {@link org.overparam.sop.SopConfig}, the pure loss with
 * hand-derived gradients {@link org.overparam.sop.SopLoss}, the engine objective that owns the
 * per-instance noise variables {@link org.overparam.sop.SopObjective}, the report of suspected
 * label errors {@link org.overparam.sop.NoiseReport}, the u/v learning-rate rescaling
 * {@link org.overparam.sop.UvLearningRate}, and label-noise injection
 * {@link org.overparam.sop.LabelNoise}.
 */
package org.overparam.sop;
