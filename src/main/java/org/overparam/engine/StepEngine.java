// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.overparam.nn.OptimizerState;

/**
 * What one training step needs from an engine: batches in, logits out, and the backward pass with
 * the parameter update. {@link DenseEngine} multiplies dense (possibly masked) matrices with BLAS;
 * {@link SparseEngine} stores and multiplies active weights only. {@link NetworkStep} chooses.
 */
interface StepEngine {
  /**
   * Forward pass of rows {@code rows} of {@code x} (Java arrays: the dense engine copies them to
   * native memory once, the sparse engine reads them directly): the logits, one row per input row. The array may
   * be the engine's own, valid until the next forward pass.
   */
  double[][] forward(float[][] x, int[] rows);

  /**
   * Backward pass of the batch last forwarded, given dLoss/dLogits, then coupled L2, the optimiser
   * step at {@code learningRate} and the hook's calls for {@code iteration}.
   */
  void backwardAndUpdate(double[][] dLogits, double learningRate, long iteration);

  /**
   * Lets {@code change} read and rewire the weight matrices between steps, as a hook does from its
   * afterStep (the dense gradient is available only there).
   */
  void betweenSteps(Consumer<LayerWeights> change);

  /** Makes the DL4J network's parameters current (the sparse engine keeps its own copy). */
  void writeToNetwork();

  /** Saves the current parameters into {@code into}: by default the network's ({@code params}), made current. */
  default ParameterSnapshot snapshot(ParameterSnapshot into, INDArray params) {
    writeToNetwork();
    return into.save(params);
  }

  /** Takes the DL4J network's parameters back (after best weights were restored), keeping the topology. */
  void readFromNetwork();

  /** The optimiser's steps and state, over the flat parameter order (for saving a network that keeps training). */
  OptimizerState optimizerState();

  /** Continues from a state {@link #optimizerState} gave for a network of the same layout and topology. */
  void restoreOptimizerState(OptimizerState saved);

  /** Bytes held for weights, biases, their gradient and the optimiser state while training. */
  long trainingStateBytes();
}
