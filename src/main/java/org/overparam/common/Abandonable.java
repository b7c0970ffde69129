// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs a long step that cannot poll for interrupts itself (a native LAPACK call) on a helper thread,
 * so that the caller still stops at once when interrupted (the Explorer's Stop button). The
 * abandoned step runs to its end in the background and its result is dropped; it holds no lock and
 * touches no state of the caller.
 */
public final class Abandonable {
  private Abandonable() {}

  /**
   * Runs {@code work} and returns its result.
   *
   * @throws InterruptedException if the calling thread is interrupted before the work ends
   */
  public static <T> T call(String name, Callable<T> work) throws InterruptedException {
    Checks.checkInterrupted();
    FutureTask<T> task = new FutureTask<>(work);
    Thread helper = new Thread(task, "overparam: " + name);
    helper.setDaemon(true);
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
}
