// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nn.Activation;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkFactory;
import org.overparam.nn.Objective;
import org.overparam.nn.SquaredError;
import org.overparam.nn.TrainingSet;
import org.overparam.nn.UpdaterType;

/** The lean GEMM backprop against DL4J's own backprop and against finite differences (double). */
class LeanBackpropTest {
  private static NetworkConfig config(Activation act) {
    return NetworkConfig.builder().hiddenLayers(7, 5).activation(act).epochs(1).batchSize(4)
        .updater(UpdaterType.SGD).learningRate(0.1).l2(0).schedule(LrSchedule.CONSTANT).doublePrecision(true)
        .patience(1).seed(3).build();
  }

  private static INDArray randomMatrix(int rows, int cols, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] v = new double[rows][cols];
    for (double[] row : v) {
      for (int j = 0; j < cols; j++) {
        row[j] = rng.nextDouble(-1.5, 1.5);
      }
    }
    return Nd4j.create(v).castTo(DataType.DOUBLE);
  }

  private static double[] flat(INDArray a) {
    return a.dup('c').data().asDouble();
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void gradientEqualsDl4jBackprop(Activation act) {
    Dl4jRuntime.run(() -> {
      MultiLayerNetwork net = NetworkFactory.build(6, 3, config(act));
      LeanBackprop lean = new LeanBackprop(net);
      INDArray x = randomMatrix(4, 6, 11);
      INDArray eps = randomMatrix(4, 3, 12);

      INDArray input = lean.inputBuffer(4).assign(x);
      INDArray logits = lean.forward(input);
      assertArrayEquals(flat(net.output(x, false)), flat(logits), 1e-12, "forward");
      lean.dLogitsBuffer(4).assign(eps);
      double[] ours = lean.backward(input).toDoubleVector();

      net.setInput(x);
      net.feedForward(true, false);
      double[] dl4j = net.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()).getFirst().gradient()
          .toDoubleVector();
      assertArrayEquals(dl4j, ours, 1e-12, "gradient vs DL4J for " + act);
    });
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SIGMOID"})
  void gradientMatchesFiniteDifferencesOfALinearLoss(Activation act) {
    // Loss = Σ eps ⊙ logits, so dLoss/dLogits = eps exactly.
    Dl4jRuntime.run(() -> {
      MultiLayerNetwork net = NetworkFactory.build(6, 3, config(act));
      LeanBackprop lean = new LeanBackprop(net);
      INDArray x = randomMatrix(4, 6, 21);
      INDArray eps = randomMatrix(4, 3, 22);
      INDArray input = lean.inputBuffer(4).assign(x);
      lean.forward(input);
      lean.dLogitsBuffer(4).assign(eps);
      double[] grad = lean.backward(input).toDoubleVector();
      INDArray params = net.params();
      double h = 1e-6;
      for (int k = 0; k < grad.length; k += 3) {
        double keep = params.getDouble(k);
        params.putScalar(k, keep + h);
        double up = net.output(x, false).mul(eps).sumNumber().doubleValue();
        params.putScalar(k, keep - h);
        double down = net.output(x, false).mul(eps).sumNumber().doubleValue();
        params.putScalar(k, keep);
        double numeric = (up - down) / (2 * h);
        assertEquals(numeric, grad[k], 1e-6 * Math.max(1, Math.abs(numeric)), "parameter " + k);
      }
    });
  }
  /** Regression end to end: SquaredError's gradient through a one-output network against central differences. */
  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"RELU", "TANH"})
  void squaredErrorThroughAOneOutputNetworkMatchesFiniteDifferences(Activation act) {
    Dl4jRuntime.run(() -> {
      MultiLayerNetwork net = NetworkFactory.build(6, 1, config(act));
      LeanBackprop lean = new LeanBackprop(net);
      INDArray x = randomMatrix(4, 6, 31);
      double[] targets = randomMatrix(1, 4, 32).toDoubleVector();
      double[] weights = {1, 2, 0.5, 1.5};
      float[][] xf = new float[4][6];
      TrainingSet data = TrainingSet.regression(xf, targets, weights);
      SquaredError loss = new SquaredError(1);
      int[] rows = {0, 1, 2, 3};
      loss.begin(data, rows, new SplittableRandom(1));
      Objective.Step step = new Objective.Step(rows, 4, new int[4], weights, 0, 0);
      INDArray input = lean.inputBuffer(4).assign(x);
      double[][] z = lean.forward(input).toDoubleMatrix();
      double[][] dz = new double[4][1];
      loss.lossAndGradient(step, z, dz);
      lean.dLogitsBuffer(4).assign(Nd4j.create(dz).castTo(DataType.DOUBLE));
      double[] grad = lean.backward(input).toDoubleVector();
      INDArray params = net.params();
      double h = 1e-6;
      for (int k = 0; k < grad.length; k++) {
        double keep = params.getDouble(k);
        params.putScalar(k, keep + h);
        double up = loss.lossAndGradient(step, net.output(x, false).toDoubleMatrix(), new double[4][1]);
        params.putScalar(k, keep - h);
        double down = loss.lossAndGradient(step, net.output(x, false).toDoubleMatrix(), new double[4][1]);
        params.putScalar(k, keep);
        double numeric = (up - down) / (2 * h);
        assertEquals(numeric, grad[k], 1e-6 * Math.max(1, Math.abs(numeric)), "parameter " + k + ", " + act);
      }
    });
  }
}
