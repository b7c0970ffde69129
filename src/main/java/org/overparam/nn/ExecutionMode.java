// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

/** How a network whose weight matrices are masked (ITOP) is executed. */
public enum ExecutionMode {
  /** Sparse where it was measured faster: CPU backend, float32, at most {@link #AUTO_MAX_DENSITY} active. */
  AUTO,
  /** Dense matrices times 0/1 masks, as the reference implementations do (BLAS GEMMs). */
  DENSE,
  /** Only active weights are stored and multiplied (the sparse engine); float32 only. */
  SPARSE;

  /**
   * The global weight density at or below which AUTO chooses the sparse engine. Measured on a 2-core
   * AVX-512 machine (README, "Network engine against PyTorch": {@code src/test/scripts/execution-sweep.sh},
   * MLPs of widths 32 to 2048): against the masked dense engine the sparse one was 1.07x to 1.52x as
   * fast at 10% density and 0.76x to 0.84x at 20%, at every width. The crossover (about 12% to 15%)
   * hardly moves with the width, so the rule uses the density alone, on the safe side of it.
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
          throw new IllegalArgumentException("-sparse-execution SPARSE runs in float32 only: use -data-type FLOAT "
              + "or -sparse-execution DENSE");
        }
        yield true;
      }
      // a little slack: exact per-layer counts round a configured 90% sparsity to slightly above 10% active
      case AUTO -> cpuBackend && !doublePrecision && active <= (AUTO_MAX_DENSITY + 1e-3) * total;
    };
  }
}
