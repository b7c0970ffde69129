// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import org.overparam.nd4j.OpenBlasCore;

/**
 * Prints the OPENBLAS_CORETYPE that this package sets on this machine ({@link OpenBlasCore}), or nothing: the
 * benchmark scripts give it to NumPy and PyTorch too, whose Debian OpenBLAS 0.3.21 chooses as badly as ours would.
 */
public final class BlasKernels {
  private BlasKernels() {}

  public static void main(String[] args) throws Exception {
    String core = OpenBlasCore.recommended();
    System.out.print(core == null ? "" : core);
  }
}
