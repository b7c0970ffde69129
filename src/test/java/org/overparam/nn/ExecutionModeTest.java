// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The engine choice: density, precision and backend. */
class ExecutionModeTest {
  @Test
  void autoRunsSparseOnlyOnTheCpuInFloatAtLowDensity() {
    assertTrue(ExecutionMode.AUTO.sparse(10, 100, false, true));
    assertTrue(ExecutionMode.AUTO.sparse(1001, 10_000, false, true), "rounding of exact counts is tolerated");
    assertFalse(ExecutionMode.AUTO.sparse(11, 100, false, true), "above 10% density");
    assertFalse(ExecutionMode.AUTO.sparse(5, 100, true, true), "float64");
    assertFalse(ExecutionMode.AUTO.sparse(5, 100, false, false), "a GPU backend keeps its dense GEMMs");
  }

  @Test
  void forcedModesAreObeyedAndSparseFloat64IsAnError() {
    assertFalse(ExecutionMode.DENSE.sparse(1, 100, false, true));
    assertTrue(ExecutionMode.SPARSE.sparse(90, 100, false, true));
    assertTrue(ExecutionMode.SPARSE.sparse(5, 100, false, false));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExecutionMode.SPARSE.sparse(5, 100, true, true));
    assertTrue(e.getMessage().contains("float32"), e.getMessage());
  }
}
