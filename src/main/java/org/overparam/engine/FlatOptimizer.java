package org.overparam.engine;

import org.overparam.nn.OptimizerState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.overparam.nn.UpdaterType;

/**
 * The optimiser, working on the network's flat parameter and gradient vectors. Keeping it outside
 * DL4J gives one place for the update rule, direct access to the state (ITOP zeroes it where
 * connections change) and the same step for every objective.
 */
public final class FlatOptimizer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double ADAM_EPS = 1e-8;

  private final UpdaterType type;
  private final double momentum;
  private final INDArray first;
  private final INDArray second;
  private long steps;

  public FlatOptimizer(UpdaterType type, double momentum, INDArray params) {
    this.type = type;
    this.momentum = momentum;
    this.first = type == UpdaterType.SGD ? null : Nd4j.zerosLike(params);
    this.second = type == UpdaterType.ADAM ? Nd4j.zerosLike(params) : null;
  }

  /**
   * One step: params ← params − lr · update(grad). {@code grad} is used as scratch space. Every
   * operation is in place (BLAS level 1 or an in-place transform): no allocation per step.
   */
  public void step(INDArray params, INDArray grad, double lr) {
    steps++;
    var blas = Nd4j.getBlasWrapper().level1();
    long n = params.length();
    switch (type) {
      case SGD -> blas.axpy(n, -lr, grad, params);
      case NESTEROVS -> {
        // PyTorch: v ← μv + g; p ← p − lr (g + μv). BLAS level 1 only: ND4J's array-array ops cost
        // some 20 µs each in fixed overhead, an axpy a few.
        blas.scal(n, momentum, first);
        blas.axpy(n, 1.0, grad, first);
        blas.axpy(n, momentum, first, grad);
        blas.axpy(n, -lr, grad, params);
      }
      case ADAM -> {
        first.muli(BETA1);
        blas.axpy(n, 1 - BETA1, grad, first);
        second.muli(BETA2);
        blas.axpy(n, 1 - BETA2, grad.muli(grad), second);
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = 1 - Math.pow(BETA2, steps);
        INDArray denom = Transforms.sqrt(grad.assign(second).muli(1 / c2), false).addi(ADAM_EPS);
        blas.axpy(n, -lr / c1, denom.rdivi(first), params);
      }
      default -> throw new IllegalStateException("unknown updater " + type);
    }
  }

  /** Multiplies every state vector by {@code keep} (0 where the state must be reset). */
  public void maskState(INDArray keep) {
    if (first != null) {
      first.muli(keep);
    }
    if (second != null) {
      second.muli(keep);
    }
  }

  /** The state vectors (momentum; Adam's first and second moments), for tests and diagnostics. */
  public INDArray[] state() {
    return first == null ? new INDArray[0] : second == null ? new INDArray[] {first} : new INDArray[] {first, second};
  }

  /** The steps taken and the state vectors, copied. */
  public OptimizerState export() {
    INDArray[] vectors = state();
    double[][] copies = new double[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      copies[i] = vectors[i].toDoubleVector();
    }
    return new OptimizerState(steps, copies);
  }

  /** Continues from {@code saved} (as {@link #export} gave it for a network of the same layout). */
  public void restore(OptimizerState saved) {
    INDArray[] vectors = state();
    saved.requireShape(vectors.length, vectors.length == 0 ? 0 : vectors[0].length());
    for (int i = 0; i < vectors.length; i++) {
      vectors[i].assign(Nd4j.createFromArray(saved.vectors()[i]).castTo(vectors[i].dataType())
          .reshape(vectors[i].shape()));
    }
    steps = saved.steps();
  }
}
