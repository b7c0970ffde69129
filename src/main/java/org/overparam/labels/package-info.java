// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
/**
 * Finding wrong labels, Weka-free: confident learning from out-of-sample class probabilities
 * (Northcutt, Jiang &amp; Chuang, JAIR 2021) — per-class thresholds and the confident joint
 * {@link org.overparam.labels.ConfidentJoint}, the issue filter
 * {@link org.overparam.labels.ConfidentLearning} — the per-instance quality scores
 * {@link org.overparam.labels.QualityScore}, the combination of SOP's noise scores with
 * out-of-sample self-confidence {@link org.overparam.labels.ScoreCombination}, the ranking of all
 * instances by any of these {@link org.overparam.labels.IssueRanking}, stratified folds for the
 * out-of-sample probabilities {@link org.overparam.labels.StratifiedFolds}, and precision / recall
 * at k and ROC AUC against known wrong labels {@link org.overparam.labels.DetectionMetrics}.
 */
package org.overparam.labels;
