// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** An interrupted caller returns at once; the work it abandoned is what the JVM's exit waits for. */
class AbandonableTest {
  @Test
  void aResultComesBackAsIs() throws Exception {
    assertEquals(42, Abandonable.call("answer", () -> 42));
  }

  @Test
  void anInterruptedCallerReturnsAtOnceAndTheExitWaitsForTheWork() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        Abandonable.call("blocked step", () -> {
          started.countDown();
          release.await(); // stands for a native call that cannot poll for interrupts
          return null;
        });
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    caller.start();
    assertTrue(started.await(10, TimeUnit.SECONDS));
    caller.interrupt();
    caller.join(5000);
    assertFalse(caller.isAlive(), "the caller must return at once");
    assertInstanceOf(InterruptedException.class, thrown.get());

    assertFalse(Abandonable.awaitRunning(TimeUnit.MILLISECONDS.toNanos(200)), "the step is still running");
    release.countDown();
    assertTrue(Abandonable.awaitRunning(TimeUnit.SECONDS.toNanos(10)), "the wait ends when the step ends");
  }
}
