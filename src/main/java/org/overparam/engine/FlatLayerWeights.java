package org.overparam.engine;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link LayerWeights} over the dense engine's flat parameter vector: per-layer changes collect in a
 * copy and go back to the parameters and the optimiser state in one {@link #commit()}.
 */
public final class FlatLayerWeights implements LayerWeights {
  private final ParameterLayout layout;
  private final INDArray params;
  private final double[] gradient;
  private final FlatOptimizer optimizer;
  private final double[] w;
  private float[] keepState;

  /**
   * @param gradient the flat dense gradient of the last step (before masking), or null if no
   *     caller needs it
   */
  public FlatLayerWeights(ParameterLayout layout, INDArray params, double[] gradient, FlatOptimizer optimizer) {
    this.layout = layout;
    this.params = params;
    this.gradient = gradient;
    this.optimizer = optimizer;
    this.w = params.toDoubleVector();
  }

  @Override
  public double[] weights(int layer) {
    ParameterLayout.Segment s = layout.weights().get(layer);
    return Arrays.copyOfRange(w, (int) s.offset(), (int) s.offset() + s.length());
  }

  @Override
  public double[] denseGradient(int layer) {
    if (gradient == null) {
      throw new IllegalStateException("the dense gradient was not kept for this step");
    }
    ParameterLayout.Segment s = layout.weights().get(layer);
    return Arrays.copyOfRange(gradient, (int) s.offset(), (int) s.offset() + s.length());
  }

  /** The mask itself is the caller's to apply (zeros in {@code weights} where inactive). */
  @Override
  public void rewire(int layer, int[] pruned, int[] grown, double[] weights, boolean[] resetState) {
    ParameterLayout.Segment s = layout.weights().get(layer);
    int off = (int) s.offset();
    System.arraycopy(weights, 0, w, off, s.length());
    for (int j = 0; j < s.length(); j++) {
      if (resetState[j]) {
        if (keepState == null) {
          keepState = new float[w.length];
          Arrays.fill(keepState, 1f);
        }
        keepState[off + j] = 0;
      }
    }
  }

  /** Writes the weights back and zeroes the optimiser state where it was reset. */
  public void commit() {
    params.assign(Nd4j.create(w).castTo(params.dataType()).reshape(params.shape()));
    if (keepState != null) {
      optimizer.maskState(Nd4j.create(keepState).castTo(params.dataType()).reshape(params.shape()));
    }
  }
}
