// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;
import java.util.*;
import org.overparam.common.Seeds;
import org.overparam.gmm.*;
/**
 * Thread CPU ms (and wall ms) per EM iteration of ours alone on {@link EmBenchmark}'s data and start (fit time /
 * (iterations + 1), the +1 being the final E-step), median and minimum of several fits after one warm-up; for comparing two builds of
 * the E-step by alternating processes (put the other build's classes first on the class path).
 * Usage: EmStepTiming DIAG|FULL|... fits iterations.
 */
public final class EmStepTiming {
  private EmStepTiming() {}

  public static void main(String[] a) throws Exception {
    String type = a[0]; int reps = Integer.parseInt(a[1]); int iters = Integer.parseInt(a[2]);
    int N=100000,D=10,K=5;
    double[][] x = EmBenchmark.data(N, D, K, 42);
    double[][] means = new double[K][];
    SplittableRandom r = Seeds.stream(42, "bench/init");
    for (int j = 0; j < K; j++) means[j] = x[r.nextInt(N)].clone();
    double[] var = new double[D]; double[] m = new double[D];
    for (double[] row : x) for (int q = 0; q < D; q++) m[q] += row[q] / N;
    for (double[] row : x) for (int q = 0; q < D; q++) var[q] += (row[q]-m[q])*(row[q]-m[q]) / N;
    double[][] vars = new double[K][]; Arrays.fill(vars, var);
    MixtureData data = MixtureData.of(x);
    GmmConfig.Builder b = GmmConfig.builder().numComponents(K).covariance(CovarianceType.valueOf(type)).initialisation(Initialisation.USER)
        .initMeans(means).initVariances(vars).regCovar(1e-6).tolerance(0).numThreads(1);
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    double[] t = new double[reps]; double[] wall = new double[reps]; double ll = 0;
    new GaussianMixtureEm(b.maxIterations(iters).build()).fit(data);
    for (int i = 0; i < reps; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      GaussianMixture g = new GaussianMixtureEm(b.maxIterations(iters).build()).fit(data);
      t[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / (iters + 1);
      wall[i] = (System.nanoTime() - w0) / 1e6 / (iters + 1);
      ll = g.summary().logLikelihood();
    }
    Arrays.sort(t); Arrays.sort(wall);
    System.out.printf(Locale.ROOT, "%s cpu ms/E-step+M-step median %.3f min %.3f  wall median %.3f min %.3f  ll %s%n", type,
        t[reps/2], t[0], wall[reps/2], wall[0], Double.toString(ll));
  }
}
