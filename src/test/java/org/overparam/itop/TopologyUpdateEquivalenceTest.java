// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.overparam.engine.LayerWeights;
import org.overparam.engine.ParameterLayout;
import org.overparam.engine.TrainingHook;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.SoftmaxCrossEntropy;

/**
 * Topology updates on the sparse representation (active weights only, the dense gradient streamed in
 * blocks through a bounded selection) against the dense-array update they replaced: the same pruned
 * and grown connections, masks and weights, bit for bit, ties included.
 */
class TopologyUpdateEquivalenceTest {
  /** Values with many exact ties: a few magnitudes of either sign, and zeros. */
  private static double[] tied(int n, double zeros, SplittableRandom rng) {
    double[] v = new double[n];
    for (int j = 0; j < n; j++) {
      v[j] = rng.nextDouble() < zeros ? (rng.nextBoolean() ? 0.0 : -0.0)
          : (float) ((rng.nextInt(7) - 3) * 0.125 + (rng.nextDouble() < 0.5 ? rng.nextGaussian() : 0));
    }
    return v;
  }

  /** Arrays as an engine, handing the gradient over in blocks of {@code block} (block boundaries inside columns). */
  static LayerWeights blocks(double[] w, double[] g, int block) {
    return new LayerWeights() {
      @Override
      public double[] weights(int layer) {
        throw new AssertionError("the update must not ask for a dense weight copy");
      }

      @Override
      public double[] weightsAt(int layer, int[] at) {
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) {
          out[i] = w[at[i]];
        }
        return out;
      }

      @Override
      public double[] denseGradient(int layer) {
        throw new AssertionError("the update must not ask for a dense gradient copy");
      }

      @Override
      public void denseGradient(int layer, GradientBlocks sink) {
        double[] buf = new double[block];
        for (int from = 0; from < g.length; from += block) {
          int n = Math.min(block, g.length - from);
          System.arraycopy(g, from, buf, 0, n);
          Arrays.fill(buf, n, block, Double.NaN); // stale entries past the block must not be read
          sink.accept(from, buf, n);
        }
      }

      @Override
      public void rewire(int layer, int[] pruned, int[] grown, double[] weights, boolean[] resetState) {
        throw new AssertionError();
      }
    };
  }

  @ParameterizedTest
  @EnumSource(Growth.class)
  void sameMasksAsTheDenseArrayUpdate(Growth growth) {
    // 300 x 300 takes the sampled prefilter of the selection (over 65,536 candidates), 40 x 25 does not
    int[] sizes = {300 * 300, 40 * 25};
    double[] d = {0.05, 0.2};
    SparseMasks masks = new SparseMasks(sizes, d, new SplittableRandom(11));
    ReferenceSparseMasks reference = new ReferenceSparseMasks(sizes, d, new SplittableRandom(11));
    SplittableRandom data = new SplittableRandom(12);
    SplittableRandom rngNew = new SplittableRandom(13);
    SplittableRandom rngOld = new SplittableRandom(13);
    double[] rates = {0.5, 0.3, 1.0, 0.05, 0.4, 0.2};
    for (int u = 0; u < rates.length; u++) {
      for (int l = 0; l < sizes.length; l++) {
        // early updates: mostly zero gradients (ties decide); later: few
        double[] w = tied(sizes[l], 0.1, data);
        double[] g = tied(sizes[l], u < 3 ? 0.97 : 0.2, data);
        SparseMasks.Change c = masks.update(l, blocks(w, g, 997), rates[u], growth, rngNew);
        ReferenceSparseMasks.Change r = reference.update(l, w, g, rates[u], growth, rngOld);
        assertArrayEquals(r.pruned(), c.prunedIndices(), "pruned, update " + u + ", layer " + l);
        assertArrayEquals(r.grown(), c.grownIndices(), "grown, update " + u + ", layer " + l);
        assertArrayEquals(reference.activeCopy(l), masks.activeCopy(l));
      }
    }
    assertEquals(reference.itopRate(), masks.itopRate());
    assertEquals(reference.expectedRandomItopRate(), masks.expectedRandomItopRate());
    assertEquals(rngOld.nextLong(), rngNew.nextLong(), "the same random draws");
  }

  /** The hook's weights and resets before: dense copies, then the dense rewire (its code then, verbatim). */
  private record DenseRewire(int[] pruned, int[] grown, double[] weights, boolean[] reset) {}

  private static DenseRewire referenceHook(ReferenceSparseMasks masks, ItopConfig cfg, int l, double[] w, double[] g,
      double p, SplittableRandom rng) {
    ReferenceSparseMasks.Change change = masks.update(l, w, g, p, cfg.growth(), rng);
    boolean[] reset = new boolean[w.length];
    boolean[] prunedNow = new boolean[w.length];
    for (int j : change.pruned()) {
      prunedNow[j] = true;
    }
    for (int j : change.pruned()) {
      if (!masks.isActive(l, j) || cfg.reinitWhenSame()) {
        reset[j] = true;
        w[j] = 0;
      }
    }
    for (int j : change.grown()) {
      if (!prunedNow[j] || cfg.reinitWhenSame()) {
        reset[j] = true;
        w[j] = cfg.regrowInit() == RegrowInit.NORMAL ? gaussian(rng) * cfg.regrowInitStd() : 0;
      }
    }
    int[] pruned = change.pruned().clone();
    int[] grown = change.grown().clone();
    Arrays.sort(pruned);
    Arrays.sort(grown);
    return new DenseRewire(pruned, grown, w, reset);
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  @ParameterizedTest
  @EnumSource(Growth.class)
  void hookHandsTheEngineTheSameRewiring(Growth growth) {
    for (int run = 0; run < 4; run++) {
      boolean reinit = run % 2 == 1;
      RegrowInit regrowInit = run < 2 ? RegrowInit.NORMAL : RegrowInit.ZERO; // ZERO: grown sorted alone
      ItopConfig cfg = ItopConfig.builder().sparsity(0.8).growth(growth).regrowInit(regrowInit)
          .regrowInitStd(0.1).reinitWhenSame(reinit).numTopologyUpdates(0).updateInterval(1)
          .minUpdateIntervalEpochs(0).keepFirstDense(false).keepOutputDense(true).build();
      int n = 64 * 48;
      ParameterLayout layout = new ParameterLayout(List.of(new ParameterLayout.Segment(0, 64, 48, 0),
          new ParameterLayout.Segment(1, 48, 3, n + 48)), n + 48 + 48 * 3 + 3);
      ItopHook hook = new ItopHook(cfg, 21);
      hook.initialize(layout, new TrainingHook.Schedule(100, 10, 100, 10));
      ReferenceSparseMasks reference = new ReferenceSparseMasks(new int[] {n, 48 * 3},
          LayerDensities.compute(layout.shapes(), cfg, new boolean[] {false, true}),
          org.overparam.common.Seeds.stream(21, "itop/masks"));
      assertTrue(hook.masks().isDense(1) && !hook.masks().isDense(0));
      assertArrayEquals(reference.activeCopy(0), hook.masks().activeCopy(0));
      SplittableRandom data = new SplittableRandom(22);
      for (long t = 0; t < 5; t++) {
        double[] w = tied(n, 0.0, data);
        for (int j = 0; j < n; j++) {
          w[j] = hook.masks().isActive(0, j) ? w[j] : 0;
        }
        double[] g = tied(n, 0.5, data);
        List<DenseRewire> got = new ArrayList<>();
        LayerWeights engine = new LayerWeights() { // the dense methods only: the interface's defaults do the rest
          @Override
          public double[] weights(int layer) {
            return w.clone();
          }

          @Override
          public double[] denseGradient(int layer) {
            return g.clone();
          }

          @Override
          public void rewire(int layer, int[] pruned, int[] grown, double[] weights, boolean[] resetState) {
            got.add(new DenseRewire(pruned, grown, weights, resetState));
          }
        };
        double p = hook.schedule().pruneRate(t + 1);
        hook.afterStep(engine, t);
        DenseRewire want = referenceHook(reference, cfg, 0, w.clone(), g, p,
            org.overparam.common.Seeds.stream(21, "itop/update/" + (t + 1)));
        assertEquals(1, got.size());
        assertArrayEquals(want.pruned(), got.get(0).pruned());
        assertArrayEquals(want.grown(), got.get(0).grown());
        assertArrayEquals(want.weights(), got.get(0).weights(), 0.0, "weights, bit for bit");
        assertArrayEquals(want.reset(), got.get(0).reset());
        assertArrayEquals(reference.activeCopy(0), hook.masks().activeCopy(0));
      }
    }
  }

  /** Sends the hook the dense methods only, so the interface's defaults (dense copies) serve it. */
  private static final class DenseView extends ForwardingHook {
    DenseView(ItopHook itop) {
      super(itop);
    }

    @Override
    protected LayerWeights view(LayerWeights weights) {
      return new LayerWeights() {
        @Override
        public double[] weights(int layer) {
          return weights.weights(layer);
        }

        @Override
        public double[] denseGradient(int layer) {
          return weights.denseGradient(layer);
        }

        @Override
        public void rewire(int layer, int[] pruned, int[] grown, double[] w, boolean[] resetState) {
          weights.rewire(layer, pruned, grown, w, resetState);
        }
      };
    }
  }

  private static double[] trainSparse(Growth growth, boolean reinit, boolean denseView) throws Exception {
    NetworkConfig cfg = NetworkConfig.builder().hiddenLayers(40, 40).epochs(3).batchSize(16).learningRate(0.05)
        .schedule(LrSchedule.COSINE).seed(5).build();
    ItopConfig itop = ItopConfig.builder().sparsity(0.9).growth(growth).numTopologyUpdates(0).updateInterval(2)
        .minUpdateIntervalEpochs(0).regrowInit(RegrowInit.NORMAL).regrowInitStd(0.05).reinitWhenSame(reinit)
        .execution(ExecutionMode.SPARSE).build();
    ItopHook hook = new ItopHook(itop, 5);
    NetworkTrainer t = new NetworkTrainer(cfg, ItopHookTest.data(96), new SoftmaxCrossEntropy(),
        denseView ? new DenseView(hook) : hook, null, null);
    t.initialize();
    assertTrue(t.runsSparse());
    while (t.nextEpoch()) {
      // all epochs
    }
    assertTrue(hook.masks().updates() >= 4, hook.masks().updates() + " updates");
    return t.finish().parameters();
  }

  @ParameterizedTest
  @EnumSource(Growth.class)
  void sparseEngineTrainsAsThroughDenseCopies(Growth growth) throws Exception {
    for (boolean reinit : new boolean[] {false, true}) {
      // the sparse engine's own active weights, weightsAt, streamed gradient and change-only rewire against the dense
      // ones
      assertArrayEquals(trainSparse(growth, reinit, true), trainSparse(growth, reinit, false), 0.0);
    }
  }

  @Test
  void initialMasksAsBefore() {
    // densities below and above 1/6 (the sampled prefix with and without the array of all positions); the
    // prefix table of layer 0 is reused, larger than needed, by layer 2 and enlarged for layer 4
    int[] sizes = {2048 * 512, 300 * 300, 1000, 64, 784 * 2048};
    double[] d = {0.01, 0.3, 0.05, 1.0, 0.16};
    SparseMasks masks = new SparseMasks(sizes, d, new SplittableRandom(4));
    ReferenceSparseMasks reference = new ReferenceSparseMasks(sizes, d, new SplittableRandom(4));
    for (int l = 0; l < sizes.length; l++) {
      assertArrayEquals(reference.activeCopy(l), masks.activeCopy(l), "layer " + l);
    }
  }

  @Test
  void selectionKeepsTheLargestGradientsOfManyTies() {
    // all gradients equal: the tie keys alone decide, as in the reference
    int n = 5000;
    SparseMasks masks = new SparseMasks(new int[] {n}, new double[] {0.1}, new SplittableRandom(1));
    ReferenceSparseMasks reference = new ReferenceSparseMasks(new int[] {n}, new double[] {0.1},
        new SplittableRandom(1));
    double[] w = new double[n];
    double[] g = new double[n];
    Arrays.fill(g, 0.25);
    SparseMasks.Change c = masks.update(0, blocks(w, g, 64), 0.5, Growth.GRADIENT, new SplittableRandom(2));
    ReferenceSparseMasks.Change r = reference.update(0, w, g, 0.5, Growth.GRADIENT, new SplittableRandom(2));
    assertArrayEquals(r.pruned(), c.prunedIndices());
    assertArrayEquals(r.grown(), c.grownIndices());
  }

  @ParameterizedTest
  @EnumSource(Growth.class)
  void repeatedUpdatesOfLargeLayersAsTheReference(Growth growth) {
    // layers large enough for the reference's sampled prune threshold (65,536 active weights and more, at
    // small rates) and for RANDOM growth with and without the array of all positions; SparseMasks reuses
    // its working arrays across layers and updates
    int[] sizes = {1024 * 512, 300 * 200};
    double[] d = {0.15, 0.5};
    SparseMasks masks = new SparseMasks(sizes, d, new SplittableRandom(7));
    ReferenceSparseMasks reference = new ReferenceSparseMasks(sizes, d, new SplittableRandom(7));
    SplittableRandom data = new SplittableRandom(8);
    double[] rates = {0.5, 0.1, 0.02, 0.3};
    for (int u = 0; u < rates.length; u++) {
      for (int l = 0; l < sizes.length; l++) {
        double[] w = tied(sizes[l], 0.3, data);
        double[] g = tied(sizes[l], 0.5, data);
        SparseMasks.Change c = masks.update(l, blocks(w, g, 4096), rates[u], growth, new SplittableRandom(u));
        ReferenceSparseMasks.Change r = reference.update(l, w, g, rates[u], growth, new SplittableRandom(u));
        assertArrayEquals(r.pruned(), c.prunedIndices(), "update " + u + ", layer " + l);
        assertArrayEquals(r.grown(), c.grownIndices(), "update " + u + ", layer " + l);
        assertArrayEquals(reference.activeCopy(l), masks.activeCopy(l));
      }
    }
  }
}
