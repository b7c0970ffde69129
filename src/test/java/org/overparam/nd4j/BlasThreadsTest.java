// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The per-work thread count: the automatic choice, bad values, and leases that never mix two counts. */
class BlasThreadsTest {
  @Test
  void automaticFollowsTheNetworkSizeAndTheCores() {
    assertEquals(1, BlasThreads.resolve(BlasThreads.AUTO, BlasThreads.AUTO_MIN_WEIGHTS - 1));
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(Math.min(cores, BlasThreads.MAX_AUTO), BlasThreads.resolve(BlasThreads.AUTO, 5_800_000));
    assertEquals(3, BlasThreads.resolve(3, 10));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlasThreads.resolve(-1, 10));
    assertTrue(e.getMessage().contains("-num-threads must be >= 1, or 0 for automatic"), e.getMessage());
    assertTrue(e.getMessage().contains("got -1"), e.getMessage());
  }

  @Test
  void aLeaseSetsItsCountAndNestedLeasesKeepTheOuterOne() {
    int inner = Dl4jRuntime.call(2, () -> {
      assertEquals(2, BlasThreads.applied());
      return Dl4jRuntime.call(1, BlasThreads::applied);
    });
    assertEquals(2, inner);
    assertEquals(1, (int) Dl4jRuntime.call(1, BlasThreads::applied));
    assertThrows(IllegalArgumentException.class, () -> Dl4jRuntime.call(0, () -> 0));
  }

  /**
   * The networks' leases keep OpenBLAS on one thread and let the engine split its products; kernel GD's leases
   * give OpenBLAS the count itself. Two such leases of one count are different settings: one waits for the other.
   */
  @Test
  void networkLeasesSplitProductsAndOtherLeasesUseOpenBlasThreads() throws Exception {
    assertEquals(1, BlasThreads.productThreads(), "no lease held");
    Dl4jRuntime.run(2, () -> {
      assertEquals(2, BlasThreads.productThreads());
      assertEquals(2, BlasThreads.applied());
      assertEquals(1, BlasThreads.appliedOpenBlas());
      assertEquals(1, Nd4j.factory().blas().getMaxThreads());
    });
    Dl4jRuntime.callOpenBlasThreads(2, () -> {
      assertEquals(1, BlasThreads.productThreads());
      assertEquals(2, BlasThreads.appliedOpenBlas());
      assertEquals(2, Nd4j.factory().blas().getMaxThreads());
      return null;
    });
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      AtomicBoolean otherRan = new AtomicBoolean();
      Future<Integer> other = Dl4jRuntime.callOpenBlasThreads(2, () -> {
        Future<Integer> f = pool.submit(() -> Dl4jRuntime.call(2, () -> {
          otherRan.set(true);
          return BlasThreads.appliedOpenBlas();
        }));
        Thread.sleep(200);
        assertFalse(otherRan.get(), "a network lease ran while OpenBLAS had 2 threads of its own");
        return f;
      });
      assertEquals(1, other.get(30, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anotherCountWaitsAndTheSameCountShares() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch letGo = new CountDownLatch(1);
      Future<?> holder = pool.submit(() -> {
        Dl4jRuntime.run(2, () -> {
          holding.countDown();
          assertTrue(letGo.await(30, TimeUnit.SECONDS));
        });
        return null;
      });
      assertTrue(holding.await(30, TimeUnit.SECONDS));
      AtomicBoolean otherRan = new AtomicBoolean();
      Future<Integer> other = pool.submit(() -> Dl4jRuntime.call(1, () -> {
        otherRan.set(true);
        return BlasThreads.applied();
      }));
      Thread.sleep(200);
      assertFalse(otherRan.get(), "a lease for 1 thread ran while one for 2 was held");
      letGo.countDown();
      holder.get(30, TimeUnit.SECONDS);
      assertEquals(1, other.get(30, TimeUnit.SECONDS));

      CountDownLatch both = new CountDownLatch(2);
      Future<?>[] same = new Future<?>[2];
      for (int i = 0; i < 2; i++) {
        same[i] = pool.submit(() -> {
          Dl4jRuntime.run(2, () -> {
            both.countDown();
            assertTrue(both.await(30, TimeUnit.SECONDS), "two leases for 2 threads did not run side by side");
          });
          return null;
        });
      }
      for (Future<?> f : same) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
