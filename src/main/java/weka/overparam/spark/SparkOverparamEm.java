// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.spark;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.overparam.common.ProgressListener;
import org.overparam.gmm.CovarianceType;
import org.overparam.gmm.GaussianMixture;
import org.overparam.gmm.GmmConfig;
import org.overparam.gmm.Initialisation;
import org.overparam.gmm.MixingWeights;
import org.overparam.gmm.PartitionedEm;
import weka.clusterers.OverparameterizedEM;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * The over-parameterized EM of {@link OverparameterizedEM} as a Spark job: each partition keeps its
 * rows (and a column-major copy) in executor memory and returns its E-step statistics; the driver
 * adds them up ({@code treeReduce}) and runs the M-step, initialisation and stopping rules of the
 * Weka clusterer ({@link PartitionedEm}). The model is written as a serialized
 * {@link OverparameterizedEM} followed by its header, the format of the Explorer's "Save model",
 * so the Cluster tab's "Load model" reads it.
 *
 * <p>Run with {@code spark-submit --class weka.overparam.spark.SparkOverparamEm --jars weka.jar
 * overparam.jar --input data.parquet --k 5 --output em.model}; {@code --help} lists the options
 * (docs/spark-em.md). Nothing outside this package refers to Spark.
 */
public final class SparkOverparamEm {
  /** Rows the starts are drawn from by default: all rows up to this many, otherwise a sample of this size. */
  public static final int DEFAULT_INIT_SAMPLE = 100_000;

  static final String USAGE = String.join("\n",
      "Usage: spark-submit --class weka.overparam.spark.SparkOverparamEm --jars weka.jar overparam.jar [options]",
      "  --input PATH            CSV (with a header line) or Parquet file or folder (required)",
      "  --format csv|parquet    default: from the file name (.parquet / .parq = parquet, else csv)",
      "  --columns a,b,c         numeric columns to use (default: every numeric column)",
      "  --weight-column NAME    instance weights (default: 1 per row)",
      "  --output PATH           where to write the model (any Hadoop file system; required)",
      "  --k N                   number of clusters (default 2)",
      "  --covariance DIAG|FULL|SPHERICAL|TIED|IDENTITY   (default DIAG)",
      "  --weights ESTIMATED|KNOWN      re-estimated or known mixing weights (default ESTIMATED)",
      "  --known-weights w1,..,wk       the known weights (KNOWN; default uniform) or start weights",
      "  --init K_MEANS_PLUS_PLUS|RANDOM_DATA_POINTS|USER   (default K_MEANS_PLUS_PLUS)",
      "  --init-means m11,..;m21,..     k rows of d values (USER)",
      "  --init-variances v1;v2,..      k rows of 1 or d starting variances",
      "  --init-sample N         rows the starts are drawn from (default " + DEFAULT_INIT_SAMPLE + "; all rows if fewer)",
      "  --restarts N            EM runs from different starts (default 10)",
      "  --max-iterations N      (default 100)",
      "  --tolerance T           stop when the mean log-likelihood changes less (default 1e-6)",
      "  --reg-covar R           added to variances, as a fraction of each attribute's variance (default 1e-6)",
      "  --seed S                (default 1)");

  private SparkOverparamEm() {}

  /** The options of one run. */
  public record Options(String input, String format, List<String> columns, String weightColumn, String output,
      int initSample, GmmConfig config) {}

  /** The fit, with the header of its attributes and timings. */
  public record Result(GaussianMixture model, Instances header, GmmConfig config, long rows, int eSteps,
      double fitMillis) {
    /** Wall time of the EM runs (E-steps over the partitions, reductions and M-steps) per E-step. */
    public double millisPerIteration() {
      return fitMillis / Math.max(1, eSteps);
    }

    /** The model as the Weka clusterer. */
    public OverparameterizedEM clusterer() {
      return OverparameterizedEM.ofFittedModel(model, header, config);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || Arrays.asList(args).contains("--help")) {
      System.out.println(USAGE);
      return;
    }
    Options o = parse(args);
    SparkConf conf = new SparkConf().setAppName("OverparameterizedEM");
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]"); // run with plain java: use this machine
    }
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      Result r = fit(spark, read(spark, o), o.columns(), o.weightColumn(), o.config(), o.initSample(),
          (it, m) -> System.err.println("iteration " + it + ": " + m));
      OverparameterizedEM em = r.clusterer();
      write(spark, em, r.header(), o.output());
      System.out.println(em);
      System.out.printf(Locale.ROOT, "%d rows, %d E-steps, %.1f ms per E-step; model written to %s%n", r.rows(),
          r.eSteps(), r.millisPerIteration(), o.output());
    } finally {
      spark.stop();
    }
  }

  /** Parses the command line (see {@link #USAGE}); options are validated as the Weka clusterer's. */
  public static Options parse(String[] args) {
    String input = null;
    String format = null;
    String output = null;
    String weightColumn = null;
    List<String> columns = List.of();
    int initSample = DEFAULT_INIT_SAMPLE;
    OverparameterizedEM em = new OverparameterizedEM();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
      }
      String v = args[++i];
      try {
        switch (name) {
          case "--input" -> input = v;
          case "--format" -> format = v.toLowerCase(Locale.ROOT);
          case "--columns" -> columns = List.of(v.split("\\s*,\\s*"));
          case "--weight-column" -> weightColumn = v;
          case "--output" -> output = v;
          case "--k" -> em.setNumClusters(Integer.parseInt(v));
          case "--covariance" -> em.setCovariance(CovarianceType.valueOf(v.toUpperCase(Locale.ROOT)));
          case "--weights" -> em.setMixingWeights(mixingWeights(v));
          case "--known-weights" -> em.setWeights(v);
          case "--init" -> em.setInitialisation(Initialisation.valueOf(v.toUpperCase(Locale.ROOT)));
          case "--init-means" -> em.setInitMeans(v);
          case "--init-variances" -> em.setInitVariances(v);
          case "--init-sample" -> initSample = Integer.parseInt(v);
          case "--restarts" -> em.setRestarts(Integer.parseInt(v));
          case "--max-iterations" -> em.setMaxIterations(Integer.parseInt(v));
          case "--tolerance" -> em.setTolerance(Double.parseDouble(v));
          case "--reg-covar" -> em.setRegCovar(Double.parseDouble(v));
          case "--seed" -> em.setSeed(Integer.parseInt(v));
          default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ": cannot read '" + v + "' as a number");
      }
    }
    if (input == null || output == null) {
      throw new IllegalArgumentException("--input and --output are required\n" + USAGE);
    }
    if (initSample < 1) {
      throw new IllegalArgumentException("--init-sample must be >= 1, got " + initSample);
    }
    if (format == null) {
      String lower = input.toLowerCase(Locale.ROOT);
      format = lower.endsWith(".parquet") || lower.endsWith(".parq") ? "parquet" : "csv";
    }
    if (!format.equals("csv") && !format.equals("parquet")) {
      throw new IllegalArgumentException("--format must be csv or parquet, got " + format
          + " (convert ARFF to CSV first: java -cp weka.jar weka.core.converters.CSVSaver -i data.arff -o data.csv)");
    }
    return new Options(input, format, columns, weightColumn, output, initSample, em.toConfig());
  }

  private static MixingWeights mixingWeights(String v) {
    return switch (v.toUpperCase(Locale.ROOT)) {
      case "KNOWN", "FIXED" -> MixingWeights.FIXED;
      case "ESTIMATED" -> MixingWeights.ESTIMATED;
      default -> throw new IllegalArgumentException("--weights must be ESTIMATED or KNOWN, got " + v);
    };
  }

  /** The input as a data frame: CSV with a header line (types inferred) or Parquet. */
  public static Dataset<Row> read(SparkSession spark, Options o) {
    return o.format().equals("parquet") ? spark.read().parquet(o.input())
        : spark.read().option("header", "true").option("inferSchema", "true").csv(o.input());
  }

  /**
   * Fits the mixture to the given columns (all numeric columns if empty; nulls and NaN are missing
   * values). The starts are drawn from all rows, in partition order, when there are at most
   * {@code initSample}; otherwise from a sample of that size drawn with the config's seed.
   */
  public static Result fit(SparkSession spark, Dataset<Row> df, List<String> columns, String weightColumn,
      GmmConfig config, int initSample, ProgressListener listener) throws InterruptedException {
    List<String> cols = columns.isEmpty() ? numericColumns(df, weightColumn) : columns;
    if (cols.isEmpty()) {
      throw new IllegalArgumentException("the input has no numeric column; columns: " + Arrays.toString(df.columns()));
    }
    List<Column> sel = new ArrayList<>();
    for (String c : cols) {
      sel.add(functions.col(c).cast("double"));
    }
    sel.add(weightColumn == null ? functions.lit(1.0) : functions.col(weightColumn).cast("double"));
    int d = cols.size();
    JavaRDD<PartitionedEm.Partition> parts = df.select(sel.toArray(new Column[0])).javaRDD()
        .mapPartitions(rows -> partition(rows, d)).persist(StorageLevel.MEMORY_ONLY());
    try {
      long n = parts.map(PartitionedEm.Partition::numRows).fold(0, Integer::sum).longValue();
      if (n == 0) {
        throw new IllegalArgumentException("the input has no rows");
      }
      double[] moments = parts.map(PartitionedEm.Partition::moments).treeReduce(PartitionedEm::add);
      double[] mean = PartitionedEm.means(moments);
      double[] centred = parts.map(p -> p.centredMoments(mean)).treeReduce(PartitionedEm::add);
      List<double[]> init = n <= initSample ? parts.flatMap(SparkOverparamEm::rowsWithWeights).collect()
          : parts.flatMap(SparkOverparamEm::rowsWithWeights).takeSample(false, initSample, config.seed());
      double[][] initRows = new double[init.size()][];
      double[] initWeights = new double[init.size()];
      for (int i = 0; i < initRows.length; i++) {
        initRows[i] = Arrays.copyOf(init.get(i), d);
        initWeights[i] = init.get(i)[d];
      }
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      int[] eSteps = {0};
      PartitionedEm.Cluster cluster = p -> {
        Broadcast<PartitionedEm.Parameters> b = jsc.broadcast(p);
        try {
          eSteps[0]++;
          return parts.map(q -> q.eStep(b.value())).treeReduce(PartitionedEm::add);
        } finally {
          b.destroy();
        }
      };
      long t0 = System.nanoTime();
      GaussianMixture model = PartitionedEm.fit(config, moments, centred, initRows, initWeights, cluster, listener);
      double ms = (System.nanoTime() - t0) / 1e6;
      return new Result(model, header(cols), config, n, eSteps[0], ms);
    } finally {
      parts.unpersist(false);
    }
  }

  /** Every numeric column except the weight column, in order. */
  static List<String> numericColumns(Dataset<Row> df, String weightColumn) {
    List<String> out = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (f.dataType() instanceof NumericType && !f.name().equals(weightColumn)) {
        out.add(f.name());
      }
    }
    return out;
  }

  /** All numeric attributes, named after the columns. */
  static Instances header(List<String> cols) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (String c : cols) {
      atts.add(new Attribute(c));
    }
    return new Instances("spark-em", atts, 0);
  }

  /** One partition's rows (d values then the weight) as at most one {@link PartitionedEm.Partition}. */
  private static Iterator<PartitionedEm.Partition> partition(Iterator<Row> rows, int d) {
    double[] x = new double[1024 * d];
    double[] w = new double[1024];
    int n = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      if (n == w.length) {
        x = Arrays.copyOf(x, 2 * x.length);
        w = Arrays.copyOf(w, 2 * w.length);
      }
      for (int a = 0; a < d; a++) {
        x[n * d + a] = r.isNullAt(a) ? Double.NaN : r.getDouble(a);
      }
      w[n] = r.isNullAt(d) ? 0 : r.getDouble(d);
      n++;
    }
    if (n == 0) {
      return java.util.Collections.emptyIterator();
    }
    return List.of(new PartitionedEm.Partition(d, Arrays.copyOf(x, n * d), Arrays.copyOf(w, n))).iterator();
  }

  private static Iterator<double[]> rowsWithWeights(PartitionedEm.Partition p) {
    List<double[]> out = new ArrayList<>(p.numRows());
    for (int i = 0; i < p.numRows(); i++) {
      double[] v = p.row(i);
      double[] r = Arrays.copyOf(v, v.length + 1);
      r[r.length - 1] = p.weight(i);
      out.add(r);
    }
    return out.iterator();
  }

  /**
   * Writes the clusterer and its header as the Explorer's "Save model" does, to any file system
   * Hadoop knows (a local path, hdfs://, s3a://...).
   */
  public static void write(SparkSession spark, OverparameterizedEM em, Instances header, String output) throws Exception {
    Path p = new Path(output);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (OutputStream os = fs.create(p, true)) {
      SerializationHelper.writeAll(os, new Object[] {em, new Instances(header, 0)});
    }
  }
}
