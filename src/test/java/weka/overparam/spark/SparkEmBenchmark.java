// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.GaussianMixtureModel;
import org.apache.spark.mllib.linalg.Matrices;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.stat.distribution.MultivariateGaussian;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.overparam.common.ProgressListener;
import org.overparam.gmm.CovarianceType;
import org.overparam.gmm.GaussianMixture;
import org.overparam.gmm.GaussianMixtureEm;
import org.overparam.gmm.GmmConfig;
import org.overparam.gmm.MixtureData;
import weka.clusterers.OverparameterizedEM;

/**
 * Our Spark EM against MLlib's {@code GaussianMixture} (RDD API, the one that takes an initial
 * model) from the same start, and against our single-machine EM, in one local[2] JVM.
 *
 * <p>FULL covariances and re-estimated weights (all MLlib fits), reg-covar 0 (MLlib adds none),
 * tolerance 0 so both run exactly N iterations. The start is our k-means++ start on all rows (the
 * Spark job draws it from all rows when --init-sample is at least n, so it equals the
 * single-machine start). ms/iter = (T(N) - T(1)) / (N - 1) for both, so that fixed costs (MLlib's
 * conversion and caching of its input inside run, our initialisation) cancel. The log-likelihood is
 * the mean per row after N iterations; MLlib's is computed from its final model in a separate pass.
 *
 * <p>Usage: SparkEmBenchmark outDir [n d k iterations]; the last line is
 * {@code spark EM: loglik ours X mllib Y, ms/iter ours A mllib B}.
 */
public final class SparkEmBenchmark {
  private SparkEmBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int d = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int k = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int iters = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    SparkSession spark = SparkSession.builder().master("local[2]").appName("SparkEmBenchmark")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      run(spark, out, n, d, k, iters);
    } finally {
      spark.stop();
    }
  }

  static void run(SparkSession spark, Path out, int n, int d, int k, int iters) throws Exception {
    Path data = out.resolve("data-" + n + "x" + d + "-k" + k + ".parquet");
    if (!Files.exists(data.resolve("_SUCCESS"))) {
      generate(spark, data.toString(), n, d, k);
    }
    Dataset<Row> df = spark.read().parquet(data.toString());
    System.out.println("data: " + data + ", " + df.javaRDD().getNumPartitions() + " partitions");

    // the rows in partition order, as the Spark job's initialisation sees them
    List<Row> all = df.collectAsList();
    double[][] rows = new double[all.size()][d];
    for (int i = 0; i < rows.length; i++) {
      for (int a = 0; a < d; a++) {
        rows[i][a] = all.get(i).getDouble(a);
      }
    }
    all = null;
    OverparameterizedEM opts = new OverparameterizedEM();
    opts.setNumClusters(k);
    opts.setCovariance(CovarianceType.FULL);
    opts.setRestarts(1);
    opts.setTolerance(0);
    opts.setRegCovar(0);
    opts.setSeed(1);
    opts.setMaxIterations(iters);
    GmmConfig cfg = opts.toConfig();
    opts.setMaxIterations(1);
    GmmConfig cfg1 = opts.toConfig();
    opts.setMaxIterations(0);
    GmmConfig cfg0 = opts.toConfig();

    MixtureData md = MixtureData.of(rows);
    double[][] plainRows = rows;
    rows = null;
    long t0 = System.nanoTime();
    GaussianMixture single = new GaussianMixtureEm(cfg.withNumThreads(2)).fit(md);
    double singleMs = (System.nanoTime() - t0) / 1e6;
    GaussianMixture start = new GaussianMixtureEm(cfg0).fit(md);
    md = null;
    double[] plainMean0 = plainFirstMean(plainRows, start, k, d);
    plainRows = null;

    // ours: T(1) and T(N) in the same session; the first run also warms the JIT
    SparkOverparamEm.Result warm = ours(spark, df, cfg1, n);
    SparkOverparamEm.Result ours1 = ours(spark, df, cfg1, n);
    SparkOverparamEm.Result oursN = ours(spark, df, cfg, n);
    double oursMs = (oursN.fitMillis() - ours1.fitMillis()) / (oursN.eSteps() - ours1.eSteps());
    double oursLl = oursN.model().summary().logLikelihood();

    // MLlib from the same start
    JavaRDD<Vector> vectors = df.javaRDD().map(r -> {
      double[] v = new double[r.length()];
      for (int a = 0; a < v.length; a++) {
        v[a] = r.getDouble(a);
      }
      return Vectors.dense(v);
    }).persist(StorageLevel.MEMORY_ONLY());
    vectors.count();
    // a fresh initial model for every run: MLlib's run updates the initial model's arrays in place
    mllib(vectors, mllibModel(start, k, d), k, 1); // warm-up
    GaussianMixtureModel init1 = mllibModel(start, k, d);
    long m1 = System.nanoTime();
    GaussianMixtureModel fitted1 = mllib(vectors, init1, k, 1);
    double mllib1 = (System.nanoTime() - m1) / 1e6;
    GaussianMixtureModel initN = mllibModel(start, k, d);
    long mN = System.nanoTime();
    GaussianMixtureModel fitted = mllib(vectors, initN, k, iters);
    double mllibN = (System.nanoTime() - mN) / 1e6;
    double mllibMs = (mllibN - mllib1) / (iters - 1);
    double mllibLl = meanLogLikelihood(vectors, fitted);
    vectors.unpersist(false);

    double singleLl = single.summary().logLikelihood();
    System.out.printf(Locale.ROOT, "rows %d, d %d, k %d, FULL covariances, estimated weights, %d iterations, local[2]%n",
        n, d, k, iters);
    System.out.printf(Locale.ROOT, "ours: T(1) %.0f ms, T(%d) %.0f ms (%d and %d E-steps); MLlib: T(1) %.0f ms, T(%d) %.0f ms%n",
        ours1.fitMillis(), iters, oursN.fitMillis(), ours1.eSteps(), oursN.eSteps(), mllib1, iters, mllibN);
    System.out.printf(Locale.ROOT, "single-machine EM (2 threads): loglik %.12f, %.0f ms in all; ours vs single relative "
        + "difference %.2e (target 1e-9); ours vs MLlib %.2e%n", singleLl, singleMs,
        Math.abs(oursLl - singleLl) / Math.abs(singleLl), Math.abs(oursLl - mllibLl) / Math.abs(mllibLl));
    System.out.printf(Locale.ROOT, "after 1 iteration: weights ours %s mllib %s; mean 0 ours %s mllib %s%n",
        Arrays.toString(round(ours1.model().weights())), Arrays.toString(round(fitted1.weights())),
        Arrays.toString(round(ours1.model().mean(0))), Arrays.toString(round(fitted1.gaussians()[0].mu().toArray())));
    System.out.printf(Locale.ROOT, "after 1 iteration, textbook E-step (Math.exp, commons-math Cholesky): mean 0 %s%n",
        Arrays.toString(round(plainMean0)));
    System.out.printf(Locale.ROOT, "start mean 0 %s, weights %s%n", Arrays.toString(round(start.mean(0))),
        Arrays.toString(round(start.weights())));
    System.out.printf(Locale.ROOT, "weights ours %s mllib %s%n", Arrays.toString(round(oursN.model().weights())),
        Arrays.toString(round(fitted.weights())));
    System.out.printf(Locale.ROOT, "spark EM: loglik ours %.10f mllib %.10f, ms/iter ours %.1f mllib %.1f%n",
        oursLl, mllibLl, oursMs, mllibMs);
  }

  /** Component 0's mean after one textbook EM step from the start (an independent check of both E-steps). */
  private static double[] plainFirstMean(double[][] rows, GaussianMixture g, int k, int d) {
    org.apache.commons.math3.linear.DecompositionSolver[] inv = new org.apache.commons.math3.linear.DecompositionSolver[k];
    double[] logNorm = new double[k];
    for (int j = 0; j < k; j++) {
      org.apache.commons.math3.linear.CholeskyDecomposition c = new org.apache.commons.math3.linear.CholeskyDecomposition(
          new org.apache.commons.math3.linear.Array2DRowRealMatrix(g.covariance(j)));
      inv[j] = c.getSolver();
      logNorm[j] = Math.log(g.weights()[j]) - 0.5 * (d * Math.log(2 * Math.PI) + Math.log(c.getDeterminant()));
    }
    double[] sum = new double[d];
    double mass = 0;
    double[] lp = new double[k];
    for (double[] x : rows) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double[] m = g.mean(j);
        double[] diff = new double[d];
        for (int a = 0; a < d; a++) {
          diff[a] = x[a] - m[a];
        }
        double[] z = inv[j].solve(new org.apache.commons.math3.linear.ArrayRealVector(diff)).toArray();
        double q = 0;
        for (int a = 0; a < d; a++) {
          q += diff[a] * z[a];
        }
        lp[j] = logNorm[j] - 0.5 * q;
        max = Math.max(max, lp[j]);
      }
      double s = 0;
      for (int j = 0; j < k; j++) {
        s += Math.exp(lp[j] - max);
      }
      double r0 = Math.exp(lp[0] - max) / s;
      mass += r0;
      for (int a = 0; a < d; a++) {
        sum[a] += r0 * x[a];
      }
    }
    for (int a = 0; a < d; a++) {
      sum[a] /= mass;
    }
    return sum;
  }

  private static SparkOverparamEm.Result ours(SparkSession spark, Dataset<Row> df, GmmConfig cfg, int n)
      throws InterruptedException {
    return SparkOverparamEm.fit(spark, df, List.of(), null, cfg, n, ProgressListener.NONE);
  }

  private static GaussianMixtureModel mllib(JavaRDD<Vector> data, GaussianMixtureModel init, int k, int iters) {
    return new org.apache.spark.mllib.clustering.GaussianMixture().setK(k).setMaxIterations(iters)
        .setConvergenceTol(0).setInitialModel(init).setSeed(1).run(data);
  }

  private static GaussianMixtureModel mllibModel(GaussianMixture g, int k, int d) {
    MultivariateGaussian[] gs = new MultivariateGaussian[k];
    for (int j = 0; j < k; j++) {
      double[][] c = g.covariance(j);
      double[] colMajor = new double[d * d];
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          colMajor[b * d + a] = c[a][b];
        }
      }
      gs[j] = new MultivariateGaussian(Vectors.dense(g.mean(j)), Matrices.dense(d, d, colMajor));
    }
    return new GaussianMixtureModel(g.weights(), gs);
  }

  private static double meanLogLikelihood(JavaRDD<Vector> data, GaussianMixtureModel m) {
    double[] w = m.weights();
    MultivariateGaussian[] gs = m.gaussians();
    double sum = data.map(v -> {
      double max = Double.NEGATIVE_INFINITY;
      double[] lp = new double[w.length];
      for (int j = 0; j < w.length; j++) {
        lp[j] = Math.log(w[j]) + gs[j].logpdf(v);
        max = Math.max(max, lp[j]);
      }
      double s = 0;
      for (double l : lp) {
        s += Math.exp(l - max);
      }
      return max + Math.log(s);
    }).reduce(Double::sum);
    return sum / data.count();
  }

  private static double[] round(double[] v) {
    return Arrays.stream(v).map(x -> Math.round(x * 1e4) / 1e4).toArray();
  }

  /** n rows of d values from k Gaussians (random centres, spreads and weights from seed 17), in 4 files. */
  static void generate(SparkSession spark, String path, int n, int d, int k) {
    SplittableRandom r = new SplittableRandom(17);
    double[][] centres = new double[k][d];
    double[] sd = new double[k];
    double[] cum = new double[k];
    double total = 0;
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        centres[j][a] = -5 + 10 * r.nextDouble();
      }
      sd[j] = 0.5 + r.nextDouble();
      total += 1 + j;
      cum[j] = total;
    }
    final double tot = total;
    int parts = 4;
    List<Integer> ids = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      ids.add(p);
    }
    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ids, parts).flatMap(p -> {
      SplittableRandom g = new SplittableRandom(1000 + p);
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      List<Row> out = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        double u = g.nextDouble() * tot;
        int j = 0;
        while (cum[j] < u) {
          j++;
        }
        Object[] v = new Object[d];
        for (int a = 0; a < d; a++) {
          double z = Math.sqrt(-2 * Math.log(1 - g.nextDouble())) * Math.cos(2 * Math.PI * g.nextDouble());
          v[a] = centres[j][a] + sd[j] * z;
        }
        out.add(RowFactory.create(v));
      }
      return out.iterator();
    });
    List<StructField> fields = new ArrayList<>();
    for (int a = 0; a < d; a++) {
      fields.add(DataTypes.createStructField("x" + a, DataTypes.DoubleType, false));
    }
    spark.createDataFrame(rows, DataTypes.createStructType(fields)).write().mode("overwrite").parquet(path);
  }
}
