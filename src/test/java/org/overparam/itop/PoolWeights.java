// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.overparam.engine.LayerWeights;

/**
 * The threaded-update tests' engine threads: {@link #inParallel} on a pool of its own, noting which threads ran a
 * task; every matrix access fails unless a subclass serves it.
 */
class PoolWeights implements LayerWeights, AutoCloseable {
  private final int threads;
  private final ExecutorService pool;
  /** The names of the threads that ran a task. */
  final Set<String> used = ConcurrentHashMap.newKeySet();

  PoolWeights(int threads) {
    this.threads = threads;
    pool = Executors.newFixedThreadPool(threads);
  }

  @Override
  public int threads() {
    return threads;
  }

  @Override
  public void inParallel(int tasks, IntConsumer task) {
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      int id = t;
      running.add(pool.submit(() -> {
        used.add(Thread.currentThread().getName());
        task.accept(id);
      }));
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public double[] weights(int layer) {
    throw new AssertionError("the update must not ask for a dense weight copy");
  }

  @Override
  public double[] denseGradient(int layer) {
    throw new AssertionError("the update must not ask for a dense gradient copy");
  }

  @Override
  public void rewire(int layer, int[] pruned, int[] grown, double[] weights, boolean[] resetState) {
    throw new AssertionError();
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
