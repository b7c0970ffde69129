// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.overparam.common.ProgressListener;
import org.overparam.gmm.GaussianMixture;
import org.overparam.gmm.GaussianMixtureEm;
import org.overparam.gmm.GmmConfig;
import org.overparam.gmm.MixtureData;
import weka.clusterers.OverparameterizedEM;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * The Spark job in local[2] against the single-machine EM: same rows, same start, same iterations,
 * so the fits agree up to the order of additions. One session for the class (CI time: about 15 s).
 */
class SparkOverparamEmTest {
  /** Relative agreement with the single-machine fit. */
  static final double REL_TOL = 1e-9;
  static final int N = 3000;
  static final int D = 3;

  static SparkSession spark;
  @TempDir static Path dir;
  static double[][] rows;
  static Path csv;
  static Path parquet;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkSession.builder().master("local[2]").appName("SparkOverparamEmTest")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        // several splits of the one CSV file, read in file order: the partitions are merged for real
        .config("spark.sql.files.maxPartitionBytes", "20000")
        .config("spark.sql.files.openCostInBytes", "0")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    rows = blobs(N, 11);
    csv = dir.resolve("blobs.csv");
    StringBuilder sb = new StringBuilder("x0,x1,x2\n");
    for (double[] r : rows) {
      sb.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append('\n');
    }
    Files.writeString(csv, sb);
    parquet = dir.resolve("blobs.parquet");
    spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString()).coalesce(1)
        .write().parquet(parquet.toString());
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** Three Gaussian blobs in three dimensions, with different spreads and sizes. */
  static double[][] blobs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centres = {{0, 0, 0}, {4, 1, -2}, {-3, 5, 2}};
    double[] sd = {1, 0.5, 1.5};
    double[][] out = new double[n][D];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      int j = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
      for (int a = 0; a < D; a++) {
        out[i][a] = centres[j][a] + sd[j] * gaussian(r) * (1 + 0.3 * a);
      }
    }
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static SparkOverparamEm.Result fit(String input, String... opts) throws Exception {
    List<String> args = new ArrayList<>(List.of("--input", input, "--output", dir.resolve("unused.model").toString(),
        "--k", "3", "--restarts", "2", "--max-iterations", "25", "--seed", "5"));
    args.addAll(List.of(opts));
    SparkOverparamEm.Options o = SparkOverparamEm.parse(args.toArray(new String[0]));
    return SparkOverparamEm.fit(spark, SparkOverparamEm.read(spark, o), o.columns(), o.weightColumn(), o.config(),
        o.initSample(), ProgressListener.NONE);
  }

  private static void assertSameFit(SparkOverparamEm.Result r) throws Exception {
    GaussianMixture single = new GaussianMixtureEm(r.config()).fit(MixtureData.of(rows));
    GaussianMixture dist = r.model();
    assertEquals(N, r.rows());
    assertEquals(single.summary().iterations(), dist.summary().iterations());
    assertEquals(single.summary().winningRestart(), dist.summary().winningRestart());
    assertRel(single.summary().logLikelihood(), dist.summary().logLikelihood(), "log-likelihood");
    for (int j = 0; j < 3; j++) {
      assertRel(single.weights()[j], dist.weights()[j], "weight " + j);
      for (int a = 0; a < D; a++) {
        assertRel(single.mean(j)[a], dist.mean(j)[a], "mean " + j + "," + a);
        assertRel(single.variances(j)[a], dist.variances(j)[a], "variance " + j + "," + a);
      }
    }
  }

  @Test
  void csvDiagonalEstimatedWeightsEqualsTheSingleMachineFit() throws Exception {
    SparkOverparamEm.Result r = fit(csv.toString(), "--covariance", "DIAG", "--weights", "ESTIMATED");
    assertSameFit(r);
    assertTrue(r.eSteps() > 2);
  }

  @Test
  void csvFullKnownWeightsEqualsTheSingleMachineFit() throws Exception {
    SparkOverparamEm.Result r = fit(csv.toString(), "--covariance", "FULL", "--weights", "KNOWN",
        "--known-weights", "0.5,0.3,0.2");
    assertSameFit(r);
    assertArrayEquals(new double[] {0.5, 0.3, 0.2}, r.model().weights(), 0);
  }

  @Test
  void parquetFullEstimatedAndDiagonalKnownEqualTheSingleMachineFit() throws Exception {
    assertSameFit(fit(parquet.toString(), "--covariance", "FULL", "--weights", "ESTIMATED"));
    assertSameFit(fit(parquet.toString(), "--covariance", "DIAG", "--weights", "KNOWN"));
  }

  /** The written file loads as the Explorer loads a model and clusters like the clusterer trained in Weka. */
  @Test
  void writtenModelLoadsIntoTheWekaClusterer() throws Exception {
    SparkOverparamEm.Result r = fit(csv.toString(), "--covariance", "FULL");
    Path model = dir.resolve("em.model");
    SparkOverparamEm.write(spark, r.clusterer(), r.header(), model.toString());
    Object[] read = SerializationHelper.readAll(model.toString());
    OverparameterizedEM loaded = (OverparameterizedEM) read[0];
    Instances header = (Instances) read[1];
    assertEquals(D, header.numAttributes());

    ArrayList<Attribute> atts = new ArrayList<>();
    for (int a = 0; a < D; a++) {
      atts.add(new Attribute("x" + a));
    }
    Instances data = new Instances("blobs", atts, N);
    for (double[] row : rows) {
      data.add(new DenseInstance(1, row));
    }
    OverparameterizedEM weka = new OverparameterizedEM();
    weka.setOptions(loaded.getOptions());
    weka.buildClusterer(data);
    for (int i = 0; i < 50; i++) {
      Instance inst = data.instance(i * 37);
      double[] expected = weka.distributionForInstance(inst);
      double[] actual = loaded.distributionForInstance(inst);
      for (int j = 0; j < expected.length; j++) {
        assertEquals(expected[j], actual[j], 1e-9, "row " + i * 37 + ", cluster " + j);
      }
      assertEquals(weka.clusterInstance(inst), loaded.clusterInstance(inst));
    }
    assertTrue(loaded.toString().contains("x2"), loaded::toString);
  }

  @Test
  void rejectsBadOptions() {
    assertThrows(IllegalArgumentException.class, () -> SparkOverparamEm.parse(new String[] {"--input", "a.csv"}));
    assertThrows(IllegalArgumentException.class, () -> SparkOverparamEm.parse(
        new String[] {"--input", "a.arff", "--output", "m", "--format", "arff"}));
    assertThrows(IllegalArgumentException.class, () -> SparkOverparamEm.parse(
        new String[] {"--input", "a.csv", "--output", "m", "--weights", "MAYBE"}));
    assertEquals("parquet", SparkOverparamEm.parse(
        new String[] {"--input", "d.PARQUET", "--output", "m"}).format().toLowerCase(Locale.ROOT));
  }

  private static void assertRel(double expected, double actual, String what) {
    assertEquals(expected, actual, REL_TOL * Math.max(1e-300, Math.abs(expected)), what);
  }
}
