package org.overparam.sop;

/** Target class distribution π of the SOP+ class-balance regulariser. */
public enum BalancePrior {
  /** π_c = 1/C, as in the paper. */
  UNIFORM,
  /** π_c = training class frequency (given labels); for imbalanced tables. */
  EMPIRICAL
}
