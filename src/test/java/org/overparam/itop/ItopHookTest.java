// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.overparam.nn.ExecutionMode;
import org.overparam.engine.LayerWeights;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkTrainer;
import org.overparam.engine.ParameterLayout;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.engine.TrainingHook;
import org.overparam.nn.TrainingSet;
import org.overparam.nn.UpdaterType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.overparam.engine.NetworkStep;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nn.NetworkFactory;
import org.overparam.nn.Objective;

/** ITOP inside the real training loop: the mask and density invariants (Liu et al., ICML 2021) after every step. */
class ItopHookTest {
  static TrainingSet data(int n) {
    SplittableRandom rng = new SplittableRandom(3);
    float[][] x = new float[n][10];
    int[] y = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      w[i] = 1;
      for (int j = 0; j < 10; j++) {
        x[i][j] = (float) (rng.nextGaussian() + (j == y[i] ? 1.5 : 0));
      }
    }
    return new TrainingSet(x, y, w, 3);
  }

  static ItopConfig itop(Growth growth, boolean fix) {
    return ItopConfig.builder().sparsity(0.8).growth(growth).numTopologyUpdates(0).updateInterval(3)
        .minUpdateIntervalEpochs(0).fixMask(fix).build();
  }

  /** Wraps the ITOP hook and checks the invariants after each step. */
  static final class CheckingHook implements TrainingHook {
    final ItopHook inner;
    int steps;
    int checkedUpdates;

    CheckingHook(ItopHook inner) {
      this.inner = inner;
    }

    @Override
    public void initialize(ParameterLayout layout, Schedule schedule) {
      inner.initialize(layout, schedule);
    }

    @Override
    public long[] activeWeights(int layer) {
      return inner.activeWeights(layer);
    }

    @Override
    public ExecutionMode execution() {
      return inner.execution();
    }

    @Override
    public boolean masksGradients() {
      return inner.masksGradients();
    }

    @Override
    public boolean wantsDenseGradient(long iteration) {
      return inner.wantsDenseGradient(iteration);
    }

    /** The weights as the hook leaves them (the optimiser state: {@link #optimiserStateIsZeroAtInactiveWeights}). */
    @Override
    public void afterStep(LayerWeights weights, long iteration) {
      double rsBefore = inner.masks().itopRate();
      int updatesBefore = inner.masks().updates();
      inner.afterStep(weights, iteration);
      steps++;
      SparseMasks m = inner.masks();
      assertTrue(m.itopRate() >= rsBefore, "R_s monotone");
      checkedUpdates += m.updates() - updatesBefore;
      for (ParameterLayout.Segment seg : inner.layout().weights()) {
        double[] p = weights.weights(seg.layer());
        int active = 0;
        for (int j = 0; j < seg.length(); j++) {
          if (m.isActive(seg.layer(), j)) {
            active++;
            assertTrue(m.hasFired(seg.layer(), j));
          } else {
            assertTrue(p[j] == 0.0, "masked weight must be exactly 0 (±0), got " + p[j]);
          }
        }
        assertEquals(m.nonzeros(seg.layer()), active, "exact count");
      }
    }

    @Override
    public Map<String, Double> epochMetrics() {
      return inner.epochMetrics();
    }
  }

  static CheckingHook train(UpdaterType updater, Growth growth, boolean fix, long seed) throws Exception {
    NetworkConfig cfg = NetworkConfig.builder().hiddenLayers(32, 32).epochs(4).batchSize(16).updater(updater)
        .learningRate(0.02).schedule(LrSchedule.CONSTANT).patience(1).seed(seed).build();
    CheckingHook hook = new CheckingHook(new ItopHook(itop(growth, fix), seed));
    NetworkTrainer t = new NetworkTrainer(cfg, data(96), new SoftmaxCrossEntropy(), hook, null, null);
    t.initialize();
    while (t.nextEpoch()) {
      // all epochs
    }
    t.finish();
    return hook;
  }

  @ParameterizedTest
  @EnumSource(value = UpdaterType.class, names = {"NESTEROVS", "ADAM"})
  void invariantsHoldAfterEveryStepAndUpdate(UpdaterType updater) throws Exception {
    for (Growth g : Growth.values()) {
      CheckingHook hook = train(updater, g, false, 1);
      assertEquals(24, hook.steps);
      assertEquals(8, hook.checkedUpdates, "an update every 3 of 24 steps");
      assertTrue(hook.inner.masks().itopRate() > hook.inner.masks().density());
    }
  }

  @Test
  void fixedMaskKeepsTheTopology() throws Exception {
    CheckingHook hook = train(UpdaterType.NESTEROVS, Growth.RANDOM, true, 1);
    assertEquals(0, hook.checkedUpdates);
    assertEquals(hook.inner.masks().density(), hook.inner.masks().itopRate(), 0.0);
  }

  @Test
  void sameSeedSameMasks() throws Exception {
    SparseMasks a = train(UpdaterType.NESTEROVS, Growth.GRADIENT, false, 7).inner.masks();
    SparseMasks b = train(UpdaterType.NESTEROVS, Growth.GRADIENT, false, 7).inner.masks();
    for (int l = 0; l < a.numLayers(); l++) {
      boolean[] ma = new boolean[a.size(l)];
      boolean[] mb = new boolean[b.size(l)];
      for (int j = 0; j < ma.length; j++) {
        ma[j] = a.isActive(l, j);
        mb[j] = b.isActive(l, j);
      }
      assertArrayEquals(ma, mb);
    }
  }

  /**
   * After every step (and every topology update) the network's weights and every optimiser state
   * vector are zero at inactive weights, read through the step's public state on the dense engine.
   */
  @ParameterizedTest
  @EnumSource(value = UpdaterType.class, names = {"NESTEROVS", "ADAM"})
  void optimiserStateIsZeroAtInactiveWeights(UpdaterType updater) {
    NetworkConfig net = NetworkConfig.builder().hiddenLayers(16).epochs(1).batchSize(8).updater(updater)
        .learningRate(0.05).momentum(0.9).l2(5e-4).schedule(LrSchedule.CONSTANT).lrMinFactor(1).patience(1).seed(5)
        .build();
    ItopConfig cfg = ItopConfig.builder().sparsity(0.7).distribution(Distribution.UNIFORM).growth(Growth.GRADIENT)
        .pruneRateMin(0).pruneDecay(PruneDecay.CONSTANT).numTopologyUpdates(0).updateInterval(2)
        .minUpdateIntervalEpochs(0).regrowInit(RegrowInit.NORMAL).execution(ExecutionMode.DENSE).build();
    ItopHook hook = new ItopHook(cfg, 5);
    TrainingSet data = data(8);
    Dl4jRuntime.run(() -> {
      MultiLayerNetwork n = NetworkFactory.build(10, 3, net);
      NetworkStep step = new NetworkStep(n, net, new SoftmaxCrossEntropy(), hook,
          new TrainingHook.Schedule(12, 1, 8, 8));
      int[] rows = {0, 1, 2, 3, 4, 5, 6, 7};
      for (int t = 0; t < 12; t++) {
        step.run(data.x(), rows, new Objective.Step(rows, 8, data.labels(), data.weights(), 0, t), 0.05);
        double[] p = n.params().toDoubleVector();
        double[][] state = step.optimizerState().vectors();
        for (ParameterLayout.Segment seg : step.layout().weights()) {
          for (int j = 0; j < seg.length(); j++) {
            if (!hook.masks().isActive(seg.layer(), j)) {
              int at = (int) seg.offset() + j;
              assertTrue(p[at] == 0.0, "step " + t + ": masked weight " + p[at]);
              for (double[] v : state) {
                assertTrue(v[at] == 0.0, "step " + t + ": optimiser state " + v[at] + " at an inactive weight");
              }
            }
          }
        }
      }
      assertTrue(hook.masks().updates() >= 5, "updates every 2 steps");
    });
  }
}
