// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.ItopHook;
import org.overparam.mindiff.MinDiffConfig;
import org.overparam.mindiff.MinDiffObjective;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nn.Activation;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkFactory;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.Objective;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.TrainingSet;
import org.overparam.nn.UpdaterType;
import org.overparam.sop.SopConfig;
import org.overparam.sop.SopObjective;

/**
 * The route the engine takes on a GPU backend (ND4J's own ops, no raw native memory, no direct OpenBLAS calls, the
 * masked dense engine for sparse networks), forced on the CPU, against the CPU shortcuts: the same predictions and,
 * for every objective (cross-entropy with ITOP masks, SOP, MinDiff), the same trained parameters to float32 rounding.
 */
class GpuRouteEquivalenceTest {
  /** Parameters after a few epochs agree to this (float32 sums in another order). */
  private static final double TOL = 2e-5;

  @AfterEach
  void backToTheCpuRoute() {
    Routes.forceNd4jRoute(false);
  }

  private static TrainingSet data(int n, int classes) {
    SplittableRandom rng = new SplittableRandom(11);
    float[][] x = new float[n][8];
    int[] y = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
      w[i] = 0.5 + (i % 3) * 0.5;
      for (int j = 0; j < 8; j++) {
        x[i][j] = (float) (rng.nextGaussian() + (j == y[i] ? 1.5 : 0));
      }
    }
    return new TrainingSet(x, y, w, classes);
  }

  private static NetworkConfig.Builder network() {
    return NetworkConfig.builder().hiddenLayers(24, 24).activation(Activation.RELU).epochs(3).batchSize(16)
        .updater(UpdaterType.ADAM).learningRate(0.005).schedule(LrSchedule.COSINE).patience(3).seed(9);
  }

  /** Trains on the given route; returns the trainer (finished) for its parameters and engine choice. */
  private static NetworkTrainer train(boolean gpuRoute, NetworkConfig cfg, TrainingSet data,
                                      Supplier<Objective> objective, Supplier<TrainingHook> hook) throws Exception {
    Routes.forceNd4jRoute(gpuRoute);
    try {
      NetworkTrainer t = new NetworkTrainer(cfg, data, objective.get(), hook.get(), null, null);
      t.initialize();
      while (t.nextEpoch()) {
        // all epochs
      }
      t.finish();
      return t;
    } finally {
      Routes.forceNd4jRoute(false);
    }
  }

  private static void assertSameParameters(NetworkTrainer cpu, NetworkTrainer gpu) {
    double[] a = cpu.currentModel().parameters();
    double[] b = gpu.currentModel().parameters();
    assertEquals(a.length, b.length);
    assertArrayEquals(a, b, TOL);
    assertFalse(java.util.Arrays.equals(a, new double[a.length]), "the check itself: trained parameters");
  }

  @Test
  void sparseItopNetworkRunsMaskedDenseOnTheGpuRouteWithTheSameResult() throws Exception {
    NetworkConfig cfg = network().build();
    TrainingSet data = data(96, 3);
    ItopConfig itop = ItopConfig.builder().sparsity(0.95).numTopologyUpdates(0).updateInterval(3)
        .minUpdateIntervalEpochs(0).execution(ExecutionMode.AUTO).build();
    ItopHook[] hooks = new ItopHook[2];
    NetworkTrainer cpu = train(false, cfg, data, SoftmaxCrossEntropy::new, () -> hooks[0] = new ItopHook(itop, 5));
    NetworkTrainer gpu = train(true, cfg, data, SoftmaxCrossEntropy::new, () -> hooks[1] = new ItopHook(itop, 5));
    assertTrue(cpu.runsSparse(), "AUTO at 95% sparsity: the sparse engine on the CPU");
    assertFalse(gpu.runsSparse(), "on a GPU backend AUTO keeps the dense engine with masks");
    assertTrue(hooks[0].masks().updates() > 0, "the run includes topology updates");
    assertEquals(hooks[0].masks().updates(), hooks[1].masks().updates());
    for (int l = 0; l < hooks[0].masks().numLayers(); l++) {
      assertArrayEquals(hooks[0].masks().activeCopy(l), hooks[1].masks().activeCopy(l), "same masks, layer " + l);
    }
    assertSameParameters(cpu, gpu);
  }

  @Test
  void sopObjectiveGivesTheSameNetworkAndNoiseVariables() throws Exception {
    NetworkConfig cfg = network().build();
    TrainingSet data = data(64, 3);
    SopConfig sop = SopConfig.builder().build();
    SopObjective[] objectives = new SopObjective[2];
    NetworkTrainer cpu = train(false, cfg, data, () -> objectives[0] = new SopObjective(sop, 1, 10), () -> null);
    NetworkTrainer gpu = train(true, cfg, data, () -> objectives[1] = new SopObjective(sop, 1, 10), () -> null);
    assertSameParameters(cpu, gpu);
    // the last epoch's SOP cross-entropy and MSE, the rows flagged as noisy and the statistics of u and v
    var a = cpu.lastMetrics();
    var b = gpu.lastMetrics();
    assertTrue(a.containsKey("noise variables/mean u^2"), a.toString());
    assertEquals(a.keySet(), b.keySet());
    a.forEach((k, v) -> assertEquals(v, b.get(k), TOL * Math.max(1, Math.abs(v)), k));
    assertEquals(objectives[0].noiseReport().numFlagged(), objectives[1].noiseReport().numFlagged());
  }

  @Test
  void minDiffObjectiveGivesTheSameNetwork() throws Exception {
    NetworkConfig cfg = network().build();
    TrainingSet data = data(64, 2);
    boolean[] sensitive = new boolean[64];
    for (int i = 0; i < sensitive.length; i++) {
      sensitive[i] = (i / 5) % 2 == 0;
    }
    MinDiffConfig md = MinDiffConfig.builder().lambda(1.5).mindiffBatchSize(8).build();
    NetworkTrainer cpu = train(false, cfg, data, () -> new MinDiffObjective(md, sensitive), () -> null);
    NetworkTrainer gpu = train(true, cfg, data, () -> new MinDiffObjective(md, sensitive), () -> null);
    assertSameParameters(cpu, gpu);
  }

  /** The engine's forward pass (a stream learner's prediction) on both routes, from the same weights. */
  @Test
  void predictionsAgree() {
    NetworkConfig cfg = network().build();
    TrainingSet data = data(40, 3);
    int[] rows = java.util.stream.IntStream.range(0, 40).toArray();
    double[][][] logits = new double[2][][];
    for (int route = 0; route < 2; route++) {
      Routes.forceNd4jRoute(route == 1);
      logits[route] = Dl4jRuntime.call(() -> {
        Dl4jRuntime.seed(3);
        var net = NetworkFactory.build(8, 3, cfg);
        NetworkStep step = new NetworkStep(net, cfg, new SoftmaxCrossEntropy(), null, null);
        return step.forward(data.x(), rows);
      });
    }
    Routes.forceNd4jRoute(false);
    for (int r = 0; r < rows.length; r++) {
      assertArrayEquals(logits[0][r], logits[1][r], 1e-6, "logits of row " + r);
      assertEquals(argmax(logits[0][r]), argmax(logits[1][r]));
    }
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      best = v[i] > v[best] ? i : best;
    }
    return best;
  }
}
