// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nd4j.Dl4jRuntime;

/** Saving and restoring a network's parameters: the saved bits back, sparse or dense, in memory reused. */
class ParameterSnapshotTest {
  /** Parameters of which about {@code density} are other than +0.0, some of those -0.0; over two chunks. */
  private static float[] params(SplittableRandom rng, int n, double density) {
    float[] p = new float[n];
    for (int i = 0; i < n; i++) {
      if (rng.nextDouble() < density) {
        p[i] = rng.nextInt(10) == 0 ? -0.0f : (float) rng.nextGaussian();
      }
    }
    return p;
  }

  private static int[] bits(INDArray a) {
    float[] f = a.data().asFloat();
    int[] b = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      b[i] = Float.floatToRawIntBits(f[i]);
    }
    return b;
  }

  @Test
  void aSparseNetworkIsKeptSparseAndRestoredBitForBit() {
    Dl4jRuntime.run(() -> {
      SplittableRandom rng = new SplittableRandom(1);
      int n = 150_001; // three chunks, the last partial
      INDArray net = Nd4j.createFromArray(params(rng, n, 0.1));
      int[] saved = bits(net);
      ParameterSnapshot snapshot = new ParameterSnapshot().save(net);
      assertTrue(snapshot.sparse(), "a tenth of the values: kept as positions and values");
      net.assign(3f);
      snapshot.restoreInto(net);
      assertArrayEquals(saved, bits(net), "the saved bits, -0.0 included, and +0.0 elsewhere");
      assertThrows(IllegalArgumentException.class, () -> snapshot.restoreInto(Nd4j.create(DataType.FLOAT, 10)));
    });
  }

  @Test
  void aDenseNetworkIsCopiedAndSavesReuseTheirMemory() {
    Dl4jRuntime.run(() -> {
      SplittableRandom rng = new SplittableRandom(2);
      int n = 70_000;
      INDArray net = Nd4j.createFromArray(params(rng, n, 0.9));
      ParameterSnapshot snapshot = new ParameterSnapshot().save(net);
      assertFalse(snapshot.sparse(), "nine tenths of the values: a dense copy");
      int[] saved = bits(net);
      net.assign(0f);
      snapshot.restoreInto(net);
      assertArrayEquals(saved, bits(net));

      // sparse, then sparse again with as many values: the same arrays; dense and back: the values still exact
      INDArray sparse = Nd4j.createFromArray(params(rng, n, 0.2));
      assertSame(snapshot, snapshot.save(sparse));
      assertTrue(snapshot.sparse());
      Object[] arrays = snapshot.sparseArrays();
      snapshot.save(sparse.mul(2));
      assertArrayEquals(arrays, snapshot.sparseArrays(), "no new arrays for a save of as many values");
      int[] doubled = bits(sparse.mul(2));
      snapshot.restoreInto(net);
      assertArrayEquals(doubled, bits(net));
      snapshot.save(Nd4j.createFromArray(params(rng, n, 0.9)));
      assertFalse(snapshot.sparse());
      snapshot.save(sparse);
      snapshot.restoreInto(net);
      assertArrayEquals(bits(sparse), bits(net));
    });
  }

  @Test
  void doublePrecisionIsCopiedDense() {
    Dl4jRuntime.run(() -> {
      INDArray net = Nd4j.createFromArray(new double[] {0, 0, 0, 1.5, 0, 0});
      ParameterSnapshot snapshot = new ParameterSnapshot().save(net);
      assertFalse(snapshot.sparse());
      net.assign(7);
      snapshot.restoreInto(net);
      assertEquals(1.5, net.getDouble(3));
      assertEquals(0, net.getDouble(0));
    });
  }

  /** Values handed over in ascending positions make the snapshot of the array they form; anything else throws. */
  @Test
  void valuesHandedOverMakeTheSameSnapshot() {
    Dl4jRuntime.run(() -> {
      float[] values = params(new SplittableRandom(3), 70_001, 0.2);
      INDArray net = Nd4j.createFromArray(values);
      int stored = 0;
      for (float v : values) {
        stored += Float.floatToRawIntBits(v) != 0 ? 1 : 0;
      }
      ParameterSnapshot snapshot = new ParameterSnapshot().saveSparse(values.length, stored + 5, w -> {
        for (int i = 0; i < values.length; i++) {
          if (i % 3 != 0 || Float.floatToRawIntBits(values[i]) != 0) { // +0.0 handed over or not: the same
            w.put(i, values[i]);
          }
        }
      });
      assertTrue(snapshot.sparse());
      net.assign(3f);
      snapshot.restoreInto(net);
      assertArrayEquals(bits(Nd4j.createFromArray(values)), bits(net));
      assertThrows(IllegalStateException.class, () -> snapshot.saveSparse(10, 3, w -> {
        w.put(4, 1f);
        w.put(2, 1f);
      }));
      assertThrows(IllegalStateException.class, () -> snapshot.saveSparse(10, 1, w -> {
        w.put(1, 1f);
        w.put(2, 1f);
      }));
      assertThrows(IllegalArgumentException.class, () -> snapshot.saveSparse(10, 6, w -> { }));
    });
  }
}
