// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Rewiring a sparse layer: hand-checked on a 3 x 2 matrix. */
class SparseLayerTest {
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
    layer.rewire(new int[] {2}, new int[] {3, 5}, w, new boolean[] {false, false, false, false, true, false});
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
    layer.rewire(new int[] {0, 3}, new int[] {0, 1}, new double[] {5, 6, 0, 0, 3, 8}, new boolean[6]);
    assertArrayEquals(new int[] {0, 2, 4}, layer.colStart);
    assertArrayEquals(new int[] {0, 1, 1, 2}, layer.row);
    assertArrayEquals(new float[] {5, 6, 3, 8}, layer.value);
    assertArrayEquals(new float[] {10, 0, 0, 0}, layer.state[0]);
  }
}
