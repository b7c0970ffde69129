// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.common;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a long step that cannot poll for interrupts itself (a native LAPACK call) on a helper thread,
 * so that the caller still stops at once when interrupted (the Explorer's Stop button). The
 * abandoned step runs to its end in the background and its result is dropped; it holds no lock and
 * touches no state of the caller. When the JVM exits while such steps still run (abandoned, or with their caller
 * still waiting), it first waits for them (at most {@link #EXIT_WAIT_SECONDS}): the exit frees the native libraries'
 * buffers, and a LAPACK call still running on them crashed the JVM (SIGSEGV in OpenBLAS, an hs_err file) after the
 * Stop test of kernel GD's eigendecomposition, and when the JVM exited during one.
 */
public final class Abandonable {
  /** The longest the JVM's exit waits for running steps (an eigendecomposition at n = 4,000 takes about 50 s). */
  static final long EXIT_WAIT_SECONDS = 120;

  /** Helpers that have not ended yet. */
  private static final Set<Thread> RUNNING = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean EXIT_HOOK = new AtomicBoolean();

  private Abandonable() {}

  /**
   * Runs {@code work} and returns its result.
   *
   * @throws InterruptedException if the calling thread is interrupted before the work ends
   */
  public static <T> T call(String name, Callable<T> work) throws InterruptedException {
    Checks.checkInterrupted();
    FutureTask<T> task = new FutureTask<>(work);
    Thread helper = new Thread(() -> {
      try {
        task.run();
      } finally {
        RUNNING.remove(Thread.currentThread());
      }
    }, "overparam: " + name);
    helper.setDaemon(true);
    awaitedAtExit();
    RUNNING.add(helper);
    helper.start();
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // keep the flag for the caller, as checkInterrupted does
      throw new InterruptedException("training interrupted (" + name + " abandoned; it ends in the background)");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(name + " failed", cause);
    }
  }

  /** At the first step, asks the JVM's exit to wait for the running ones. */
  private static void awaitedAtExit() {
    if (EXIT_HOOK.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitRunning(TimeUnit.SECONDS.toNanos(
            EXIT_WAIT_SECONDS)), "overparam: running steps before exit"));
      } catch (SecurityException | IllegalStateException e) {
        // not permitted here (a restrictive security policy), or the JVM is already exiting: nothing to wait from
      }
    }
  }

  /**
   * Waits until every helper has ended, or {@code nanos} have passed; true if none is left running.
   * Returns early, with the interrupt flag set, if interrupted.
   */
  static boolean awaitRunning(long nanos) {
    long end = System.nanoTime() + nanos;
    for (Thread t : RUNNING) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return RUNNING.stream().noneMatch(Thread::isAlive);
  }
}
