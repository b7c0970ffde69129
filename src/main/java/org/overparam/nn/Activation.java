// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

/** Hidden-layer activation functions. */
public enum Activation {
  /** max(0, x); He initialisation. */
  RELU(org.nd4j.linalg.activations.Activation.RELU),
  /** max(0.01x, x); He initialisation. */
  LEAKYRELU(org.nd4j.linalg.activations.Activation.LEAKYRELU),
  /** Exponential linear unit; He initialisation. */
  ELU(org.nd4j.linalg.activations.Activation.ELU),
  /** Hyperbolic tangent; Xavier initialisation. */
  TANH(org.nd4j.linalg.activations.Activation.TANH),
  /** Logistic sigmoid; Xavier initialisation. */
  SIGMOID(org.nd4j.linalg.activations.Activation.SIGMOID);

  final org.nd4j.linalg.activations.Activation dl4j;

  Activation(org.nd4j.linalg.activations.Activation dl4j) {
    this.dl4j = dl4j;
  }

  boolean isRectifier() {
    return this == RELU || this == LEAKYRELU || this == ELU;
  }
}
