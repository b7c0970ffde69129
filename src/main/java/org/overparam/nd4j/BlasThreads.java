// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nd4j;

import java.util.ArrayDeque;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The thread count of ND4J's and OpenBLAS's native kernels, per piece of work rather than per JVM.
 *
 * <p>OpenBLAS's thread count is global to the process, and in float32 its products change in the last
 * digits with it: the threads split a product's rows and columns, and the edge tiles and the blocking of
 * the summed dimension differ between one thread and several, and between one split and another (measured
 * on OpenBLAS 0.3.21, see {@code GemmThreadsTest}). So that a model depends only on its own thread count,
 * never on what ran before it or beside it in the same JVM, all such work runs inside a <em>lease</em>
 * ({@link #call}): the lease sets the count, and while it is held a lease for another count waits; leases
 * for the same count run side by side (the Experimenter's parallel runs of one learner). Waiting leases are
 * served in arrival order. A lease taken on a thread that already holds one runs under the outer lease
 * (a prediction inside a training epoch).
 */
public final class BlasThreads {
  /** The most threads {@link #AUTO} picks: products at Weka's batch sizes gain little beyond. */
  public static final int MAX_AUTO = 4;
  /** Requested count meaning: chosen by {@link #resolve} from the network's size and the machine's cores. */
  public static final int AUTO = 0;
  /**
   * With {@link #AUTO}, networks with fewer weights than this train on one thread: splitting their products
   * costs more than it saves (dense 100-256-256-10, 93,000 weights: 170,648 samples/s with one thread,
   * 139,293 with two; dense 784-2048-2048-10, 5.8 million weights: 3,571 against 5,969).
   */
  public static final long AUTO_MIN_WEIGHTS = 1_000_000;

  private static final Object LOCK = new Object();
  /** Leases waiting, in arrival order (their counts). */
  private static final ArrayDeque<int[]> WAITING = new ArrayDeque<>();
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
  /** Leases held now, all for {@link #heldCount}. */
  private static int holders;
  private static int heldCount;
  /** The count last set in the native libraries (0: not yet set). */
  private static int applied;

  private BlasThreads() {}

  /**
   * The thread count for a requested value: {@code requested} itself when it is at least 1; for {@link #AUTO},
   * 1 below {@link #AUTO_MIN_WEIGHTS} weights, else the machine's cores up to {@link #MAX_AUTO}.
   *
   * @throws IllegalArgumentException when {@code requested} is negative
   */
  public static int resolve(int requested, long weights) {
    if (requested < 0) {
      throw new IllegalArgumentException("-num-threads must be >= 1, or 0 for automatic (one thread for small networks, "
          + "else the machine's cores up to " + MAX_AUTO + "), got " + requested);
    }
    if (requested > 0) {
      return requested;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    return weights < AUTO_MIN_WEIGHTS ? 1 : Math.max(1, Math.min(MAX_AUTO, cores));
  }

  /**
   * Runs {@code work} with ND4J's and OpenBLAS's kernels on {@code threads} threads, waiting while work
   * under another count runs (inside {@link Dl4jRuntime#call}, which sets the class loader).
   */
  static <T, E extends Exception> T call(int threads, Dl4jRuntime.Work<T, E> work) throws E {
    if (threads < 1) {
      throw new IllegalArgumentException("a lease needs at least one thread, got " + threads);
    }
    int[] depth = DEPTH.get();
    if (depth[0] > 0) {
      return work.call(); // nested: the outer lease's count holds
    }
    acquire(threads);
    depth[0]++;
    try {
      return work.call();
    } finally {
      depth[0]--;
      release();
    }
  }

  /** The count the native libraries were last set to (0 before the first lease or configuration). */
  public static int applied() {
    synchronized (LOCK) {
      return applied;
    }
  }

  /** Sets the count outside any lease (the JVM's start-up configuration); no-op while leases are held. */
  static void configure(int threads) {
    synchronized (LOCK) {
      if (holders == 0) {
        apply(threads);
      }
    }
  }

  private static void acquire(int threads) {
    int[] me = {threads};
    synchronized (LOCK) {
      WAITING.addLast(me);
      boolean interrupted = false;
      while (WAITING.peekFirst() != me || holders > 0 && heldCount != threads) {
        try {
          LOCK.wait();
        } catch (InterruptedException e) {
          interrupted = true; // finish waiting: the caller checks its stop flag between epochs
        }
      }
      WAITING.removeFirst();
      if (holders == 0 && applied != threads) {
        apply(threads);
      }
      holders++;
      heldCount = threads;
      LOCK.notifyAll(); // the next in line may share this count
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void release() {
    synchronized (LOCK) {
      holders--;
      LOCK.notifyAll();
    }
  }

  /** libnd4j's thread pool and OpenMP team and OpenBLAS's own pool are separate; sets all three. */
  private static void apply(int threads) {
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    applied = threads;
  }
}
