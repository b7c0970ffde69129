// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.overparam.common.Seeds;
import org.overparam.gmm.CovarianceType;
import org.overparam.gmm.GaussianMixtureEm;
import org.overparam.gmm.GmmConfig;
import org.overparam.gmm.Initialisation;
import org.overparam.gmm.MixtureData;
import weka.clusterers.EM;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * ms per EM iteration on 100,000 x 10 numeric rows, 5 components, a fixed start and 50 iterations:
 * ours (DIAG and FULL, 1 and 2 threads) against Weka's EM (diagonal by construction, 1 and 2 slots).
 *
 * <p>Per-iteration time = (T(50 iterations) - T(1 iteration)) / 49 with medians of several
 * repetitions after a warm-up, so initialisation and start-up costs cancel for every peer. Wall time
 * and, for single-threaded runs, the calling thread's CPU time (less sensitive to other load on the
 * machine) are both reported. The data,
 * the start and our final log-likelihoods are written to the output folder for
 * src/test/scripts/em_sklearn_benchmark.py. Usage: EmBenchmark [outDir] [repetitions] [--no-weka].
 */
public final class EmBenchmark {
  static final int N = 100_000;
  static final int D = 10;
  static final int K = 5;
  static final int ITERATIONS = 50;

  private EmBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/em-benchmark");
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    boolean withWeka = !(args.length > 2 && args[2].equals("--no-weka"));
    Files.createDirectories(out);
    double[][] x = data(N, D, K, 42);
    double[][] means = new double[K][];
    SplittableRandom r = Seeds.stream(42, "bench/init");
    for (int j = 0; j < K; j++) {
      means[j] = x[r.nextInt(N)].clone();
    }
    double[] var = columnVariances(x);
    double[][] vars = new double[K][];
    Arrays.fill(vars, var);
    write(out, x, means, var);
    MixtureData data = MixtureData.of(x);

    System.out.printf(Locale.ROOT, "EM benchmark: %d x %d, k=%d, %d iterations, fixed start; %d repetitions, "
        + "median; java %s, %d cores%n", N, D, K, ITERATIONS, reps, System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%-30s %10s %10s %18s %s%n", "peer", "wall ms/it", "CPU ms/it", "final loglik/inst",
        "  speed-up vs Weka EM 1 slot (wall; CPU)");
    StringBuilder results = new StringBuilder();
    double[] wekaOne = {Double.NaN, Double.NaN};
    Instances inst = toInstances(x);
    for (int slots = 1; withWeka && slots <= 2; slots++) {
      double[] t = wekaEm(inst, slots, reps);
      if (slots == 1) {
        wekaOne = t;
      }
      System.out.printf(Locale.ROOT, "%-30s %10.2f %10s %18.8f%n", "Weka EM (diagonal), " + slots + " slot(s)", t[0],
          slots == 1 ? String.format(Locale.ROOT, "%.2f", t[1]) : "-", t[2]);
    }
    for (CovarianceType type : new CovarianceType[] {CovarianceType.DIAG, CovarianceType.FULL}) {
      for (int threads = 1; threads <= 2; threads++) {
        GmmConfig.Builder b = GmmConfig.builder().numComponents(K).covariance(type).initialisation(Initialisation.USER)
            .initMeans(means).initVariances(vars).regCovar(1e-6).tolerance(0).numThreads(threads);
        double[] t = ours(b, data, reps);
        String name = "ours " + type + ", " + threads + " thread(s)";
        System.out.printf(Locale.ROOT, "%-30s %10.2f %10s %18.8f   %5.1fx%s%n", name, t[0],
            threads == 1 ? String.format(Locale.ROOT, "%.2f", t[1]) : "-", t[2], wekaOne[0] / t[0],
            threads == 1 ? String.format(Locale.ROOT, "; %.1fx", wekaOne[1] / t[1]) : "");
        results.append(type.name().toLowerCase(Locale.ROOT)).append(',').append(threads).append(',')
            .append(t[0]).append(',').append(Double.toString(t[2])).append('\n');
      }
    }
    Files.writeString(out.resolve("java-results.csv"), results.toString());
  }

  /** A fit of a given number of iterations that returns the final mean log-likelihood. */
  @FunctionalInterface
  interface Fit {
    double run(int iterations) throws Exception;
  }

  /**
   * {wall ms per iteration, calling-thread CPU ms per iteration, final log-likelihood}: medians of
   * T(50) and T(1) over the repetitions, after a warm-up of one T(1) and T(50) until two in a row
   * take CPU times within 5% of each other (at least two, at most eight): a fixed short warm-up
   * left ours partly compiled in some runs (9.8 to 10 ms per iteration against 6.0).
   */
  private static double[] time(Fit fit, int reps) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    fit.run(1);
    double last = Double.NaN;
    for (int w = 0; w < 8; w++) {
      long c0 = mx.getCurrentThreadCpuTime();
      fit.run(ITERATIONS);
      double t = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
      if (Math.abs(t - last) <= 0.05 * last) {
        break;
      }
      last = t;
    }
    double[][] wall = new double[2][reps];
    double[][] cpu = new double[2][reps];
    double ll = Double.NaN;
    for (int rep = 0; rep < reps; rep++) {
      for (int which = 0; which < 2; which++) {
        int iterations = which == 0 ? 1 : ITERATIONS;
        long w0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        double v = fit.run(iterations);
        cpu[which][rep] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        wall[which][rep] = (System.nanoTime() - w0) / 1e6;
        if (which == 1) {
          ll = v;
        }
      }
    }
    return new double[] {(median(wall[1]) - median(wall[0])) / (ITERATIONS - 1),
        (median(cpu[1]) - median(cpu[0])) / (ITERATIONS - 1), ll};
  }

  private static double[] ours(GmmConfig.Builder b, MixtureData data, int reps) throws Exception {
    return time(it -> new GaussianMixtureEm(b.maxIterations(it).build()).fit(data).summary().logLikelihood(), reps);
  }

  /** Weka's EM: k-means start (1 run), log-likelihood stopping disabled. */
  private static double[] wekaEm(Instances inst, int slots, int reps) throws Exception {
    return time(it -> {
      EM em = build(inst, slots, it);
      double sum = 0;
      for (int i = 0; i < inst.numInstances(); i++) {
        sum += em.logDensityForInstance(inst.instance(i));
      }
      return sum / inst.numInstances();
    }, reps);
  }

  private static EM build(Instances inst, int slots, int iterations) throws Exception {
    EM em = new EM();
    em.setOptions(new String[] {"-N", String.valueOf(K), "-I", String.valueOf(iterations), "-K", "1",
        "-ll-iter", "-1.0E300", "-num-slots", String.valueOf(slots), "-S", "100"});
    em.buildClusterer(inst);
    return em;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }

  /** k correlated Gaussian clusters with means ~ N(0, 3^2 I) and unequal sizes. */
  static double[][] data(int n, int d, int k, long seed) {
    SplittableRandom r = Seeds.stream(seed, "bench/data");
    double[][] mu = new double[k][d];
    double[][] scale = new double[k][d];
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        mu[j][a] = 3 * gauss(r);
        scale[j][a] = 0.5 + r.nextDouble();
      }
    }
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      int j = Math.min(k - 1, (int) (k * Math.pow(r.nextDouble(), 1.3)));
      double prev = 0;
      for (int a = 0; a < d; a++) {
        double z = gauss(r);
        x[i][a] = mu[j][a] + scale[j][a] * z + 0.4 * prev;
        prev = z;
      }
    }
    return x;
  }

  private static double gauss(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static double[] columnVariances(double[][] x) {
    int d = x[0].length;
    double[] m = new double[d];
    double[] v = new double[d];
    for (double[] row : x) {
      for (int a = 0; a < d; a++) {
        m[a] += row[a] / x.length;
      }
    }
    for (double[] row : x) {
      for (int a = 0; a < d; a++) {
        v[a] += (row[a] - m[a]) * (row[a] - m[a]) / x.length;
      }
    }
    return v;
  }

  private static Instances toInstances(double[][] x) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (int a = 0; a < x[0].length; a++) {
      atts.add(new Attribute("x" + a));
    }
    Instances inst = new Instances("bench", atts, x.length);
    for (double[] row : x) {
      inst.add(new DenseInstance(1.0, row));
    }
    return inst;
  }

  /** data.csv (full precision), init.csv (weights; means; variances), for the scikit-learn script. */
  private static void write(Path out, double[][] x, double[][] means, double[] var) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("data.csv")))) {
      for (double[] row : x) {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < row.length; a++) {
          sb.append(a == 0 ? "" : ",").append(row[a]);
        }
        w.println(sb);
      }
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("init.csv")))) {
      for (int j = 0; j < means.length; j++) {
        StringBuilder sb = new StringBuilder().append(1.0 / means.length);
        for (double v : means[j]) {
          sb.append(',').append(v);
        }
        for (double v : var) {
          sb.append(',').append(v);
        }
        w.println(sb);
      }
    }
  }
}
