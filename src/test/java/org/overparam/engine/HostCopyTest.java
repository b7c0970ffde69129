package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
}
