// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.NoOp;
import org.overparam.common.Seeds;
import org.overparam.engine.FlatOptimizer;
import org.overparam.nd4j.Dl4jRuntime;

/**
 * Builds the DL4J multilayer perceptron every network learner trains: dense hidden layers and a
 * final dense layer with identity activation that outputs the logits. The loss lives outside the
 * network (see {@link Objective}), and the optimiser too ({@link FlatOptimizer}), so DL4J's own
 * updater is a no-op and minibatch division is off.
 */
public final class NetworkFactory {
  private NetworkFactory() {}

  public static MultiLayerNetwork build(int numInputs, int numClasses, NetworkConfig config) {
    long params = numParameters(numInputs, numClasses, config.hiddenLayers());
    // the engines index parameters with Java ints
    if (params > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the network would have %,d parameters, "
          + "more than the %,d a network can have here: use fewer or narrower hidden layers", params,
          Integer.MAX_VALUE - 8));
    }
    try {
      return create(numInputs, numClasses, config);
    } catch (OutOfMemoryError | RuntimeException e) {
      // ND4J reports a failed native allocation as a RuntimeException ("Allocation failed: [std::bad_alloc]")
      String message = String.valueOf(e.getMessage());
      if (e instanceof RuntimeException && !message.contains("Allocation failed") && !message.contains("bad_alloc")) {
        throw e;
      }
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "not enough memory for the network's "
          + "%,d parameters (%,d MB in %s, before their gradient and optimiser state): use fewer or narrower hidden "
          + "layers, or give Java more memory (-Xmx)", params, params * (config.doublePrecision() ? 8 : 4) >> 20,
          config.doublePrecision() ? "double precision" : "float32"), e);
    }
  }

  /** Weights and biases of a dense network with these widths. */
  static long numParameters(int numInputs, int numClasses, int[] hiddenLayers) {
    long n = 0;
    long nIn = numInputs;
    for (int width : hiddenLayers) {
      n += (nIn + 1) * width;
      nIn = width;
    }
    return n + (nIn + 1) * numClasses;
  }

  private static MultiLayerNetwork create(int numInputs, int numClasses, NetworkConfig config) {
    return Dl4jRuntime.call(() -> {
      var list = new NeuralNetConfiguration.Builder()
          .seed(Seeds.derive(config.seed(), "weights"))
          .dataType(Dl4jRuntime.dataType(config.doublePrecision()))
          .updater(new NoOp())
          .miniBatch(false)
          .trainingWorkspaceMode(WorkspaceMode.NONE)
          .inferenceWorkspaceMode(WorkspaceMode.NONE)
          .cacheMode(CacheMode.NONE)
          .list();
      int nIn = numInputs;
      WeightInit init = config.activation().isRectifier() ? WeightInit.RELU : WeightInit.XAVIER;
      for (int width : config.hiddenLayers()) {
        list.layer(new DenseLayer.Builder().nIn(nIn).nOut(width)
            .activation(config.activation().dl4j).weightInit(init).build());
        nIn = width;
      }
      list.layer(new DenseLayer.Builder().nIn(nIn).nOut(numClasses)
          .activation(org.nd4j.linalg.activations.Activation.IDENTITY).weightInit(WeightInit.XAVIER).build());
      MultiLayerNetwork net = new MultiLayerNetwork(list.build());
      net.init();
      return net;
    });
  }
}
