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
final class BlockedPass implements AutoCloseable {
  /** Rows per block: large enough to amortise scheduling, small enough to balance two cores. */
  static final int BLOCK_ROWS = 2048;

  private final MixtureData data;
  private final SufficientStats[] blocks;
  private final SufficientStats total;
  private final ExecutorService pool;
  private final int numThreads;

  BlockedPass(MixtureData data, CovarianceType type, int k, int totalCategories, int numThreads) {
    this.data = data;
    int nb = Math.max(1, (data.n + BLOCK_ROWS - 1) / BLOCK_ROWS);
    this.blocks = new SufficientStats[nb];
    for (int b = 0; b < nb; b++) {
      blocks[b] = new SufficientStats(type, k, data.d, totalCategories);
    }
    this.total = new SufficientStats(type, k, data.d, totalCategories);
    this.numThreads = Math.min(numThreads, nb);
    this.pool = this.numThreads > 1 ? Executors.newFixedThreadPool(this.numThreads, r -> {
      Thread th = new Thread(r, "OverparameterizedEM-estep");
      th.setDaemon(true);
      return th;
    }) : null;
  }

  /** One E-step under the given densities; the returned object is reused by the next call. */
  SufficientStats run(ComponentDensities cd) throws InterruptedException {
    if (pool == null) {
      for (int b = 0; b < blocks.length; b++) {
        runBlock(cd, b);
      }
    } else {
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < numThreads; t++) {
        futures.add(pool.submit(() -> {
          for (int b = next.getAndIncrement(); b < blocks.length; b = next.getAndIncrement()) {
            runBlock(cd, b);
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

  private void runBlock(ComponentDensities cd, int b) {
    SufficientStats s = blocks[b];
    s.clear();
    s.accumulate(cd, data, b * BLOCK_ROWS, Math.min(data.n, (b + 1) * BLOCK_ROWS));
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
