// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

/** How the global density is spread over the weight matrices. */
public enum Distribution {
  /** Erdős–Rényi–Kernel: density ∝ (nIn + nOut) / (nIn · nOut); small layers get denser (RigL, ITOP). */
  ERK,
  /** The same density for every maskable layer. */
  UNIFORM,
  /** Original SET: d = min(1, ε (nIn + nOut) / (nIn · nOut)) with ε = er-epsilon; density is an output. */
  ER_EPSILON
}
