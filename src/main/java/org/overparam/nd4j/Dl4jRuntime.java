// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nd4j;

import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place that touches ND4J's global state: the thread-context class loader, threads (with
 * {@link BlasThreads}), seeding, and OpenBLAS's kernels ({@link OpenBlasCore}, before ND4J first loads it).
 *
 * <p>Weka loads each package in its own class loader, and ND4J finds its backend through
 * {@link java.util.ServiceLoader} on the thread-context class loader (TCCL). Every call that may
 * touch ND4J (including its static initialisation) therefore runs inside {@link #call} or
 * {@link #run}, which set the TCCL to this package's loader and restore it afterwards. When the overparamCUDA
 * add-on package is loaded, that loader takes in the add-on's jars, or is joined with the add-on's loader where it
 * cannot ({@link AddonClassLoader}), so that ND4J also finds the CUDA backend.
 */
public final class Dl4jRuntime {
  /** Environment variable / system property that overrides the default ND4J thread count. */
  public static final String THREADS_PROPERTY = "overparam.threads";

  private static volatile boolean threadsConfigured;
  private static volatile ClassLoader backendLoader;

  private Dl4jRuntime() {}

  /** Work that may throw a checked exception. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T call() throws E;
  }

  /** Runs {@code work} with the TCCL set to the package's class loader. */
  public static <T, E extends Exception> T call(Work<T, E> work) throws E {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(backendLoader());
    try {
      configureThreadsOnce();
      return work.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * The loader ND4J discovers its backends with: this package's, with the CUDA add-on's jars when Weka loaded it
   * ({@link AddonClassLoader#forPackage}).
   * Decided once: ND4J keeps the first loader it sees for the life of the JVM.
   */
  public static ClassLoader backendLoader() {
    ClassLoader loader = backendLoader;
    if (loader == null) {
      synchronized (Dl4jRuntime.class) {
        if (backendLoader == null) {
          OpenBlasCore.chooseBeforeLoad(); // before anything loads OpenBLAS
          backendLoader = AddonClassLoader.forPackage(Dl4jRuntime.class.getClassLoader());
        }
        loader = backendLoader;
      }
    }
    return loader;
  }

  /**
   * {@link #call} for the networks' work, whose results depend on the count: ND4J's kernels on {@code threads}
   * threads, and the engine's products split into {@code threads} parts with OpenBLAS on one thread each; waits
   * while work under another setting runs ({@link BlasThreads}).
   */
  public static <T, E extends Exception> T call(int threads, Work<T, E> work) throws E {
    return call(() -> BlasThreads.call(threads, work));
  }

  /** {@link #call(int, Work)} with OpenBLAS's own {@code threads} threads, for products made through ND4J. */
  public static <T, E extends Exception> T callOpenBlasThreads(int threads, Work<T, E> work) throws E {
    return call(() -> BlasThreads.callOpenBlasThreads(threads, work));
  }

  /** {@link #call(int, Work)} for work without a result. */
  public static <E extends Exception> void run(int threads, RunWork<E> work) throws E {
    call(threads, () -> {
      work.run();
      return null;
    });
  }

  /** {@link #call} for work without a result. */
  public static <E extends Exception> void run(RunWork<E> work) throws E {
    call(() -> {
      work.run();
      return null;
    });
  }

  /** Work without a result that may throw a checked exception. */
  @FunctionalInterface
  public interface RunWork<E extends Exception> {
    void run() throws E;
  }

  /** Adapts a {@link Callable} (which throws {@link Exception}). */
  public static <T> T callable(Callable<T> work) throws Exception {
    return call(work::call);
  }

  /** Seeds ND4J's global RNG (used by DL4J weight initialisation). */
  public static void seed(long seed) {
    run(() -> Nd4j.getRandom().setSeed(seed));
  }

  /** Whether ND4J runs on its CPU backend (whose buffers live in host memory), as opposed to CUDA. */
  public static boolean cpuBackend() {
    return call(() -> Nd4j.getEnvironment().isCPU());
  }

  /** ND4J data type for a user-facing precision choice. */
  public static DataType dataType(boolean doublePrecision) {
    return doublePrecision ? DataType.DOUBLE : DataType.FLOAT;
  }

  /**
   * The thread count of work that has no count of its own (kernel GD's products and eigendecomposition; the
   * networks take theirs from their option {@code -num-threads}): 1, or {@code -Doverparam.threads=N} or the
   * environment variable {@code OVERPARAM_THREADS}. Such work runs under this count ({@link #callOpenBlasThreads}),
   * so its results do not depend on what else ran.
   */
  public static int configuredThreads() {
    String value = System.getProperty(THREADS_PROPERTY);
    if (value == null) {
      value = System.getenv("OVERPARAM_THREADS");
    }
    if (value == null || value.isBlank()) {
      return 1;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          THREADS_PROPERTY + " / OVERPARAM_THREADS must be a positive integer, got '" + value + "'");
    }
  }

  private static void configureThreadsOnce() {
    if (threadsConfigured) {
      return;
    }
    synchronized (Dl4jRuntime.class) {
      if (!threadsConfigured) {
        BlasThreads.configure(configuredThreads());
        threadsConfigured = true;
      }
    }
  }
}
