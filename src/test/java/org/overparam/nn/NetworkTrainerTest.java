// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkTrainerTest {
  /** Two Gaussian blobs per class in 4-D, 3 classes. */
  static TrainingSet blobs(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] x = new float[n][4];
    int[] y = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      w[i] = 1;
      for (int j = 0; j < 4; j++) {
        x[i][j] = (float) (rng.nextGaussian() * 0.7 + (j == y[i] ? 2 : 0));
      }
    }
    return new TrainingSet(x, y, w, 3);
  }

  static NetworkConfig config(int epochs, double lr, double validation, long seed) {
    return NetworkConfig.builder().hiddenLayers(16).epochs(epochs).batchSize(16).learningRate(lr).l2(1e-4)
        .schedule(LrSchedule.COSINE).validationFraction(validation).patience(3).seed(seed).build();
  }

  static double[] train(NetworkConfig cfg, TrainingSet data) throws InterruptedException {
    NetworkTrainer t = new NetworkTrainer(cfg, data, new SoftmaxCrossEntropy(), null, null, null);
    t.initialize();
    while (t.nextEpoch()) {
      // all epochs
    }
    return t.finish().parameters();
  }

  @Test
  void sameSeedGivesBitIdenticalParameters() throws Exception {
    TrainingSet data = blobs(90, 1);
    double[] a = train(config(5, 0.05, 0, 42), data);
    double[] b = train(config(5, 0.05, 0, 42), data);
    assertArrayEquals(a, b, 0.0);
    double[] c = train(config(5, 0.05, 0, 43), data);
    assertFalse(Arrays.equals(a, c), "another seed must give another model");
  }

  @Test
  void learnsSeparableBlobs() throws Exception {
    TrainingSet data = blobs(150, 2);
    NetworkTrainer t = new NetworkTrainer(config(30, 0.05, 0, 1), data, new SoftmaxCrossEntropy(), null, null, null);
    t.initialize();
    while (t.nextEpoch()) {
      // all epochs
    }
    assertTrue(t.lastMetrics().get("accuracy/training") > 0.9, "accuracy " + t.lastMetrics());
    double[] loss = t.history().column("loss/training");
    assertTrue(loss[loss.length - 1] < loss[0]);
  }

  @Test
  void divergenceIsReported() {
    TrainingSet data = blobs(60, 3);
    NetworkTrainer t = new NetworkTrainer(config(20, 1e6, 0, 1), data, new SoftmaxCrossEntropy(), null, null, null);
    t.initialize();
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> {
      while (t.nextEpoch()) {
        // until it diverges
      }
      t.finish();
    });
    assertTrue(e.getMessage().contains("diverged"), e.getMessage());
  }

  @Test
  void interruptStopsBetweenMinibatches() {
    TrainingSet data = blobs(60, 4);
    NetworkTrainer t = new NetworkTrainer(config(5, 0.05, 0, 1), data, new SoftmaxCrossEntropy(), null, null, null);
    t.initialize();
    Thread.currentThread().interrupt();
    try {
      assertThrows(InterruptedException.class, t::nextEpoch);
      assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set for the Explorer's status");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void earlyStoppingRestoresTheBestEpoch() throws Exception {
    TrainingSet data = blobs(120, 5);
    // A validation score that is best at epoch 2 and worse afterwards: training stops after
    // patience (3) more epochs and keeps the weights of epoch 2.
    int[] calls = {0};
    double[][] paramsAtEpoch = new double[20][];
    NetworkTrainer[] holder = new NetworkTrainer[1];
    ValidationScore score = (p, rows, d) -> {
      calls[0]++;
      return Math.abs(calls[0] - 2);
    };
    NetworkTrainer t = new NetworkTrainer(config(20, 0.05, 0.25, 1), data, new SoftmaxCrossEntropy(), null, score,
        (epoch, m) -> paramsAtEpoch[epoch] = holder[0].currentParameters());
    holder[0] = t;
    t.initialize();
    int epochs = 0;
    boolean more = true;
    while (more) {
      more = t.nextEpoch();
      epochs++;
    }
    assertEquals(5, epochs, "2 + patience 3");
    assertTrue(t.stoppedEarly());
    assertEquals(2, t.bestEpoch());
    assertEquals(30, t.validationSize(), "stratified 25% of 120");
    assertArrayEquals(paramsAtEpoch[2], t.finish().parameters(), 0.0);
  }

  @Test
  void validationSplitHoldsOutTheSameFractionOfEveryStratum() {
    TrainingSet data = blobs(120, 6);
    // four strata of 30 rows: round(0.25 · 30) = 8 each, 32 in all (by class it would be 3 × 10 = 30)
    ValidationScore byCell = new ValidationScore() {
      @Override
      public double score(double[][] p, int[] rows, TrainingSet d) {
        return 0;
      }

      @Override
      public int[] strata(TrainingSet d) {
        return java.util.stream.IntStream.range(0, d.size()).map(i -> i % 4).toArray();
      }
    };
    NetworkTrainer cells = new NetworkTrainer(config(2, 0.05, 0.25, 1), data, new SoftmaxCrossEntropy(), null, byCell,
        null);
    cells.initialize();
    assertEquals(32, cells.validationSize());
    NetworkTrainer classes = new NetworkTrainer(config(2, 0.05, 0.25, 1), data, new SoftmaxCrossEntropy(), null, null,
        null);
    classes.initialize();
    assertEquals(30, classes.validationSize());
  }
}
