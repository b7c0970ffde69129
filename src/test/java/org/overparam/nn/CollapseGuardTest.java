// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The collapse guard of {@link NetworkTrainer}: a spike or a collapse to one class is rolled back and reported. */
class CollapseGuardTest {
  private static final TrainingSet DATA = NetworkTrainerTest.blobs(90, 7);

  /**
   * lr 1 with Nesterov momentum 0.9: the loss goes from 1.42 (epoch 1) to 17.6 (epoch 2), finite and
   * below the divergence limit.
   */
  private static NetworkConfig.Builder absurdRate() {
    return NetworkConfig.builder().hiddenLayers(16).epochs(30).batchSize(16).learningRate(1).l2(1e-4)
        .schedule(LrSchedule.CONSTANT).seed(1);
  }

  private record Run(NetworkTrainer trainer, double[] params, double[][] paramsAtEpoch) {}

  private static Run run(NetworkConfig cfg, Objective objective, TrainingSet data) throws InterruptedException {
    double[][] atEpoch = new double[cfg.epochs() + 1][];
    NetworkTrainer[] holder = new NetworkTrainer[1];
    NetworkTrainer t = new NetworkTrainer(cfg, data, objective, null, null,
        (epoch, m) -> atEpoch[epoch] = holder[0].currentParameters());
    holder[0] = t;
    t.initialize();
    while (t.nextEpoch()) {
      // until the planned end or the guard stops it
    }
    return new Run(t, t.finish().parameters(), atEpoch);
  }

  @Test
  void aSpikeRestoresTheBestEpochAndSaysSo() throws Exception {
    Run r = run(absurdRate().build(), new SoftmaxCrossEntropy(), DATA);
    Collapse c = r.trainer().collapse();
    assertNotNull(c, "the spike must be detected");
    assertEquals(2, c.epoch());
    assertEquals(1, c.restoredEpoch());
    assertTrue(c.loss() > NetworkTrainer.SPIKE_FACTOR * r.trainer().history().column("loss/training")[0]);
    assertTrue(c.describe().startsWith("training collapsed at epoch 2 (training loss 17.6"), c.describe());
    assertTrue(c.describe().contains("restored the weights of epoch 1"), c.describe());
    assertTrue(r.trainer().stoppedEarly());
    assertEquals(1, r.trainer().bestEpoch());
    assertEquals(2, r.trainer().history().size(), "the spike's epoch stays in the history");
    assertArrayEquals(r.paramsAtEpoch()[1], r.params(), 0.0, "the model is epoch 1's network");
  }

  @Test
  void theGuardIsDeterministic() throws Exception {
    Run a = run(absurdRate().build(), new SoftmaxCrossEntropy(), DATA);
    Run b = run(absurdRate().build(), new SoftmaxCrossEntropy(), DATA);
    assertEquals(a.trainer().collapse(), b.trainer().collapse());
    assertArrayEquals(a.params(), b.params(), 0.0);
  }

  @Test
  void withoutTheGuardTheLastWeightsStay() throws Exception {
    // (left to run, this trajectory exceeds the divergence limit at epoch 28)
    Run r = run(absurdRate().epochs(10).collapseGuard(false).build(), new SoftmaxCrossEntropy(), DATA);
    assertNull(r.trainer().collapse());
    assertEquals(10, r.trainer().epochsDone());
    double[] loss = r.trainer().history().column("loss/training");
    assertTrue(loss[1] > NetworkTrainer.SPIKE_FACTOR * loss[0], "the same spike at epoch 2");
    assertFalse(java.util.Arrays.equals(r.paramsAtEpoch()[1], r.params()));
  }

  @Test
  void aHealthyRunIsBitIdenticalWithAndWithoutTheGuard() throws Exception {
    TrainingSet data = NetworkTrainerTest.blobs(150, 2);
    NetworkConfig on = NetworkTrainerTest.config(20, 0.05, 0, 1);
    Run guarded = run(on, new SoftmaxCrossEntropy(), data);
    Run plain = run(on.toBuilder().collapseGuard(false).build(), new SoftmaxCrossEntropy(), data);
    assertNull(guarded.trainer().collapse());
    assertEquals(20, guarded.trainer().epochsDone());
    assertArrayEquals(plain.params(), guarded.params(), 0.0);
  }

  /**
   * An objective whose loss adds terms of its own (as SOP's noise model does) is not compared with the
   * class-frequency loss: cross-entropy plus a constant 2, the same gradient, trains a healthy network that the
   * comparison would call collapsed.
   */
  @Test
  void aLossOnAnotherScaleIsNotCalledCollapsed() throws Exception {
    TrainingSet data = NetworkTrainerTest.blobs(150, 2);
    NetworkConfig cfg = NetworkTrainerTest.config(5, 0.05, 0, 1);
    Run other = run(cfg, new ShiftedCrossEntropy(false), data);
    assertNull(other.trainer().collapse());
    double[] accuracy = other.trainer().history().column("accuracy/training");
    assertTrue(accuracy[accuracy.length - 1] > 0.9, "a healthy run: accuracy " + accuracy[accuracy.length - 1]);
    // the same run, its loss taken for a cross-entropy: the guard's comparison reports a collapse
    Run taken = run(cfg, new ShiftedCrossEntropy(true), data);
    assertNotNull(taken.trainer().collapse());
    assertArrayEquals(other.params(), taken.params(), 0.0, "a run that never beat the class frequencies is kept");
  }

  /** Cross-entropy plus 2 (the gradient unchanged), declared a cross-entropy or not. */
  private static final class ShiftedCrossEntropy implements Objective {
    private final SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
    private final boolean crossEntropy;

    ShiftedCrossEntropy(boolean crossEntropy) {
      this.crossEntropy = crossEntropy;
    }

    @Override
    public double lossAndGradient(Step step, double[][] logits, double[][] dLogits) {
      return ce.lossAndGradient(step, logits, dLogits) + 2;
    }

    @Override
    public boolean lossIsCrossEntropy() {
      return crossEntropy;
    }
  }

  @Test
  void aCollapseToOneClassIsRolledBack() throws Exception {
    // From epoch 6 on the gradient pulls every output towards the constant (0.5, 0.25, 0.25): the
    // network comes to predict class 1 for every row at a loss above ln 3, the class-frequency loss.
    NetworkConfig cfg = NetworkConfig.builder().hiddenLayers(16).epochs(40).batchSize(16).learningRate(0.05).l2(1e-4)
        .schedule(LrSchedule.CONSTANT).seed(1).build();
    Run r = run(cfg, new TowardsConstant(5, new double[] {0.5, 0.25, 0.25}), DATA);
    Collapse c = r.trainer().collapse();
    assertNotNull(c, "the one-class collapse must be detected");
    assertTrue(c.reason().contains("predicted as class 1"), c.reason());
    assertTrue(c.epoch() > 6 && c.epoch() < 40, "epoch " + c.epoch());
    assertEquals(5, c.restoredEpoch(), "the lowest training loss came just before the pull");
    assertArrayEquals(r.paramsAtEpoch()[5], r.params(), 0.0);
  }

  @Test
  void aRunThatEndsPredictingOneClassSaysSo() throws Exception {
    // Pulled towards a constant output from the first step: it never beats the class frequencies by
    // the guard's margin, so nothing trips during training, but the model it ends with predicts one class.
    NetworkConfig cfg = NetworkConfig.builder().hiddenLayers(16).epochs(15).batchSize(16).learningRate(0.05).l2(1e-4)
        .schedule(LrSchedule.CONSTANT).seed(1).build();
    Run r = run(cfg, new TowardsConstant(0, new double[] {0.5, 0.25, 0.25}), DATA);
    Collapse c = r.trainer().collapse();
    assertNotNull(c, "a model that predicts one class must not pass silently");
    assertTrue(c.atEnd());
    assertEquals(15, c.epoch());
    assertEquals(15, r.trainer().epochsDone(), "nothing stopped it early");
    assertTrue(c.describe().startsWith("training ended collapsed at epoch 15"), c.describe());
    assertTrue(c.reason().contains("predicted as class 1"), c.reason());
    assertTrue(c.describe().endsWith("never learned more than the class frequencies, so there was nothing to "
        + "restore"), c.describe());
    assertEquals(15, c.restoredEpoch());
    assertArrayEquals(r.paramsAtEpoch()[15], r.params(), 0.0);
  }

  @Test
  void aRunThatEndsNearAConstantOutputSaysSoEvenWithoutOneClass() throws Exception {
    // Pulled towards the uniform output: near-ties spread the argmax over the classes, but the loss sits at ln 3.
    NetworkConfig cfg = NetworkConfig.builder().hiddenLayers(16).epochs(15).batchSize(16).learningRate(0.05).l2(1e-4)
        .schedule(LrSchedule.CONSTANT).seed(1).build();
    Run r = run(cfg, new TowardsConstant(0, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}), DATA);
    Collapse c = r.trainer().collapse();
    assertNotNull(c);
    assertTrue(c.atEnd());
    assertTrue(c.reason().startsWith("at least 0.9 times the loss of predicting the class frequencies"), c.reason());
  }

  @Test
  void withAValidationSplitTheBestValidationEpochIsRestored() throws Exception {
    NetworkConfig cfg = absurdRate().validationFraction(0.25).patience(20).build();
    Run r = run(cfg, new SoftmaxCrossEntropy(), DATA);
    Collapse c = r.trainer().collapse();
    assertNotNull(c);
    assertEquals(r.trainer().bestEpoch(), c.restoredEpoch());
    assertArrayEquals(r.paramsAtEpoch()[c.restoredEpoch()], r.params(), 0.0);
  }

  /** Cross-entropy whose gradient, from epoch {@code from} on, pulls every output towards the constant {@code q}. */
  private static final class TowardsConstant implements Objective {
    private final SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
    private final int from;
    private final double[] q;

    TowardsConstant(int from, double[] q) {
      this.from = from;
      this.q = q;
    }

    @Override
    public void begin(TrainingSet data, int[] trainRows, SplittableRandom rng) {
      ce.begin(data, trainRows, rng);
    }

    @Override
    public double lossAndGradient(Step step, double[][] logits, double[][] dLogits) {
      double loss = ce.lossAndGradient(step, logits, dLogits);
      if (step.epoch() >= from) {
        for (int r = 0; r < step.batchSize(); r++) {
          double[] p = SoftmaxCrossEntropy.softmax(logits[r]);
          for (int c = 0; c < q.length; c++) {
            dLogits[r][c] = (p[c] - q[c]) / step.batchSize();
          }
        }
      }
      return loss;
    }
  }
}
