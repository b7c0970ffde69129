package org.overparam.engine;

import org.overparam.nn.OptimizerState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one training step needs from an engine: batches in, logits out, and the backward pass with
 * the parameter update. {@link DenseEngine} multiplies dense (possibly masked) matrices with BLAS;
 * {@link SparseEngine} stores and multiplies active weights only. {@link NetworkStep} chooses.
 */
interface StepEngine {
  /** The input buffer for a batch of {@code rows} rows, to be filled by the caller. */
  INDArray inputBuffer(int rows);

  /** Gathers {@code rows} of {@code x} into the input buffer. */
  INDArray gather(float[][] x, int[] rows);

  /** Forward pass: the logits, one row per input row. */
  double[][] forward(INDArray input);

  /**
   * Backward pass of the batch last forwarded, given dLoss/dLogits, then coupled L2, the optimiser
   * step at {@code learningRate} and the hook's calls for {@code iteration}.
   */
  void backwardAndUpdate(INDArray input, double[][] dLogits, double learningRate, long iteration);

  /** Makes the DL4J network's parameters current (the sparse engine keeps its own copy). */
  void writeToNetwork();

  /** Takes the DL4J network's parameters back (after best weights were restored), keeping the topology. */
  void readFromNetwork();

  /** The optimiser's steps and state, over the flat parameter order (for saving a network that keeps training). */
  OptimizerState optimizerState();

  /** Continues from a state {@link #optimizerState} gave for a network of the same layout and topology. */
  void restoreOptimizerState(OptimizerState saved);

  /** Bytes held for weights, biases, their gradient and the optimiser state while training. */
  long trainingStateBytes();
}
