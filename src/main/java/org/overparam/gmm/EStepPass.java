package org.overparam.gmm;

/**
 * One E-step over all training rows: the weighted sufficient statistics under the given densities.
 * {@link BlockedPass} runs it in this JVM; {@link PartitionedEm} over partitions held elsewhere.
 */
interface EStepPass {
  /** The statistics of every row; the caller reads them before the next call. */
  SufficientStats run(ComponentDensities cd) throws InterruptedException;
}
