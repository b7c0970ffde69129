package org.overparam.nn;

/** How a network whose weight matrices are masked (ITOP) is executed. */
public enum ExecutionMode {
  /** Sparse when it is expected to be faster: float32 and at most {@link #AUTO_MAX_DENSITY} of the weights active. */
  AUTO,
  /** Dense matrices times 0/1 masks, as the reference implementations do (BLAS GEMMs). */
  DENSE,
  /** Only active weights are stored and multiplied ({@link SparseEngine}); float32 only. */
  SPARSE;

  /**
   * The global weight density at or below which AUTO chooses the sparse engine. Measured on a 2-core
   * AVX-512 machine (README, "Network engine"): at 20% density the sparse engine was 1.3x faster than
   * the masked dense one at width 256 and level with it at width 2048, and faster below.
   */
  public static final double AUTO_MAX_DENSITY = 0.2;

  /** Whether a network with {@code active} of {@code total} weights active runs sparse under this mode. */
  public boolean sparse(long active, long total, boolean doublePrecision) {
    return switch (this) {
      case DENSE -> false;
      case SPARSE -> {
        if (doublePrecision) {
          throw new IllegalArgumentException("sparse execution runs in float32 only: switch off double precision "
              + "or choose dense execution");
        }
        yield true;
      }
      case AUTO -> !doublePrecision && active <= AUTO_MAX_DENSITY * total;
    };
  }
}
