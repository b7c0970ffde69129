// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nd4j.Dl4jRuntime;
import weka.classifiers.functions.OverparameterizedKernelGD;
import weka.core.Instances;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.Standardize;
import weka.filters.unsupervised.instance.Resample;

/**
 * Scale of OverparameterizedKernelGD on cps1988-wage: (a) the eigendecomposition alone, Commons
 * Math against ND4J, on the RBF kernel matrix of n rows; (b) full training (default options:
 * validation stopping, D = 1) against n, exact up to 4000 rows and random features above, with the
 * peak heap and peak resident memory sampled during each fit. One run per cell.
 *
 * <p>Usage: {@code KgdScaleBench <cps1988-wage.arff.gz> <eigen|train> <n,n,...> [commons max n]}.
 */
public final class KgdScaleBench {
  private KgdScaleBench() {}

  public static void main(String[] args) throws Exception {
    Instances all = KgdRegressionBench.read(new File(args[0]));
    String mode = args[1];
    String[] sizes = args[2].split(",");
    int commonsMax = args.length > 3 && !mode.equals("exact") ? Integer.parseInt(args[3]) : 4000;
    System.out.printf(Locale.ROOT, "threads (overparam.threads) = %d, OPENBLAS_CORETYPE = %s, max heap = %d MiB%n",
        Dl4jRuntime.configuredThreads(), System.getenv("OPENBLAS_CORETYPE"),
        Runtime.getRuntime().maxMemory() >> 20);
    // Warm-up: ND4J's first call loads its natives and backend (seconds), which is not eigen time.
    Dl4jRuntime.call(() -> Eigen.symmetricGeneralizedEigenvalues(Nd4j.eye(50).castTo(
        org.nd4j.linalg.api.buffer.DataType.DOUBLE), true));
    for (String size : sizes) {
      int n = Math.min(Integer.parseInt(size.trim()), all.numInstances());
      Instances data = sample(all, n);
      if (mode.equals("eigen")) {
        eigen(data, n, commonsMax);
      } else if (mode.equals("exact")) {
        exact(data, n, new File(args[3]));
      } else {
        train(data, n);
      }
    }
  }

  private static void eigen(Instances data, int n, int commonsMax) throws Exception {
    double[][] k = rbfKernel(data);
    long t0 = System.nanoTime();
    double[] nd4jValues = Dl4jRuntime.call(() -> {
      INDArray a = Nd4j.create(k);
      return Eigen.symmetricGeneralizedEigenvalues(a, true).toDoubleVector();
    });
    double nd4jSeconds = (System.nanoTime() - t0) / 1e9;
    String commons = "skipped";
    if (n <= commonsMax) {
      long t1 = System.nanoTime();
      double[] values = new EigenDecomposition(new Array2DRowRealMatrix(k, false)).getRealEigenvalues();
      commons = String.format(Locale.ROOT, "%.2f s (top eigenvalue %.6g vs ND4J %.6g)",
          (System.nanoTime() - t1) / 1e9, values[0], nd4jValues[nd4jValues.length - 1]);
    }
    System.out.printf(Locale.ROOT, "eigen n = %5d: ND4J %.2f s, Commons Math %s%n", n, nd4jSeconds, commons);
  }

  /**
   * The whole exact fit with one eigendecomposition ({@code -stop FIXED}), median of three; writes
   * the kernel's input rows to {@code dir/exact-n.csv} for numpy's {@code eigh} of the same matrix
   * (kgd_numpy_eigh.py).
   */
  private static void exact(Instances data, int n, File dir) throws Exception {
    double[] seconds = new double[3];
    for (int r = 0; r < seconds.length; r++) {
      OverparameterizedKernelGD learner = new OverparameterizedKernelGD();
      learner.setOptions(new String[] {"-features", "EXACT_EIGEN", "-stop", "FIXED", "-time", "10"});
      long t0 = System.nanoTime();
      learner.buildClassifier(data);
      seconds[r] = (System.nanoTime() - t0) / 1e9;
    }
    java.util.Arrays.sort(seconds);
    System.out.printf(Locale.ROOT, "exact fit n = %5d (one eigendecomposition): %.2f s (median of 3: %.2f, %.2f, %.2f)%n",
        n, seconds[1], seconds[0], seconds[1], seconds[2]);
    double[][] x = standardisedRows(data);
    StringBuilder csv = new StringBuilder();
    for (double[] row : x) {
      for (int m = 0; m < row.length; m++) {
        csv.append(m > 0 ? "," : "").append(row[m]);
      }
      csv.append('\n');
    }
    Files.writeString(dir.toPath().resolve("exact-" + n + ".csv"), csv);
  }

  private static void train(Instances data, int n) throws Exception {
    OverparameterizedKernelGD learner = new OverparameterizedKernelGD();
    System.gc();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    AtomicLong heapPeak = new AtomicLong(heapBefore);
    AtomicLong rssPeak = new AtomicLong(rss());
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        rssPeak.accumulateAndGet(rss(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    long t0 = System.nanoTime();
    learner.buildClassifier(data);
    double seconds = (System.nanoTime() - t0) / 1e9;
    sampler.interrupt();
    sampler.join();
    long t1 = System.nanoTime();
    for (int i = 0; i < Math.min(1000, data.numInstances()); i++) {
      learner.classifyInstance(data.instance(i));
    }
    double predictMicros = (System.nanoTime() - t1) / 1e3 / Math.min(1000, data.numInstances());
    System.out.printf(Locale.ROOT,
        "train n = %5d: %-40s %7.2f s, peak heap +%5d MiB, peak RSS %5d MiB, t = %.4g, %.0f us/prediction%n", n,
        learner.getModel().summary().basis().replaceAll(" \\(.*", "").replaceAll(", .*", ""), seconds,
        (heapPeak.get() - heapBefore) >> 20, rssPeak.get() >> 20, learner.getModel().summary().time(),
        predictMicros);
  }

  /** Resident set size of this process (Linux), 0 elsewhere. */
  private static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (Exception e) {
      return 0;
    }
    return 0;
  }

  private static Instances sample(Instances all, int n) throws Exception {
    if (n >= all.numInstances()) {
      return all;
    }
    Resample resample = new Resample();
    resample.setNoReplacement(true);
    resample.setSampleSizePercent(100.0 * n / all.numInstances());
    resample.setRandomSeed(1);
    resample.setInputFormat(all);
    return Filter.useFilter(all, resample);
  }

  /** The kernel matrix: NominalToBinary, Standardize, RBF with gamma = 1/d'. */
  private static double[][] rbfKernel(Instances data) throws Exception {
    double[][] x = standardisedRows(data);
    int d = x[0].length;
    double gamma = 1.0 / d;
    double[][] k = new double[x.length][x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int m = 0; m < d; m++) {
          double diff = x[i][m] - x[j][m];
          s += diff * diff;
        }
        k[i][j] = Math.exp(-gamma * s);
        k[j][i] = k[i][j];
      }
    }
    return k;
  }

  /** The attributes after NominalToBinary and Standardize, class removed. */
  private static double[][] standardisedRows(Instances data) throws Exception {
    NominalToBinary n2b = new NominalToBinary();
    n2b.setInputFormat(data);
    Instances encoded = Filter.useFilter(data, n2b);
    Standardize standardize = new Standardize();
    standardize.setInputFormat(encoded);
    encoded = Filter.useFilter(encoded, standardize);
    int d = encoded.numAttributes() - 1;
    double[][] x = new double[encoded.numInstances()][d];
    for (int i = 0; i < x.length; i++) {
      int c = 0;
      for (int a = 0; a < encoded.numAttributes(); a++) {
        if (a != encoded.classIndex()) {
          x[i][c++] = encoded.instance(i).value(a);
        }
      }
    }
    return x;
  }
}
