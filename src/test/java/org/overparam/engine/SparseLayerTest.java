// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rewiring a sparse layer: hand-checked on a 3 x 2 matrix, and random changes against a dense reference. */
class SparseLayerTest {
  private static final KernelPool ONE = KernelPool.shared(1);

  @Test
  void rewireKeepsStateOfStayingConnectionsOnly() {
    // column-major [3, 2]: j = i + 3 o; active (0,0), (2,0), (1,1)
    boolean[] active = {true, false, true, false, true, false};
    float[] dense = {1, 0, 2, 0, 3, 0};
    SparseLayer layer = new SparseLayer(3, 2, active, dense, new float[] {0.5f, -0.5f}, 1);
    assertArrayEquals(new int[] {0, 2, 3}, layer.colStart);
    assertArrayEquals(new int[] {0, 2, 1}, layer.row);
    layer.state[0][0] = 10; // (0,0)
    layer.state[0][1] = 20; // (2,0)
    layer.state[0][2] = 30; // (1,1)

    // prune (2,0) = j 2; grow (0,1) = j 3 and (2,1) = j 5; reset (1,1) = j 4 although it stays
    double[] w = {1, 0, 0, 7, 3, 8};
    layer.rewire(new int[] {2}, new int[] {3, 5}, w, new boolean[] {false, false, false, false, true, false},
        ONE);
    assertArrayEquals(new int[] {0, 1, 4}, layer.colStart);
    assertArrayEquals(new int[] {0, 0, 1, 2}, layer.row);
    assertArrayEquals(new float[] {1, 7, 3, 8}, layer.value);
    assertArrayEquals(new float[] {10, 0, 0, 0}, layer.state[0], "kept (0,0); new or reset entries start at 0");
    // rows: 0 -> (0,0) k0, (0,1) k1; 1 -> (1,1) k2; 2 -> (2,1) k3
    assertArrayEquals(new int[] {0, 2, 3, 4}, layer.rowStart);
    assertArrayEquals(new int[] {0, 1, 1, 1}, layer.rowCol);
    assertArrayEquals(new int[] {0, 1, 2, 3}, layer.rowPerm);
    assertArrayEquals(new double[] {1, 0, 0, 7, 3, 8}, layer.denseWeights());

    float[] flat = new float[8];
    layer.writeDense(flat, 0);
    assertArrayEquals(new float[] {1, 0, 0, 7, 3, 8, 0.5f, -0.5f}, flat);
    flat[0] = 4; // an active weight changes; inactive positions are ignored on reading
    flat[1] = 9;
    layer.readDense(flat, 0);
    assertEquals(4, layer.value[0]);
    assertEquals(4, layer.nonzeros());

    // (0,0) = j 0 pruned and regrown in the same update keeps its state (no reset); (0,1) = j 3 leaves;
    // (1,0) = j 1 joins, first in its column
    layer.state[0][1] = 70; // (0,1)
    layer.rewire(new int[] {0, 3}, new int[] {0, 1}, new double[] {5, 6, 0, 0, 3, 8}, new boolean[6], ONE);
    assertArrayEquals(new int[] {0, 2, 4}, layer.colStart);
    assertArrayEquals(new int[] {0, 1, 1, 2}, layer.row);
    assertArrayEquals(new float[] {5, 6, 3, 8}, layer.value);
    assertArrayEquals(new float[] {10, 0, 0, 0}, layer.state[0]);
  }

  @Test
  void rewireMatchesADenseReference() {
    int nIn = 7;
    int nOut = 5;
    int n = nIn * nOut;
    SplittableRandom rng = new SplittableRandom(3);
    boolean[] active = new boolean[n];
    float[] w = new float[n]; // the reference: dense weights and state, zero where inactive
    float[][] st = new float[2][n];
    for (int j = 0; j < n; j++) {
      active[j] = rng.nextInt(3) == 0;
      w[j] = active[j] ? rng.nextInt(1, 100) : 0;
    }
    SparseLayer layer = new SparseLayer(nIn, nOut, active, w, new float[nOut], 2);
    boolean keptCount = false; // whether the last rewire kept the count
    float[] stateTwoBack = null;
    for (int round = 0; round < 300; round++) {
      for (int s = 0; s < 2; s++) { // fresh state values to follow
        for (int o = 0; o < nOut; o++) {
          for (int k = layer.colStart[o]; k < layer.colStart[o + 1]; k++) {
            layer.state[s][k] = st[s][layer.row[k] + o * nIn] = rng.nextInt(1, 1000);
          }
        }
      }
      int[] on = IntStream.range(0, n).filter(j -> active[j]).toArray();
      int[] pruned = IntStream.of(on).filter(j -> rng.nextInt(3) == 0).toArray();
      int[] candidates = IntStream.range(0, n).filter(j -> !active[j] || Arrays.binarySearch(pruned, j) >= 0)
          .toArray();
      // mostly as many grown as pruned (the arrays are reused), sometimes one more or one fewer
      int want = Math.max(0, Math.min(candidates.length, pruned.length + (round % 5 == 0 ? round % 3 - 1 : 0)));
      int[] grown = IntStream.of(candidates).filter(j -> rng.nextInt(candidates.length) < want).toArray();
      double[] grownWeights = IntStream.range(0, grown.length).mapToDouble(i -> -rng.nextInt(1, 100)).toArray();
      boolean reinit = rng.nextBoolean();
      for (int j : pruned) {
        if (Arrays.binarySearch(grown, j) < 0) {
          active[j] = false;
          w[j] = st[0][j] = st[1][j] = 0;
        }
      }
      for (int i = 0; i < grown.length; i++) {
        int j = grown[i];
        if (!active[j] || reinit) {
          active[j] = true;
          w[j] = (float) grownWeights[i];
          st[0][j] = st[1][j] = 0;
        }
      }
      int[] rowColBefore = layer.rowCol;
      float[] gradBefore = layer.grad;
      float[] stateBefore = layer.state[1];
      layer.rewire(pruned, pruned.length, grown, grown.length, grownWeights, reinit, ONE);
      if (grown.length == pruned.length) { // no new arrays: the free ones take the new columns, the state alternates
        assertSame(rowColBefore, layer.row, "round " + round + ": arrays reused");
        assertSame(gradBefore, layer.value);
        if (keptCount) {
          assertSame(stateTwoBack, layer.state[1]);
        }
      }
      keptCount = grown.length == pruned.length;
      stateTwoBack = stateBefore;
      float[] got = new float[n + nOut];
      layer.writeDense(got, 0);
      assertArrayEquals(w, Arrays.copyOf(got, n), "round " + round);
      for (int s = 0; s < 2; s++) {
        double[] state = new double[n + nOut];
        layer.writeState(s, state, 0);
        for (int j = 0; j < n; j++) {
          assertEquals(st[s][j], state[j], "round " + round + ", state " + s + " at " + j);
        }
      }
      assertEquals(IntStream.range(0, n).filter(j -> active[j]).count(), layer.nonzeros());
      for (int r = 0; r < nIn; r++) { // the row index: row r's entries, columns ascending
        for (int t = layer.rowStart[r]; t < layer.rowStart[r + 1]; t++) {
          int k = layer.rowPerm[t];
          int o = layer.rowCol[t];
          assertTrue(layer.row[k] == r && layer.colStart[o] <= k && k < layer.colStart[o + 1]);
          assertTrue(t == layer.rowStart[r] || layer.rowCol[t - 1] < o);
        }
      }
    }
  }

  /**
   * A layer large enough to be rewired in ranges of columns on four threads gives the arrays of one thread's rewire,
   * bit for bit, through changes that keep the count and changes that do not.
   */
  @Test
  void rewireOnThreadsGivesTheArraysOfOneThread() {
    int nIn = 1024;
    int nOut = 1024;
    SplittableRandom rng = new SplittableRandom(5);
    boolean[] active = new boolean[nIn * nOut];
    float[] w = new float[active.length];
    for (int j = 0; j < active.length; j++) {
      active[j] = rng.nextInt(4) == 0;
      w[j] = active[j] ? (float) rng.nextGaussian() : 0;
    }
    SparseLayer one = new SparseLayer(nIn, nOut, active, w, new float[nOut], 2);
    SparseLayer four = new SparseLayer(nIn, nOut, active, w, new float[nOut], 2);
    KernelPool pool = KernelPool.shared(4);
    assertTrue(pool.cuts(four.colStart, nOut, 1).length > 3, "the test must cut the layer in ranges");
    for (int round = 0; round < 6; round++) {
      for (SparseLayer layer : new SparseLayer[] {one, four}) {
        for (int s = 0; s < 2; s++) {
          for (int k = 0; k < layer.nonzeros(); k++) {
            layer.state[s][k] = k * (s + 1) + round;
          }
        }
      }
      int[] on = IntStream.range(0, active.length).filter(j -> active[j]).toArray();
      int[] pruned = IntStream.of(on).filter(j -> rng.nextInt(10) == 0).toArray();
      int extra = round % 3 - 1; // one fewer, as many, one more grown than pruned
      int[] grown = IntStream.range(0, active.length)
          .filter(j -> !active[j] || Arrays.binarySearch(pruned, j) >= 0)
          .filter(j -> rng.nextInt(8) == 0).limit(pruned.length + extra).toArray();
      double[] grownWeights = rng.doubles(grown.length).toArray();
      boolean reinit = round % 2 == 0;
      one.rewire(pruned, pruned.length, grown, grown.length, grownWeights, reinit, ONE);
      four.rewire(pruned, pruned.length, grown, grown.length, grownWeights, reinit, pool);
      for (int j : pruned) {
        active[j] = false;
      }
      for (int j : grown) {
        active[j] = true;
      }
      String at = "round " + round;
      assertEquals(IntStream.range(0, active.length).filter(j -> active[j]).count(), four.nonzeros(), at);
      assertArrayEquals(one.colStart, four.colStart, at);
      assertArrayEquals(one.row, four.row, at);
      assertArrayEquals(one.value, four.value, at);
      assertArrayEquals(one.state[0], four.state[0], at);
      assertArrayEquals(one.state[1], four.state[1], at);
      assertArrayEquals(one.grad, four.grad, at);
      assertArrayEquals(one.rowStart, four.rowStart, at);
      assertArrayEquals(one.rowCol, four.rowCol, at);
      assertArrayEquals(one.rowPerm, four.rowPerm, at);
    }
  }

  /**
   * A change that does not fit the stored connections is refused, on one thread or several, and leaves the
   * connections, weights, state and row index as they were.
   */
  @Test
  void aChangeThatDoesNotFitChangesNothing() {
    boolean[] active = {true, false, true, false, true, false};
    SparseLayer layer = new SparseLayer(3, 2, active, new float[] {1, 0, 2, 0, 3, 0}, new float[2], 1);
    layer.state[0] = new float[] {4, 5, 6};
    int[] row = layer.row.clone();
    float[] value = layer.value.clone();
    float[] state = layer.state[0].clone();
    int[] rowStart = layer.rowStart.clone();
    int[] rowCol = layer.rowCol.clone();
    int[] rowPerm = layer.rowPerm.clone();
    // pruned: 1 is not stored; pruned twice; not ascending; grown: 2 is stored and not pruned, 3 twice, outside
    int[][][] changes = {
        {{1}, {3}}, {{0, 0}, {1, 3}}, {{4, 0}, {1, 3}}, {{0}, {2}}, {{0, 2}, {3, 3}}, {{0}, {6}}};
    String[] says = {"pruned connection 1 is not stored", "pruned connection 0 is not stored",
        "not ascending", "grown connection 2 is stored", "grown connection 3 repeated", "outside the 3 x 2 matrix"};
    for (KernelPool pool : new KernelPool[] {ONE, KernelPool.shared(2)}) {
      for (int c = 0; c < changes.length; c++) {
        int[] pruned = changes[c][0];
        int[] grown = changes[c][1];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> layer.rewire(pruned, pruned.length,
            grown, grown.length, new double[grown.length], false, pool));
        assertTrue(e.getMessage().contains(says[c]), e.getMessage());
        assertArrayEquals(row, layer.row);
        assertArrayEquals(value, layer.value);
        assertArrayEquals(state, layer.state[0]);
        assertArrayEquals(rowStart, layer.rowStart);
        assertArrayEquals(rowCol, layer.rowCol);
        assertArrayEquals(rowPerm, layer.rowPerm);
      }
    }
  }
}
