// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.overparam.nn.OptimizerState;
import org.overparam.nn.UpdaterType;

/**
 * The optimiser on the network's flat parameter and gradient vectors (the dense engine). Keeping it
 * outside DL4J gives direct access to the state (ITOP zeroes it where connections change) and the
 * same step for every objective; the rule itself is {@link UpdateRule}'s.
 */
public final class FlatOptimizer {
  private final UpdaterType type;
  private final double momentum;
  private final INDArray first;
  private final INDArray second;
  private long steps;

  public FlatOptimizer(UpdaterType type, double momentum, INDArray params) {
    this.type = type;
    this.momentum = momentum;
    int vectors = UpdateRule.stateVectors(type);
    this.first = vectors >= 1 ? Nd4j.zerosLike(params) : null;
    this.second = vectors >= 2 ? Nd4j.zerosLike(params) : null;
  }

  /**
   * One step: params ← params − lr · update(grad). {@code grad} is used as scratch space. Every
   * operation is in place (BLAS level 1 or an in-place transform): no allocation per step.
   */
  public void step(INDArray params, INDArray grad, double lr) {
    steps++;
    UpdateRule.apply(type, momentum, steps, lr, NativeVectors.INSTANCE, params, grad, first, second);
  }

  /**
   * {@link VectorOps} on whole native vectors of one length. BLAS level 1 where it has the
   * operation ({@link DirectVectors}): ND4J's array-array ops cost some 20 µs each in fixed overhead, an axpy a few.
   */
  private enum NativeVectors implements VectorOps<INDArray> {
    INSTANCE;

    @Override
    public void axpy(double a, INDArray x, INDArray y) {
      DirectVectors.axpy(a, x, y);
    }

    @Override
    public void scale(INDArray x, double a) {
      DirectVectors.scal(x, a);
    }

    @Override
    public void square(INDArray x) {
      x.muli(x);
    }

    @Override
    public void copy(INDArray from, INDArray to) {
      to.assign(from);
    }

    @Override
    public void sqrtPlus(INDArray x, double eps) {
      Transforms.sqrt(x, false).addi(eps);
    }

    @Override
    public void divideInto(INDArray numerator, INDArray x) {
      x.rdivi(numerator);
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
