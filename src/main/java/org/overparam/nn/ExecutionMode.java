package org.overparam.nn;

/** How a network whose weight matrices are masked (ITOP) is executed. */
public enum ExecutionMode {
  /** Sparse where it was measured faster: CPU backend, float32, at most {@link #AUTO_MAX_DENSITY} active. */
  AUTO,
  /** Dense matrices times 0/1 masks, as the reference implementations do (BLAS GEMMs). */
  DENSE,
  /** Only active weights are stored and multiplied ({@link SparseEngine}); float32 only. */
  SPARSE;

  /**
   * The global weight density at or below which AUTO chooses the sparse engine. Measured on a 2-core
   * AVX-512 machine with OpenBLAS's SkylakeX kernels (README, "Network engine against PyTorch"): against
   * the masked dense engine, the sparse one was level at 10% density on an MLP of width 256 and faster
   * at width 2048, and 1.5x (width 256) to 4x (width 2048) faster at 5%.
   */
  public static final double AUTO_MAX_DENSITY = 0.1;

  /**
   * Whether a network with {@code active} of {@code total} weights active runs sparse under this mode.
   * AUTO keeps a GPU backend's dense GEMMs: the sparse kernels run on the CPU.
   */
  public boolean sparse(long active, long total, boolean doublePrecision, boolean cpuBackend) {
    return switch (this) {
      case DENSE -> false;
      case SPARSE -> {
        if (doublePrecision) {
          throw new IllegalArgumentException("sparse execution runs in float32 only: switch off double precision "
              + "or choose dense execution");
        }
        yield true;
      }
      // a little slack: exact per-layer counts round a configured 90% sparsity to slightly above 10% active
      case AUTO -> cpuBackend && !doublePrecision && active <= (AUTO_MAX_DENSITY + 1e-3) * total;
    };
  }
}
