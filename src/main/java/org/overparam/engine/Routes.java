// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import org.overparam.nd4j.Dl4jRuntime;

/**
 * Whether the engine takes its CPU shortcuts (raw native memory, OpenBLAS called directly, the sparse engine) or
 * ND4J's own route, the one it takes on a GPU backend. Tests force ND4J's route on the CPU to check that both give
 * the same results ({@code GpuRouteEquivalenceTest}); nothing else changes it.
 */
final class Routes {
  private static final boolean CPU = Dl4jRuntime.cpuBackend();
  private static volatile boolean nd4jRouteForced;

  private Routes() {}

  /** True on the CPU backend unless a test forced ND4J's route. */
  static boolean cpuShortcuts() {
    return CPU && !nd4jRouteForced;
  }

  /** Tests only: makes every later step take ND4J's route (as on a GPU) until reset with false. */
  static void forceNd4jRoute(boolean forced) {
    nd4jRouteForced = forced;
  }
}
