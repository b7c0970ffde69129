// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/**
 * One E-step over all training rows: the weighted sufficient statistics under the given densities.
 * {@link BlockedPass} runs it in this JVM; {@link PartitionedEm} over partitions held elsewhere.
 */
interface EStepPass {
  /** The statistics of every row; the caller reads them before the next call. */
  SufficientStats run(ComponentDensities cd) throws InterruptedException;
}
