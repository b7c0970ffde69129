// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.overparam.engine.LayerWeights;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.UpdaterType;
import org.overparam.nd4j.Dl4jRuntime;

/**
 * A topology update on the engine's threads ({@link LayerWeights#inParallel}, the gradient in rounds of blocks)
 * chooses what the one-thread update chooses, bit for bit, ties included, for any number of threads.
 */
class ParallelTopologyUpdateTest {
  /**
   * The runs on 2 and 3 threads leave OpenBLAS at their count, which later tests in this JVM that run outside a
   * lease of their own would inherit: back to the JVM's configured count.
   */
  @AfterAll
  static void restoreBlasThreads() {
    Dl4jRuntime.callOpenBlasThreads(Dl4jRuntime.configuredThreads(), () -> null);
  }

  /** Values with many exact ties: a few magnitudes of either sign, and a share of zeros. */
  private static double[] tied(int n, double zeros, SplittableRandom rng) {
    double[] v = new double[n];
    for (int j = 0; j < n; j++) {
      v[j] = rng.nextDouble() < zeros ? (rng.nextBoolean() ? 0.0 : -0.0)
          : (float) ((rng.nextInt(7) - 3) * 0.125 + (rng.nextDouble() < 0.5 ? rng.nextGaussian() : 0));
    }
    return v;
  }

  /**
   * Arrays as an engine with {@code threads} threads, handing the gradient over in blocks of {@code block}
   * values, a round of three blocks per thread; {@code skew} leaves the last {@code skew} values out of slot 1's
   * blocks (an injected off-by-one at a range's end), 0 for a correct engine. Records the threads that scanned blocks.
   */
  private static final class ThreadedArrays extends PoolWeights {
    private final double[] g;
    private final int block;
    private final int skew;
    /** The one-thread engine over the same arrays. */
    private final LayerWeights arrays;
    final Set<String> scanners = ConcurrentHashMap.newKeySet();

    /** The sampled columns' values as a multiple of the gradient's (0: no sample; 1: honest; 100: too large). */
    private final double sampleScale;
    /** Scans of the whole gradient, in rounds or not. */
    int scans;

    ThreadedArrays(double[] w, double[] g, int threads, int block, int skew, double sampleScale) {
      super(threads);
      this.g = g;
      this.block = block;
      this.skew = skew;
      this.sampleScale = sampleScale;
      arrays = TopologyUpdateEquivalenceTest.blocks(w, g, block);
    }

    /** Every 16th run of {@code block} values as a "column" (the consumer reads only indices and values). */
    @Override
    public boolean gradientSample(int layer, int columns, GradientBlocks sink) {
      if (sampleScale == 0) {
        return false;
      }
      double[] column = new double[block];
      for (int from = 0; from < g.length; from += 16 * block) {
        int n = Math.min(block, g.length - from);
        for (int i = 0; i < n; i++) {
          column[i] = g[from + i] * sampleScale;
        }
        sink.accept(from, column, n);
      }
      return true;
    }

    @Override
    public double[] weightsAt(int layer, int[] at) {
      return arrays.weightsAt(layer, at);
    }

    @Override
    public void denseGradient(int layer, GradientBlocks sink) {
      if (threads() > 1) {
        throw new AssertionError("an engine with several threads hands the gradient over in rounds");
      }
      scans++;
      arrays.denseGradient(layer, sink);
    }

    @Override
    public void denseGradientInRounds(int layer, GradientRounds sink) {
      int threads = threads();
      int span = 3 * block; // three blocks per slot and round, the last ones shorter
      double[][] buf = new double[threads][block];
      scans++;
      for (int start = 0; start < g.length; start += threads * span) {
        int round = start;
        int parts = Math.min(threads, (g.length - start + span - 1) / span);
        inParallel(parts, p -> {
          int end = Math.min(g.length, round + (p + 1) * span);
          for (int from = round + p * span; from < end; from += block) {
            int n = Math.min(block, end - from) - (p == 1 ? skew : 0);
            System.arraycopy(g, from, buf[p], 0, n);
            Arrays.fill(buf[p], n, block, Double.NaN); // stale entries past the block must not be read
            scanners.add(Thread.currentThread().getName());
            sink.accept(p, from, buf[p], n);
          }
        });
        sink.endRound();
      }
    }
  }

  /**
   * One update of every layer on one thread and on {@code threads}; the changes, masks and draws as one list. With
   * a sample ({@code sampleScale} &gt; 0), RigL's scan takes the bound it estimates, and scans once more without it
   * where the bound was too tight. Returns {layer updates, scans of the gradient}.
   */
  private static int[] sameUpdates(int threads, int skew, double sampleScale) {
    int[] counts = new int[2];
    // the large layer has enough active weights (245,760) for the prune selection and the gradient selection's
    // compactions to be split between threads too
    int[] sizes = {300 * 300, 64 * 50, 1024 * 600};
    double[] d = {0.1, 0.3, 0.4};
    SparseMasks one = new SparseMasks(sizes, d, new SplittableRandom(31));
    SparseMasks many = new SparseMasks(sizes, d, new SplittableRandom(31));
    SplittableRandom data = new SplittableRandom(32);
    double[] rates = {0.5, 0.3, 1.0, 0.05};
    for (int u = 0; u < rates.length; u++) {
      SplittableRandom rngOne = new SplittableRandom(u);
      SplittableRandom rngMany = new SplittableRandom(u);
      for (int l = 0; l < sizes.length; l++) {
        // early updates: mostly zero gradients and all-equal ones (ties decide); later: few ties
        double[] w = tied(sizes[l], 0.1, data);
        double[] g = u == 1 ? filled(sizes[l], 0.25) : tied(sizes[l], u < 2 ? 0.97 : 0.2, data);
        SparseMasks.Change a = one.update(l, TopologyUpdateEquivalenceTest.blocks(w, g, 4096), rates[u],
            Growth.GRADIENT, rngOne);
        SparseMasks.Change b;
        try (ThreadedArrays engine = new ThreadedArrays(w, g, threads, 997, skew, sampleScale)) {
          b = many.update(l, engine, rates[u], Growth.GRADIENT, rngMany);
          if (threads > 1 && l == 0) {
            assertTrue(engine.scanners.size() > 1, "the blocks must be scanned on several threads");
          }
          counts[0]++;
          counts[1] += engine.scans;
        }
        assertArrayEquals(a.prunedIndices(), b.prunedIndices(), "pruned, update " + u + ", layer " + l);
        assertArrayEquals(a.grownIndices(), b.grownIndices(), "grown, update " + u + ", layer " + l);
        assertArrayEquals(one.activeCopy(l), many.activeCopy(l));
      }
      assertEquals(rngOne.nextLong(), rngMany.nextLong(), "the same random draws");
    }
    assertEquals(one.itopRate(), many.itopRate());
    return counts;
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void theGradientScanOnSeveralThreadsChoosesAsOne(int threads) {
    int[] counts = sameUpdates(threads, 0, 0);
    assertEquals(counts[0], counts[1], "one scan per layer update");
  }

  /**
   * A sample's bound leaves the choice as it is, whether it admits enough candidates (an honest sample: one scan per
   * update) or too few (a sample 100 times too large: some updates scan a second time, without the bound).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void aSampledBoundChoosesAsTheWholeScan(int threads) {
    int[] honest = sameUpdates(threads, 0, 1);
    assertEquals(honest[0], honest[1], "an honest sample's bound admits enough");
    int[] tooLarge = sameUpdates(threads, 0, 100);
    assertTrue(tooLarge[1] > tooLarge[0], "a bound that admits too few must lead to a second scan");
  }

  @Test
  void aRangeOffByOneIsCaught() {
    // the check above fails for an engine whose second block of each round ends one value early
    assertThrows(AssertionError.class, () -> sameUpdates(2, 1, 0));
  }

  /**
   * The hook behind an engine that hides its threads and its gradient sample: the interface's one-thread defaults
   * serve it.
   */
  private static final class OneThreadView extends ForwardingHook {
    OneThreadView(ItopHook itop) {
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
        public double[] weightsAt(int layer, int[] at) {
          return weights.weightsAt(layer, at);
        }

        @Override
        public void weightsAt(int layer, int[] at, int n, double[] out) {
          weights.weightsAt(layer, at, n, out);
        }

        @Override
        public double[] denseGradient(int layer) {
          return weights.denseGradient(layer);
        }

        @Override
        public void denseGradient(int layer, GradientBlocks sink) {
          weights.denseGradient(layer, sink);
        }

        @Override
        public void rewire(int layer, int[] pruned, int[] grown, double[] w, boolean[] resetState) {
          weights.rewire(layer, pruned, grown, w, resetState);
        }

        @Override
        public void rewire(int layer, int[] pruned, int[] grown, int count, double[] grownWeights, boolean reinit) {
          weights.rewire(layer, pruned, grown, count, grownWeights, reinit);
        }
      };
    }
  }

  /** The trained parameters, then every layer's final mask, of a sparse run on {@code threads} threads. */
  private static double[][] train(int threads, Growth growth, boolean oneThreadUpdates) throws Exception {
    NetworkConfig cfg = NetworkConfig.builder().hiddenLayers(300, 300).epochs(2).batchSize(32).learningRate(1e-3)
        .updater(UpdaterType.ADAM).schedule(LrSchedule.COSINE).seed(9).threads(threads).build();
    ItopConfig itop = ItopConfig.builder().sparsity(0.9).growth(growth).numTopologyUpdates(0).updateInterval(2)
        .minUpdateIntervalEpochs(0).regrowInit(RegrowInit.NORMAL).regrowInitStd(0.05).keepFirstDense(false)
        .execution(ExecutionMode.SPARSE).build();
    ItopHook hook = new ItopHook(itop, 9);
    NetworkTrainer t = new NetworkTrainer(cfg, ItopHookTest.data(128), new SoftmaxCrossEntropy(),
        oneThreadUpdates ? new OneThreadView(hook) : hook, null, null);
    t.initialize();
    assertTrue(t.runsSparse());
    while (t.nextEpoch()) {
      // all epochs
    }
    assertTrue(hook.masks().updates() >= 4, hook.masks().updates() + " updates");
    double[][] out = new double[1 + hook.masks().numLayers()][];
    out[0] = t.finish().parameters();
    for (int l = 0; l < hook.masks().numLayers(); l++) {
      boolean[] m = hook.masks().activeCopy(l);
      out[l + 1] = new double[m.length];
      for (int j = 0; j < m.length; j++) {
        out[l + 1][j] = m[j] ? 1 : 0;
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void theSparseEngineUpdatesOnItsThreadsAsOnOne(int threads) throws Exception {
    // the same engine and thread count (so the same OpenBLAS bits for RigL's gradient), its update's threads and
    // its gradient sample (the scan's bound) hidden or not: the same masks and weights; Adam's state carries every
    // reset into the later steps
    for (Growth growth : Growth.values()) {
      double[][] want = train(threads, growth, true);
      double[][] got = train(threads, growth, false);
      for (int i = 0; i < want.length; i++) {
        assertArrayEquals(want[i], got[i], 0.0, growth + ", array " + i);
      }
    }
  }
}
