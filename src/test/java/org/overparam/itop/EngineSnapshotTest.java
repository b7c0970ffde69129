// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.overparam.engine.NetworkStep;
import org.overparam.engine.ParameterSnapshot;
import org.overparam.engine.TrainingHook;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkFactory;
import org.overparam.nn.SoftmaxCrossEntropy;

/**
 * The sparse engine's snapshot of its parameters (early stopping's, the collapse guard's), taken from its layers
 * without writing the network's dense copy: the snapshot of that copy, bit for bit.
 */
class EngineSnapshotTest {
  @Test
  void theSparseEnginesSnapshotIsTheNetworksBitForBit() {
    Dl4jRuntime.run(1, () -> {
      ItopHook hook = GarbageTest.hook(ExecutionMode.SPARSE, Growth.GRADIENT);
      NetworkConfig net = NetworkConfig.builder().hiddenLayers(48, 48).epochs(1).batchSize(32).threads(1).build();
      MultiLayerNetwork n = NetworkFactory.build(GarbageTest.INPUTS, GarbageTest.CLASSES, net);
      NetworkStep step = new NetworkStep(n, net, new SoftmaxCrossEntropy(), hook,
          new TrainingHook.Schedule(Long.MAX_VALUE, 1, 32, 32));
      assertTrue(step.isSparse());
      GarbageTest.Batch b = new GarbageTest.Batch(32);
      for (int t = 0; t < 12; t++) { // with topology updates: weights grown at zero, others pruned
        if (t % 4 == 1) {
          hook.requestUpdate(0.3);
        }
        step.run(b.x, b.rows, b.step, 0.05);
      }
      INDArray params = n.params();
      params.assign(7f); // stale: the engine holds the current weights, and its snapshot must not read these
      ParameterSnapshot fromLayers = step.snapshot(null);
      assertTrue(params.minNumber().floatValue() == 7f && params.maxNumber().floatValue() == 7f,
          "the snapshot wrote or read the network's copy");
      step.writeToNetwork();
      float[] current = params.data().asFloat();
      ParameterSnapshot fromNetwork = new ParameterSnapshot().save(params);
      for (ParameterSnapshot s : new ParameterSnapshot[] {fromLayers, fromNetwork}) {
        params.assign(3f);
        s.restoreInto(params);
        assertArrayEquals(current, params.data().asFloat()); // by floatToIntBits: -0.0 is not +0.0
      }
    });
  }
}
