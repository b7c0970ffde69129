// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nd4j.Dl4jRuntime;

/** The host-memory routes against ND4J's own (the route a GPU backend takes), on the same inputs. */
class HostCopyTest {
  @Test
  void hostAndNd4jRoutesAgree() {
    Dl4jRuntime.run(() -> {
      float[][] x = {{1, -2, 3}, {-4, 5, -6}, {7, 8, -9}, {0, -0.5f, 0.5f}};
      int[] rows = {3, 0, 2};
      INDArray g1 = Nd4j.create(DataType.FLOAT, 3, 3);
      INDArray g2 = Nd4j.create(DataType.FLOAT, 3, 3);
      HostCopy.gatherRows(x, rows, g1, true);
      HostCopy.gatherRows(x, rows, g2, false);
      assertArrayEquals(new float[] {0, -0.5f, 0.5f, 1, -2, 3, 7, 8, -9}, g1.data().asFloat());
      assertArrayEquals(g1.data().asFloat(), g2.data().asFloat());

      float[] read1 = new float[9];
      float[] read2 = new float[9];
      HostCopy.readBuffer(g1.data(), read1, 9, true);
      HostCopy.readBuffer(g1.data(), read2, 9, false);
      assertArrayEquals(read1, read2);

      INDArray a1 = Nd4j.create(DataType.FLOAT, 3, 3);
      INDArray a2 = Nd4j.create(DataType.FLOAT, 3, 3);
      HostCopy.relu(g1, a1, true);
      HostCopy.relu(g1, a2, false);
      assertArrayEquals(new float[] {0, 0, 0.5f, 1, 0, 3, 7, 8, 0}, a1.data().asFloat());
      assertArrayEquals(a1.data().asFloat(), a2.data().asFloat());

      INDArray d1 = Nd4j.create(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
      INDArray d2 = d1.dup();
      HostCopy.reluBackward(a1.dup(), d1, true);
      HostCopy.reluBackward(a2.dup(), d2, false);
      assertArrayEquals(new float[] {0, 0, 3, 4, 0, 6, 7, 8, 0}, d1.data().asFloat());
      assertArrayEquals(d1.data().asFloat(), d2.data().asFloat());
    });
  }

  /** The bias is read where it lies, as a view inside a layer's parameters, and added to every row before the ReLU. */
  @Test
  void biasReluAddsABiasViewToEveryRow() {
    Dl4jRuntime.run(() -> {
      INDArray z = Nd4j.create(new float[][] {{0, -0.5f, 0.5f}, {1, -2, 3}, {7, 8, -9}});
      INDArray params = Nd4j.create(new float[] {9, 9, 9, 0.5f, -1, 2, 9}, new long[] {1, 7}, DataType.FLOAT);
      INDArray bias = params.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
          org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6)).reshape(1, 3);
      INDArray a = Nd4j.create(DataType.FLOAT, 3, 3);
      HostCopy.biasRelu(z, bias, a);
      assertArrayEquals(new float[] {0.5f, 0, 2.5f, 1.5f, 0, 5, 7.5f, 7, 0}, a.data().asFloat());
      assertArrayEquals(new float[] {0, -0.5f, 0.5f, 1, -2, 3, 7, 8, -9}, z.data().asFloat(), "z is left as it was");
      assertThrows(IllegalArgumentException.class, () -> HostCopy.biasRelu(z, Nd4j.ones(DataType.FLOAT, 1, 2), a));
    });
  }

  /** Raw copies count elements of the type they write: a buffer of another type is refused, not overrun. */
  @Test
  void refusesBuffersOfAnotherType() {
    Dl4jRuntime.run(() -> {
      float[][] x = {{1, 2}, {3, 4}};
      INDArray half = Nd4j.create(DataType.HALF, 2, 2);
      assertThrows(IllegalArgumentException.class, () -> HostCopy.gatherRows(x, new int[] {0, 1}, half, true));
      INDArray doubles = Nd4j.create(DataType.DOUBLE, 2, 2);
      assertThrows(IllegalArgumentException.class, () -> HostCopy.readBuffer(doubles.data(), new float[4], 4, true));
      assertThrows(IllegalArgumentException.class, () -> HostCopy.relu(doubles, doubles, true));
    });
  }

  /** Buffers cached from step to step are never placed in a caller's workspace, whose memory is reused. */
  @Test
  void cachedBuffersLiveOutsideAnOpenWorkspace() {
    Dl4jRuntime.run(() -> {
      org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration ws =
          org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration.builder().initialSize(1 << 20).build();
      try (var open = Nd4j.getWorkspaceManager().getAndActivateWorkspace(ws, "caller")) {
        INDArray inside = Nd4j.create(DataType.FLOAT, 2, 2);
        INDArray cached = OutsideWorkspaces.allocate(() -> Nd4j.create(DataType.FLOAT, 2, 2));
        assertTrue(inside.isAttached(), "the check itself: an array made here is in the workspace");
        assertTrue(!cached.isAttached(), "a cached buffer must not be");
      }
    });
  }
}
