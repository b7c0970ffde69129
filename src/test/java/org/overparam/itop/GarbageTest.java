// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.overparam.engine.NetworkStep;
import org.overparam.engine.TrainingHook;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkFactory;
import org.overparam.nn.Objective;
import org.overparam.nn.SoftmaxCrossEntropy;

/**
 * Training makes no garbage in proportion to its batch or its layers (issue 16: where no collection runs, every
 * byte a run allocates stays in the process's memory): a step reuses the logits and their gradient, a topology update
 * its working arrays. Measured as the bytes allocated on the training thread ({@code ThreadMXBean}).
 */
class GarbageTest {
  static final int INPUTS = 20;
  static final int CLASSES = 10;
  private static final int SMALL = 32;
  private static final int LARGE = 512;

  @ParameterizedTest
  @EnumSource(value = ExecutionMode.class, names = {"SPARSE", "DENSE"})
  void aStepsGarbageDoesNotGrowWithTheBatch(ExecutionMode mode) {
    long small = bytesPerStep(mode, SMALL);
    long large = bytesPerStep(mode, LARGE);
    // a fresh array of logits (or of their gradient) per step: at least 8 bytes per row and class more
    long perRow = (long) CLASSES * Double.BYTES;
    assertTrue(large - small < (LARGE - SMALL) * perRow / 4, mode + ": a step allocated " + small + " bytes with "
        + SMALL + " rows, " + large + " with " + LARGE);
  }

  @ParameterizedTest
  @EnumSource(value = Growth.class, names = {"RANDOM", "GRADIENT"})
  void aTopologyUpdatesGarbageDoesNotGrowWithTheLayers(Growth growth) {
    long[] narrow = bytesPerUpdate(growth, 128);
    long[] wide = bytesPerUpdate(growth, 512);
    // the arrays of pruned and grown weights made afresh per update: 8 bytes per regrown weight
    assertTrue(wide[0] - narrow[0] < 2 * (wide[1] - narrow[1]), growth + ": an update allocated " + narrow[0]
        + " bytes for " + narrow[1] + " regrown weights, " + wide[0] + " for " + wide[1]);
  }

  /** The bytes a topology update allocates (those of a step with one less those of a step without) and k. */
  private static long[] bytesPerUpdate(Growth growth, int width) {
    ItopHook hook = hook(ExecutionMode.SPARSE, growth);
    Batch b = new Batch(64);
    long[] bytes = new long[2];
    Dl4jRuntime.run(1, () -> {
      NetworkStep step = step(hook, 64, width);
      Consumer<Boolean> run = update -> {
        if (update) {
          hook.requestUpdate(0.3);
        }
        step.run(b.x, b.rows, b.step, 0.01);
      };
      for (int t = 0; t < 60; t++) { // the working arrays made, the code compiled
        run.accept(t % 3 == 0);
      }
      bytes[0] = allocated(() -> run.accept(false), 30);
      bytes[1] = allocated(() -> run.accept(true), 30);
    });
    long regrown = 0;
    for (int l = 0; l < hook.masks().numLayers(); l++) {
      regrown += hook.masks().isDense(l) ? 0 : (long) Math.ceil(0.3 * hook.masks().nonzeros(l));
    }
    return new long[] {bytes[1] - bytes[0], regrown};
  }

  static ItopHook hook(ExecutionMode mode, Growth growth) {
    return new ItopHook(ItopConfig.builder().sparsity(0.8).numTopologyUpdates(0).minUpdateIntervalEpochs(0)
        .growth(growth).execution(mode).build(), 3);
  }

  private static NetworkStep step(ItopHook hook, int rows, int width) {
    NetworkConfig net = NetworkConfig.builder().hiddenLayers(width, width).epochs(1).batchSize(rows).l2(0)
        .schedule(LrSchedule.CONSTANT).lrMinFactor(1).patience(1).threads(1).build();
    MultiLayerNetwork n = NetworkFactory.build(INPUTS, CLASSES, net);
    NetworkStep step = new NetworkStep(n, net, new SoftmaxCrossEntropy(), hook,
        new TrainingHook.Schedule(Long.MAX_VALUE, 1, rows, rows));
    assertEquals(hook.execution() == ExecutionMode.SPARSE, step.isSparse(), "the engine asked for");
    return step;
  }

  private static long bytesPerStep(ExecutionMode mode, int rows) {
    Batch b = new Batch(rows);
    long[] bytes = new long[1];
    Dl4jRuntime.run(1, () -> {
      NetworkStep step = step(hook(mode, Growth.RANDOM), rows, 64);
      for (int t = 0; t < 200; t++) { // the arrays made, the code compiled
        step.run(b.x, b.rows, b.step, 0.01);
      }
      bytes[0] = allocated(() -> step.run(b.x, b.rows, b.step, 0.01), 100);
    });
    return bytes[0];
  }

  /** The bytes {@code times} runs of {@code r} allocate on this thread, per run. */
  private static long allocated(Runnable r, int times) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int t = 0; t < times; t++) {
      r.run();
    }
    return (threads.getCurrentThreadAllocatedBytes() - before) / times;
  }

  /** Rows of Gaussian inputs and random labels, the same for a given size. */
  static final class Batch {
    final float[][] x;
    final int[] rows;
    final Objective.Step step;

    Batch(int n) {
      SplittableRandom rng = new SplittableRandom(5);
      x = new float[n][INPUTS];
      rows = new int[n];
      int[] labels = new int[n];
      double[] weights = new double[n];
      for (int r = 0; r < n; r++) {
        for (int i = 0; i < INPUTS; i++) {
          x[r][i] = (float) rng.nextGaussian();
        }
        rows[r] = r;
        labels[r] = rng.nextInt(CLASSES);
        weights[r] = 1;
      }
      step = new Objective.Step(rows, n, labels, weights, 0, 0);
    }
  }
}
