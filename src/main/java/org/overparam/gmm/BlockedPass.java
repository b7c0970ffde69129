// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the E-step over fixed blocks of rows and reduces the block statistics in block order.
 *
 * <p>The partition depends only on the number of rows, never on the number of threads, and each
 * block sums into its own {@link SufficientStats}; the blocks are then added in index order. So the
 * result is bit-for-bit the same for 1 and for N threads.
 */
final class BlockedPass implements EStepPass, AutoCloseable {
  /** Rows per block: large enough to amortise scheduling, small enough to balance two cores. */
  static final int BLOCK_ROWS = 2048;

  private final MixtureData data;
  private final SufficientStats[] blocks;
  private final SufficientStats total;
  private final ExecutorService pool;
  private final int numThreads;
  /** FULL: column-major copy of each block that can take the columnar path, else null. */
  private final double[][] columns;
  private final double[][] blockWeights;
  /** Diagonal family: chunked columns and weights of each such block ({@link DiagonalEStep}), else null. */
  private final double[][][][] chunks;
  private final double[][][] chunkWeights;
  private final boolean[] equalWeights;
  private final ColumnarEStep.Scratch[] scratch;
  private final DiagonalEStep.Scratch[] diagonalScratch;

  BlockedPass(MixtureData data, CovarianceType type, int k, int totalCategories, int numThreads) {
    this.data = data;
    int nb = Math.max(1, (data.n + BLOCK_ROWS - 1) / BLOCK_ROWS);
    this.blocks = new SufficientStats[nb];
    for (int b = 0; b < nb; b++) {
      blocks[b] = new SufficientStats(type, k, data.d, totalCategories);
    }
    this.total = new SufficientStats(type, k, data.d, totalCategories);
    this.numThreads = Math.min(numThreads, nb);
    this.columns = new double[nb][];
    this.blockWeights = new double[nb][];
    this.chunks = new double[nb][][][];
    this.chunkWeights = new double[nb][][];
    this.equalWeights = new boolean[nb];
    boolean diagonal = type.isDiagonal();
    for (int b = 0; b < nb; b++) {
      int from = b * BLOCK_ROWS;
      int to = Math.min(data.n, from + BLOCK_ROWS);
      if (data.m == 0 && to > from && !anyMissing(data, from, to)) {
        if (diagonal) {
          chunks[b] = new double[0][][]; // filled below, all blocks together
          chunkWeights[b] = DiagonalEStep.weights(data, from, to);
          equalWeights[b] = DiagonalEStep.equalWeights(chunkWeights[b], k);
        } else {
          columns[b] = ColumnarEStep.transpose(data, from, to);
          blockWeights[b] = java.util.Arrays.copyOfRange(data.w, from, to);
        }
      }
    }
    if (diagonal) {
      DiagonalEStep.chunks(data, 0, data.n, BLOCK_ROWS, chunks);
    }
    int rows = Math.min(BLOCK_ROWS, data.n);
    this.scratch = new ColumnarEStep.Scratch[this.numThreads];
    this.diagonalScratch = new DiagonalEStep.Scratch[this.numThreads];
    for (int t = 0; t < this.numThreads; t++) {
      if (diagonal) {
        diagonalScratch[t] = new DiagonalEStep.Scratch(k, rows);
      } else {
        scratch[t] = new ColumnarEStep.Scratch(k, data.d, rows);
      }
    }
    this.pool = this.numThreads > 1 ? Executors.newFixedThreadPool(this.numThreads, r -> {
      Thread th = new Thread(r, "OverparameterizedEM-estep");
      th.setDaemon(true);
      return th;
    }) : null;
  }

  /** One E-step under the given densities; the returned object is reused by the next call. */
  @Override
  public SufficientStats run(ComponentDensities cd) throws InterruptedException {
    if (pool == null) {
      for (int b = 0; b < blocks.length; b++) {
        runBlock(cd, b, 0);
      }
    } else {
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < numThreads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int b = next.getAndIncrement(); b < blocks.length; b = next.getAndIncrement()) {
            runBlock(cd, b, thread);
          }
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("E-step worker failed", c);
        } catch (InterruptedException e) {
          for (Future<?> g : futures) {
            g.cancel(true);
          }
          throw e;
        }
      }
    }
    total.clear();
    for (SufficientStats s : blocks) {
      total.add(s);
    }
    return total;
  }

  private void runBlock(ComponentDensities cd, int b, int thread) {
    SufficientStats s = blocks[b];
    s.clear();
    int from = b * BLOCK_ROWS;
    int to = Math.min(data.n, from + BLOCK_ROWS);
    if (chunks[b] != null) {
      DiagonalEStep.accumulate(cd, chunks[b], chunkWeights[b], equalWeights[b], s, diagonalScratch[thread]);
    } else if (columns[b] != null) {
      ColumnarEStep.accumulate(cd, columns[b], blockWeights[b], to - from, s, scratch[thread]);
    } else {
      s.accumulate(cd, data, from, to);
    }
  }

  private static boolean anyMissing(MixtureData data, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data.rowMissing[i]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
