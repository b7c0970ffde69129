// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs {@link SparseKernels}' three products on several threads with the same bits as one: each thread
 * takes a contiguous range of the product's outputs (the forward pass's and the weight gradient's output
 * columns, the input gradient's input rows) and computes every output of its range exactly as the
 * single-threaded kernel does, so no sum is split between threads and no order depends on their number.
 * The ranges hold about equal numbers of active weights.
 *
 * <p>The kernels are called unchanged on a range through views: the column (row) starts from the range's
 * first output on, and the output arrays from that output on. The starts index the full weight arrays,
 * so the kernel reads the same weights at the same positions.
 *
 * <p>An element-wise pass over a product's outputs (an activation, the optimiser's step) runs inside the product's
 * ranges, on the thread that computed each ({@code then}); {@link #split} runs the other element-wise passes (the
 * input's staging, the clipping's rescaling) the same way: contiguous index ranges, each index computed by one
 * thread exactly as on one; a sum stays whole in one range.
 *
 * <p>The pool is the JVM's for its thread count ({@link #shared}): {@code threads - 1} daemon workers, which end
 * after {@value #IDLE_SECONDS} s without work, so a JVM whose engines are dropped keeps no threads. The calling
 * thread and the workers take the ranges in turn (see {@link #parallel}). The workers never take a
 * {@link org.overparam.nd4j.BlasThreads} lease, so never wait for one: they run Java, the native sparse kernels, and
 * one-thread OpenBLAS calls, inside the lease their caller holds.
 */
final class KernelPool {
  /** Below this many multiply-adds a product runs on the calling thread: handing it over costs more. */
  static final long MIN_WORK_PER_THREAD = 1L << 16;
  /**
   * The same for the native kernels, several times as fast per multiply-add: W1's 256 x 10 output layer stays whole
   * (split, with its operand's copy, W1's sparse engine ran 0.74-0.78 times as fast on two threads as on one).
   */
  static final long MIN_NATIVE_WORK_PER_THREAD = 1L << 20;
  /**
   * Below this many elements per thread an element-wise pass runs on the calling thread: handing a range over
   * costs some microseconds, as much as a pass over this many floats.
   */
  static final long MIN_ELEMENTS_PER_THREAD = 1L << 15;
  private static final int IDLE_SECONDS = 30;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int threads;
  private final ThreadPoolExecutor workers;

  /** @param threads at least 1; 1 runs everything on the calling thread */
  KernelPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("the sparse kernels need at least one thread, got " + threads);
    }
    this.threads = threads;
    if (threads == 1) {
      workers = null;
      return;
    }
    int id = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    // a queue, not a hand-over: with a SynchronousQueue and caller-runs, a call made while the worker was still
    // on its way back from the previous one ran every range on the calling thread
    workers = new ThreadPoolExecutor(threads - 1, threads - 1, IDLE_SECONDS, TimeUnit.SECONDS,
        new SpinningQueue(), r -> {
          Thread t = new Thread(r, "overparam-kernels-" + id + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    workers.allowCoreThreadTimeOut(true);
  }

  private static final ConcurrentHashMap<Integer, KernelPool> SHARED = new ConcurrentHashMap<>();

  /**
   * The JVM's pool for a thread count, which the sparse engines and the split products ({@link DirectGemm},
   * {@link DirectVectors}) all use, so that a worker spinning after its part ({@link #SPIN_NANOS}) never competes
   * with another pool's for the cores. Callers on several threads may share it: each caller also runs parts itself,
   * so none waits for a worker another keeps busy.
   */
  static KernelPool shared(int threads) {
    return SHARED.computeIfAbsent(threads, KernelPool::new);
  }

  /**
   * {@link SparseKernels#forward}, split by output columns; {@code then} (or null) runs on each range of outputs as
   * soon as the range is computed, on the thread that computed it, while the range is in that thread's cache (the
   * activation of a layer's outputs: as a pass of its own, with ranges of its own, it took longer on two threads
   * than on one, since half of what each thread read was in the other's cache).
   */
  void forward(int[] colStart, int[] row, float[] value, float[] bias, SharedOperand in, float[][] out, int batch,
      Range then) {
    int[] cut = cuts(colStart, out.length, batch);
    if (cut == null) {
      SparseKernels.forward(colStart, row, value, bias, in, out, batch);
      andThen(then, 0, out.length);
      return;
    }
    parallel(cut, (from, to) -> {
      SparseKernels.forward(Arrays.copyOfRange(colStart, from, to + 1), row, value, Arrays.copyOfRange(bias, from, to),
          in, Arrays.copyOfRange(out, from, to), batch);
      andThen(then, from, to);
    });
  }

  /** {@link SparseKernels#inputGradient}, split by input rows; {@code then} (or null) as for {@link #forward}. */
  void inputGradient(int[] rowStart, int[] rowCol, int[] rowPerm, float[] value, SharedOperand delta,
      float[][] inGrad, int batch, Range then) {
    int[] cut = cuts(rowStart, inGrad.length, batch);
    if (cut == null) {
      SparseKernels.inputGradient(rowStart, rowCol, rowPerm, value, delta, inGrad, batch);
      andThen(then, 0, inGrad.length);
      return;
    }
    parallel(cut, (from, to) -> {
      SparseKernels.inputGradient(Arrays.copyOfRange(rowStart, from, to + 1), rowCol, rowPerm, value, delta,
          Arrays.copyOfRange(inGrad, from, to), batch);
      andThen(then, from, to);
    });
  }

  private static void andThen(Range then, int from, int to) {
    if (then != null) {
      then.run(from, to);
    }
  }

  /**
   * {@link SparseKernels#weightGradient}, split by output columns (each range's bias gradient copied back); {@code
   * then} (or null) as for {@link #forward}, on each range of columns.
   */
  void weightGradient(int[] colStart, int[] row, SharedOperand in, float[][] delta, float[] grad, float[] biasGrad,
      int batch, Range then) {
    int[] cut = cuts(colStart, delta.length, batch);
    if (cut == null) {
      SparseKernels.weightGradient(colStart, row, in, delta, grad, biasGrad, batch);
      andThen(then, 0, delta.length);
      return;
    }
    parallel(cut, (from, to) -> {
      float[] part = new float[to - from];
      SparseKernels.weightGradient(Arrays.copyOfRange(colStart, from, to + 1), row, in,
          Arrays.copyOfRange(delta, from, to), grad, part, batch);
      System.arraycopy(part, 0, biasGrad, from, part.length);
      andThen(then, from, to);
    });
  }

  /**
   * Ranges per thread of a product in Java: equal numbers of active weights do not take equal times (the weight
   * gradient skips the zero deltas behind a ReLU, which vary from unit to unit), so a thread that finishes early
   * takes another range rather than wait (W2 90% sparse on 2 threads, paired epochs in one JVM: a median 8% faster
   * than one range per thread, over 12 pairs on a noisy machine). The native kernels take the same time per active
   * weight, so they get one range per thread.
   */
  static final int RANGES_PER_THREAD = 4;

  /** The ranges per thread of a product over a batch of this size ({@link #RANGES_PER_THREAD} in Java, 1 native). */
  static int rangesPerThread(int batch) {
    return SparseKernels.runsNative(batch) ? 1 : RANGES_PER_THREAD;
  }

  /**
   * Range boundaries over {@code n} outputs whose active weights start at {@code start[o]}: about equal weights per
   * range, {@link #rangesPerThread} per thread, or null when the product is too small to split. A native range reads
   * the operand staged once for all ranges ({@link SharedOperand}), so it costs a table of row addresses, not a copy.
   */
  int[] cuts(int[] start, int n, int batch) {
    long nnz = start[n] - start[0];
    long least = SparseKernels.runsNative(batch) ? MIN_NATIVE_WORK_PER_THREAD : MIN_WORK_PER_THREAD;
    int parts = (int) Math.min(threads, nnz * batch / least);
    parts = Math.min(parts, n);
    if (parts < 2) {
      return null;
    }
    parts = (int) Math.min(n, (long) parts * rangesPerThread(batch));
    int[] cut = new int[parts + 1];
    int o = 0;
    for (int p = 1; p < parts; p++) {
      long target = start[0] + nnz * p / parts;
      while (o < n && start[o] < target) {
        o++;
      }
      cut[p] = Math.max(o, cut[p - 1]);
    }
    cut[parts] = n;
    return cut;
  }

  /**
   * Runs {@code body} over items [0, n) of {@code elementsPerItem} elements each, in contiguous ranges of about
   * equal size, one per thread, when each range gets at least {@link #MIN_ELEMENTS_PER_THREAD} elements; else
   * as one range on the calling thread. For passes where each item's result depends on that item only (an
   * element, or a unit whose sum over the batch the range holds whole), so the bits do not depend on the count.
   */
  void split(int n, long elementsPerItem, Range body) {
    int[] cut = evenCuts(n, elementsPerItem);
    if (cut == null) {
      body.run(0, n);
    } else {
      parallel(cut, body);
    }
  }

  /** Boundaries of {@link #split}'s ranges, or null when the pass stays on the calling thread. */
  int[] evenCuts(int n, long elementsPerItem) {
    int parts = (int) Math.min(threads, (long) n * elementsPerItem / MIN_ELEMENTS_PER_THREAD);
    parts = Math.min(parts, n);
    if (parts < 2) {
      return null;
    }
    int[] cut = new int[parts + 1];
    for (int p = 1; p <= parts; p++) {
      cut[p] = (int) ((long) n * p / parts);
    }
    return cut;
  }

  int threads() {
    return threads;
  }

  /**
   * Runs {@code task.accept(t)} for t in [0, tasks) on this thread and the workers (see {@link #parallel}), each
   * task once; for work that the caller has already cut into tasks (a topology update's ranges and blocks).
   */
  void tasks(int tasks, IntConsumer task) {
    if (tasks <= 1 || workers == null) {
      for (int t = 0; t < tasks; t++) {
        task.accept(t);
      }
      return;
    }
    int[] cut = new int[tasks + 1];
    Arrays.setAll(cut, t -> t);
    parallel(cut, (from, to) -> {
      for (int t = from; t < to; t++) {
        task.accept(t);
      }
    });
  }

  /**
   * How long a worker that has run out of ranges, and a caller whose ranges are done, keep polling before they park:
   * waking a parked thread costs tens of microseconds or more on a virtual machine, and a step calls the pool a
   * dozen times with little in between (W2 90% sparse on 2 threads: about 10% faster than parking at once).
   */
  static final long SPIN_NANOS = 200_000L;

  /** The workers' queue: polls for {@link #SPIN_NANOS} before a blocking wait. */
  private static final class SpinningQueue extends LinkedBlockingQueue<Runnable> {
    @Override
    public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
      Runnable r = spin();
      return r != null ? r : super.poll(timeout, unit);
    }

    @Override
    public Runnable take() throws InterruptedException {
      Runnable r = spin();
      return r != null ? r : super.take();
    }

    private Runnable spin() {
      long end = System.nanoTime() + SPIN_NANOS;
      do {
        Runnable r = poll();
        if (r != null) {
          return r;
        }
        Thread.onSpinWait();
      } while (System.nanoTime() < end);
      return null;
    }
  }

  /** A product over outputs [from, to). */
  @FunctionalInterface
  interface Range {
    void run(int from, int to);
  }

  /**
   * Runs the ranges [cut[p], cut[p + 1]) on this thread and the workers: each takes the next range not yet
   * taken until none is left, so a worker that is slow to wake (or busy) costs no wait, and no range is ever
   * left undone. Who runs a range does not change its bits.
   */
  private void parallel(int[] cut, Range body) {
    int parts = cut.length - 1;
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(parts);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable take = () -> {
      for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
        try {
          body.run(cut[p], cut[p + 1]);
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      }
    };
    for (int p = 1; p < parts; p++) {
      workers.execute(take); // queued: a helper that starts after the ranges are all taken just returns
    }
    take.run();
    long spinEnd = System.nanoTime() + SPIN_NANOS;
    while (done.getCount() > 0 && System.nanoTime() < spinEnd) {
      Thread.onSpinWait();
    }
    boolean interrupted = false;
    while (true) {
      try {
        done.await(); // every range must finish before the buffers are read or reused
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt(); // the trainer stops at its next check
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }
}
