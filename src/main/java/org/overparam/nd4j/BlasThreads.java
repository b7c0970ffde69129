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
 *
 * <p>The networks' leases ({@link #call}) keep OpenBLAS itself on one thread and let the engine split its
 * products into {@link #productThreads} parts, each a one-thread OpenBLAS call on a thread of the package's
 * own: on a 2-core AMD EPYC that gave W2's weight gradients 1.6x where OpenBLAS's own two threads gave 1.07-1.38x,
 * and OpenBLAS's two threads made the 10-wide output layer's products 3x slower than one. Other work (kernel
 * GD's products and eigendecomposition, through ND4J) takes {@link #callOpenBlasThreads}: OpenBLAS's own threads.
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
  /** Leases waiting, in arrival order. */
  private static final ArrayDeque<Count> WAITING = new ArrayDeque<>();
  /** The lease the current thread holds (the outermost), or null. */
  private static final ThreadLocal<Count> HELD = new ThreadLocal<>();
  /** Leases held now, all for {@link #held}. */
  private static int holders;
  private static Count held;
  /** The setting last applied to the native libraries (null: not yet set). */
  private static Count applied;

  /**
   * A lease's setting: ND4J's thread count, and whether OpenBLAS runs that many threads of its own (else one,
   * and the engine splits its products).
   */
  private record Count(int threads, boolean openBlasThreads) {}

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
   * Runs {@code work} with ND4J's kernels on {@code threads} threads and OpenBLAS on one, the engine splitting its
   * products into {@code threads} parts ({@link #productThreads}); waits while work under another setting runs
   * (inside {@link Dl4jRuntime#call}, which sets the class loader).
   */
  static <T, E extends Exception> T call(int threads, Dl4jRuntime.Work<T, E> work) throws E {
    return lease(new Count(threads, false), work);
  }

  /** {@link #call} with OpenBLAS's own threads, {@code threads} of them, for products outside the engine. */
  static <T, E extends Exception> T callOpenBlasThreads(int threads, Dl4jRuntime.Work<T, E> work) throws E {
    return lease(new Count(threads, true), work);
  }

  /**
   * Into how many parts the engine splits a product on the current thread: its lease's count where OpenBLAS
   * runs on one thread ({@link #call}), else 1 (no lease, or OpenBLAS's own threads).
   */
  public static int productThreads() {
    Count lease = HELD.get();
    return lease == null || lease.openBlasThreads() ? 1 : lease.threads();
  }

  private static <T, E extends Exception> T lease(Count count, Dl4jRuntime.Work<T, E> work) throws E {
    if (count.threads() < 1) {
      throw new IllegalArgumentException("a lease needs at least one thread, got " + count.threads());
    }
    if (HELD.get() != null) {
      return work.call(); // nested: the outer lease's setting holds
    }
    acquire(count);
    HELD.set(count);
    try {
      return work.call();
    } finally {
      HELD.remove();
      release();
    }
  }

  /** ND4J's count as last set in the native libraries (0 before the first lease or configuration). */
  public static int applied() {
    synchronized (LOCK) {
      return applied == null ? 0 : applied.threads();
    }
  }

  /** OpenBLAS's own count as last set (0 before the first lease or configuration). */
  public static int appliedOpenBlas() {
    synchronized (LOCK) {
      return applied == null ? 0 : applied.openBlasThreads() ? applied.threads() : 1;
    }
  }

  /** Sets the count outside any lease (the JVM's start-up configuration); no-op while leases are held. */
  static void configure(int threads) {
    synchronized (LOCK) {
      if (holders == 0) {
        apply(new Count(threads, true));
      }
    }
  }

  private static void acquire(Count me) {
    synchronized (LOCK) {
      WAITING.addLast(me);
      boolean interrupted = false;
      while (WAITING.peekFirst() != me || holders > 0 && !held.equals(me)) {
        try {
          LOCK.wait();
        } catch (InterruptedException e) {
          interrupted = true; // finish waiting: the caller checks its stop flag between epochs
        }
      }
      WAITING.removeFirst();
      if (holders == 0 && !me.equals(applied)) {
        apply(me);
      }
      holders++;
      held = me;
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
  private static void apply(Count count) {
    int threads = count.threads();
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    Nd4j.factory().blas().setMaxThreads(count.openBlasThreads() ? threads : 1);
    applied = count;
  }
}
