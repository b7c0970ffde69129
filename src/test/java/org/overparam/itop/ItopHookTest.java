package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.overparam.nn.FlatOptimizer;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.ParameterLayout;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.TrainingHook;
import org.overparam.nn.TrainingSet;
import org.overparam.nn.UpdaterType;

/** ITOP inside the real training loop: the invariants of itop.md §10.2 after every step. */
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
    public void initialize(ParameterLayout layout, INDArray params, Schedule schedule) {
      inner.initialize(layout, params, schedule);
    }

    @Override
    public void beforeUpdate(INDArray params, INDArray gradient, long iteration) {
      inner.beforeUpdate(params, gradient, iteration);
    }

    @Override
    public void afterUpdate(INDArray params, FlatOptimizer optimizer, long iteration) {
      double rsBefore = inner.masks().itopRate();
      int updatesBefore = inner.masks().updates();
      inner.afterUpdate(params, optimizer, iteration);
      steps++;
      SparseMasks m = inner.masks();
      assertTrue(m.itopRate() >= rsBefore, "R_s monotone");
      checkedUpdates += m.updates() - updatesBefore;
      double[] p = params.toDoubleVector();
      INDArray[] state = optimizer.state();
      double[][] s = new double[state.length][];
      for (int k = 0; k < state.length; k++) {
        s[k] = state[k].toDoubleVector();
      }
      for (ParameterLayout.Segment seg : inner.layout().weights()) {
        int active = 0;
        for (int j = 0; j < seg.length(); j++) {
          int at = (int) seg.offset() + j;
          if (m.isActive(seg.layer(), j)) {
            active++;
            assertTrue(m.hasFired(seg.layer(), j));
          } else {
            assertTrue(p[at] == 0.0, "masked weight must be exactly 0 (±0), got " + p[at]);
            for (double[] st : s) {
              assertTrue(st[at] == 0.0, "optimiser state must be 0 at inactive positions, got " + st[at]);
            }
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
}
