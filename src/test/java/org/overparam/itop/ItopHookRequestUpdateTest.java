// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nn.Activation;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkFactory;
import org.overparam.engine.NetworkStep;
import org.overparam.nn.Objective;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.engine.TrainingHook;
import org.overparam.nn.UpdaterType;

/** {@link ItopHook#requestUpdate}: a topology update at a chosen rate, outside any schedule. */
class ItopHookRequestUpdateTest {
  @Test
  void requestedUpdateRunsOnceAtTheRequestedRate() {
    NetworkConfig net = NetworkConfig.builder().hiddenLayers(12).epochs(1).batchSize(4).l2(0)
        .schedule(LrSchedule.CONSTANT).lrMinFactor(1).patience(1).build();
    // No interval and no number of updates: the hook's own schedule never fires.
    ItopConfig cfg = ItopConfig.builder().sparsity(0.7).distribution(Distribution.UNIFORM).pruneRateMin(0)
        .pruneDecay(PruneDecay.CONSTANT).numTopologyUpdates(0).minUpdateIntervalEpochs(0).build();
    ItopHook hook = new ItopHook(cfg, 9);
    Dl4jRuntime.run(() -> {
      MultiLayerNetwork n = NetworkFactory.build(5, 3, net);
      NetworkStep step = new NetworkStep(n, net, new SoftmaxCrossEntropy(), hook,
          new TrainingHook.Schedule(Long.MAX_VALUE, 1, 4, 4));
      int[] nnz = {hook.masks().nonzeros(0), hook.masks().nonzeros(1)};
      float[][] x = Nd4j.rand(4, 5).castTo(DataType.FLOAT).toFloatMatrix();
      int[] rows = {0, 1, 2, 3};
      Objective.Step s = new Objective.Step(new int[] {0, 1, 2, 3}, 4, new int[] {0, 1, 2, 0}, new double[] {1, 1, 1, 1},
          0, 0);
      for (int t = 0; t < 5; t++) {
        step.run(x, rows, s, 0.05);
      }
      assertEquals(0, hook.masks().updates(), "the schedule is off");
      hook.requestUpdate(0.25);
      step.run(x, rows, s, 0.05);
      assertEquals(1, hook.masks().updates());
      assertEquals(0.25, hook.masks().lastPruneRate());
      assertEquals(nnz[0], hook.masks().nonzeros(0), "exact counts survive the update");
      assertEquals(nnz[1], hook.masks().nonzeros(1));
      step.run(x, rows, s, 0.05);
      assertEquals(1, hook.masks().updates(), "a request is used once");
    });
  }
}
