// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import java.io.Serial;
import java.io.Serializable;
import org.overparam.common.Checks;

/**
 * The optimiser's state in an engine-neutral form, for saving a network that keeps training: the
 * number of steps taken (Adam's bias corrections) and each state vector (momentum; Adam's first and
 * second moments) over DL4J's flat parameter order, zero at inactive weights.
 */
public record OptimizerState(long steps, double[][] vectors) implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** Throws, naming both shapes, unless this state has {@code count} vectors of {@code length} entries. */
  public void requireShape(int count, long length) {
    Checks.require(vectors.length == count, "the saved optimiser state has " + vectors.length
        + " vectors, this optimiser " + count);
    for (double[] v : vectors) {
      Checks.require(v.length == length, "the saved optimiser state has " + v.length + " entries, the network "
          + length);
    }
  }
}
