// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.io.DataInputStream;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.TrainingSet;

/**
 * Peak memory of one training run on the raw file the PyTorch reference reads (EngineBenchmark's
 * {@code W2.bin}), so both sides hold the same data: no ARFF parsing, no Weka {@code Instances}.
 * Prints the peak RSS after reading the data, after setting up the network and after training, and
 * the Java heap's peak committed and used sizes (the rest of the RSS is the JVM itself and native
 * memory: ND4J's buffers, OpenBLAS, the libraries' code).
 * Usage: MemoryBenchmark &lt;data.bin&gt; &lt;hidden, e.g. 2048,2048&gt; &lt;sparsity&gt; &lt;DENSE|SPARSE&gt; &lt;epochs&gt;,
 * or MemoryBenchmark --write &lt;data.arff[.gz]&gt; &lt;data.bin&gt; to write the raw file from Fashion-MNIST's ARFF.
 */
public final class MemoryBenchmark {
  private MemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--write")) {
      EngineBenchmark.write(EngineBenchmark.fashion(args[1]), new java.io.File(args[2]));
      return;
    }
    TrainingSet data = read(args[0]);
    int[] hidden = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
    double sparsity = Double.parseDouble(args[2]);
    ExecutionMode mode = ExecutionMode.valueOf(args[3]);
    int epochs = Integer.parseInt(args[4]);
    long afterData = EngineBenchmark.peakRssMb();
    NetworkTrainer t = EngineBenchmark.trainer(data, hidden, epochs, sparsity, mode);
    long afterInit = EngineBenchmark.peakRssMb();
    long heapCommitted = 0;
    long heapUsed = 0;
    boolean more = true;
    while (more) {
      more = t.nextEpoch();
      var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      heapCommitted = Math.max(heapCommitted, heap.getCommitted());
      heapUsed = Math.max(heapUsed, heap.getUsed());
    }
    String name = sparsity == 0 ? "ours dense" : String.format("ours %.0f%% %s", sparsity * 100,
        mode.name().toLowerCase());
    System.out.printf("%-20s peak RSS MB: data %5d, network %5d, trained %5d; heap MB peak committed %5d, used %5d;"
        + " training accuracy %.4f%n", name, afterData, afterInit, EngineBenchmark.peakRssMb(), heapCommitted >> 20,
        heapUsed >> 20, t.lastMetrics().get("accuracy/training"));
  }

  /** The format EngineBenchmark.write writes: n, d, C as int32, n*d float32 inputs, n int32 labels. */
  static TrainingSet read(String path) throws Exception {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(path), 1 << 20))) {
      ByteBuffer head = ByteBuffer.wrap(in.readNBytes(12)).order(ByteOrder.LITTLE_ENDIAN);
      int n = head.getInt();
      int d = head.getInt();
      int c = head.getInt();
      float[][] x = new float[n][d];
      ByteBuffer row = ByteBuffer.allocate(4 * d).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] r : x) {
        in.readFully(row.array());
        row.rewind().asFloatBuffer().get(r);
      }
      int[] y = new int[n];
      ByteBuffer labels = ByteBuffer.wrap(in.readNBytes(4 * n)).order(ByteOrder.LITTLE_ENDIAN);
      labels.asIntBuffer().get(y);
      double[] w = new double[n];
      Arrays.fill(w, 1);
      return new TrainingSet(x, y, w, c);
    }
  }
}
