// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A saved optimiser state is only taken by an optimiser and network of its own shape. */
class OptimizerStateTest {
  @Test
  void shapeMismatchesAreNamed() {
    OptimizerState momentum = new OptimizerState(7, new double[][] {new double[5]});
    assertDoesNotThrow(() -> momentum.requireShape(1, 5));
    var vectors = assertThrows(IllegalArgumentException.class, () -> momentum.requireShape(2, 5));
    assertTrue(vectors.getMessage().contains("1 vectors, this optimiser 2"), vectors.getMessage());
    var entries = assertThrows(IllegalArgumentException.class, () -> momentum.requireShape(1, 6));
    assertTrue(entries.getMessage().contains("5 entries, the network 6"), entries.getMessage());
  }
}
