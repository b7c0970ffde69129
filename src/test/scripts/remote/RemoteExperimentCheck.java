// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
import java.beans.PropertyDescriptor;
import java.io.File;
import java.util.ArrayList;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.swing.DefaultListModel;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Instances;
import weka.core.SerializedObject;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.experiment.CSVResultListener;
import weka.experiment.ClassifierSplitEvaluator;
import weka.experiment.RegressionSplitEvaluator;
import weka.experiment.SplitEvaluator;
import weka.experiment.CrossValidationResultProducer;
import weka.experiment.Experiment;
import weka.experiment.PropertyNode;
import weka.experiment.RemoteExperiment;
import weka.experiment.RemoteExperimentEvent;

/**
 * The client side of src/test/scripts/remote-experiment.sh: two Weka experiments (10-fold CV, runs 1 and 2),
 * each run once as a {@link RemoteExperiment} on the given RemoteEngines and once locally, then the result
 * rows compared.
 *
 * <p>The RemoteExperiment is split by run (one sub-experiment per run), so with two runs and two engines each
 * engine gets one run of each experiment. The result listener travels inside the serialized experiment and
 * runs on the engine: a CSVResultListener with a relative file name writes ENGINE_DIR/NAME.csv in the
 * engine's working directory (CSV, not ARFF: CSVResultListener writes doubles with Double.toString, so
 * the comparison is exact; InstancesResultListener rounds to 6 decimals).
 *
 * <p>Usage: java ... RemoteExperimentCheck WORK_DIR TIMEOUT_SECONDS HOST:PORT=ENGINE_DIR HOST:PORT=ENGINE_DIR
 * (data sets from test-data/arff, relative to the working directory).
 */
public final class RemoteExperimentCheck {

  /** Columns that legitimately differ between two runs of the same experiment (the date and the timings;
   * Weka 3.8.6's split evaluators write no host name or memory column). Everything else, including
   * Serialized_Model_Size and the evaluation-metric plugins' columns, must be equal as written. */
  static final Set<String> IGNORED = new TreeSet<>(Arrays.asList(
    "Date_time", "Elapsed_Time_training", "Elapsed_Time_testing", "UserCPU_Time_training",
    "UserCPU_Time_testing", "UserCPU_Time_millis_training", "UserCPU_Time_millis_testing"));

  static final String[] KEY = {"Key_Dataset", "Key_Run", "Key_Fold", "Key_Scheme", "Key_Scheme_options"};

  static final int CLASSIFIERS_PER_EXPERIMENT = 2;

  private RemoteExperimentCheck() {
  }

  public static void main(String[] args) throws Exception {
    WekaPackageManager.loadPackages(false, true, false);
    File work = new File(args[0]);
    long timeoutMillis = Long.parseLong(args[1]) * 1000L;
    List<String> hosts = new ArrayList<>();
    List<File> engineDirs = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String[] hd = args[i].split("=", 2);
      hosts.add(hd[0]);
      engineDirs.add(new File(hd[1]));
    }

    // name, data set, classifiers (command lines)
    String[][] experiments = {
      {"nominal", "test-data/arff/iris.arff",
        "weka.classifiers.functions.ItopSparseNetwork -epochs 5 -hidden-layers 16",
        "weka.classifiers.trees.J48 -C 0.25 -M 2"},
      {"numeric", "test-data/arff/cpu.arff",
        "weka.classifiers.functions.OverparameterizedKernelGD",
        "weka.classifiers.functions.LinearRegression -S 0 -R 1.0E-8 -num-decimal-places 4"},
    };

    int totalRows = 0;
    Set<File> hostsWithRows = new TreeSet<>();
    boolean allEqual = true;
    for (String[] spec : experiments) {
      String name = spec[0];
      Experiment base = experiment(new File(spec[1]).getAbsoluteFile(), Arrays.copyOfRange(spec, 2, spec.length));

      // Remote: the listener's relative file is resolved in each engine's working directory.
      Experiment remoteBase = (Experiment) new SerializedObject(base).getObject();
      CSVResultListener remoteOut = new CSVResultListener();
      remoteOut.setOutputFile(new File(name + ".csv"));
      remoteBase.setResultListener(remoteOut);
      for (File dir : engineDirs) {
        new File(dir, name + ".csv").delete();
      }
      long t0 = System.nanoTime();
      runRemote(remoteBase, hosts, timeoutMillis);
      double remoteSeconds = (System.nanoTime() - t0) / 1e9;

      // Local: the same experiment in this JVM.
      Experiment local = (Experiment) new SerializedObject(base).getObject();
      CSVResultListener localOut = new CSVResultListener();
      File localFile = new File(work, name + "-local.csv");
      localOut.setOutputFile(localFile);
      local.setResultListener(localOut);
      t0 = System.nanoTime();
      local.initialize(); // as RemoteExperimentSubTask does: runExperiment() would swallow a failure
      while (local.hasMoreIterations()) {
        local.nextIteration();
      }
      local.postProcess();
      double localSeconds = (System.nanoTime() - t0) / 1e9;

      Map<String, Map<String, String>> remoteRows = new TreeMap<>();
      List<String> remoteCols = null;
      for (File dir : engineDirs) {
        File f = new File(dir, name + ".csv");
        if (!f.isFile()) {
          System.out.println(name + ": no results from the engine in " + dir);
          continue;
        }
        List<String> cols = new ArrayList<>();
        List<Map<String, String>> rows = load(f, cols);
        if (!rows.isEmpty()) {
          hostsWithRows.add(dir);
        }
        Set<String> runs = new TreeSet<>();
        for (Map<String, String> row : rows) {
          runs.add(row.get("Key_Run"));
          if (remoteRows.put(key(row), row) != null) {
            System.out.println(name + ": duplicate remote row " + key(row));
            allEqual = false;
          }
        }
        System.out.println(name + ": " + rows.size() + " rows from the engine in " + dir.getName() + " (run "
          + String.join(",", runs) + ")");
        remoteCols = cols;
      }
      List<String> localCols = new ArrayList<>();
      List<Map<String, String>> localRows = load(localFile, localCols);
      totalRows += remoteRows.size();
      boolean equal = compare(name, localCols, localRows, remoteCols, remoteRows);
      allEqual &= equal;
      System.out.printf("%s: %d remote rows, %d local rows, equal: %s (remote %.1f s, local %.1f s)%n", name,
        remoteRows.size(), localRows.size(), equal ? "yes" : "no", remoteSeconds, localSeconds);
    }
    // Trained models across RMI (ModelRoundTrip): one learner of the package per engine.
    boolean modelsEqual = ModelRoundTrip.check(hosts.get(0), "test-data/arff/iris.arff",
      "weka.classifiers.functions.ItopSparseNetwork -epochs 5 -hidden-layers 16", timeoutMillis);
    modelsEqual &= ModelRoundTrip.check(hosts.get(hosts.size() - 1), "test-data/arff/cpu.arff",
      "weka.classifiers.functions.OverparameterizedKernelGD", timeoutMillis);
    Classifier probe = AbstractClassifier.forName("weka.classifiers.functions.OverparameterizedKernelGD", new String[0]);
    System.out.println("models: a package class outside a SerializedObject: "
      + ModelRoundTrip.rawProbe(hosts.get(0), probe));

    System.out.println("ignored columns: " + String.join(", ", IGNORED));
    System.out.println("remote experiment: " + totalRows + " result rows from " + hostsWithRows.size()
      + " hosts, equal to local: " + (allEqual ? "yes" : "no"));
    System.exit(allEqual && modelsEqual && hostsWithRows.size() == engineDirs.size() ? 0 : 1);
  }

  /** 10-fold CV, runs 1-2, one ClassifierSplitEvaluator iterated over the classifiers (as the Experimenter). */
  static Experiment experiment(File data, String[] classifierLines) throws Exception {
    Classifier[] classifiers = new Classifier[classifierLines.length];
    for (int i = 0; i < classifiers.length; i++) {
      String[] opts = Utils.splitOptions(classifierLines[i]);
      String cls = opts[0];
      opts[0] = "";
      classifiers[i] = AbstractClassifier.forName(cls, opts);
    }
    Experiment exp = new Experiment();
    exp.setRunLower(1);
    exp.setRunUpper(2);
    CrossValidationResultProducer cv = new CrossValidationResultProducer();
    cv.setNumFolds(10);
    boolean numericClass;
    try (java.io.Reader r = new java.io.BufferedReader(new java.io.FileReader(data))) {
      Instances header = new Instances(r, 0);
      numericClass = header.attribute(header.numAttributes() - 1).isNumeric();
    }
    // As the Experimenter: classification evaluator for a nominal class, regression for a numeric one.
    SplitEvaluator se;
    if (numericClass) {
      RegressionSplitEvaluator rse = new RegressionSplitEvaluator();
      rse.setClassifier(classifiers[0]);
      se = rse;
    } else {
      ClassifierSplitEvaluator cse = new ClassifierSplitEvaluator();
      cse.setClassifier(classifiers[0]);
      se = cse;
    }
    cv.setSplitEvaluator(se);
    exp.setResultProducer(cv);
    PropertyNode[] path = {
      new PropertyNode(se, new PropertyDescriptor("splitEvaluator", CrossValidationResultProducer.class),
        CrossValidationResultProducer.class),
      new PropertyNode(classifiers[0], new PropertyDescriptor("classifier", se.getClass()), se.getClass())};
    exp.setPropertyPath(path);
    exp.setPropertyArray(classifiers);
    exp.setUsePropertyIterator(true);
    DefaultListModel<File> datasets = new DefaultListModel<>();
    datasets.addElement(data);
    exp.setDatasets(datasets);
    return exp;
  }

  static void runRemote(Experiment base, List<String> hosts, long timeoutMillis) throws Exception {
    RemoteExperiment exp = new RemoteExperiment(base);
    exp.setSplitByDataSet(false); // one sub-experiment per run
    for (String h : hosts) {
      exp.addRemoteHost(h);
    }
    final Object lock = new Object();
    final boolean[] finished = {false};
    exp.addRemoteExperimentListener((RemoteExperimentEvent e) -> {
      if (e.m_messageString != null && !e.m_messageString.isBlank()) {
        System.out.println("  RemoteExperiment: " + e.m_messageString.trim());
      }
      if (e.m_experimentFinished) {
        synchronized (lock) {
          finished[0] = true;
          lock.notifyAll();
        }
      }
    });
    exp.initialize();
    exp.runExperiment();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    synchronized (lock) {
      while (!finished[0]) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          exp.abortExperiment();
          throw new IllegalStateException("RemoteExperiment did not finish within the time limit");
        }
        lock.wait(left);
      }
    }
  }

  /** Reads a CSVResultListener file: a header of column names, then one row per line, values quoted with
   * Utils.quote. Values stay the text Weka wrote (Double.toString for numbers), so equal text is equal bits. */
  static List<Map<String, String>> load(File csv, List<String> cols) throws Exception {
    List<String> lines = Files.readAllLines(csv.toPath());
    List<Map<String, String>> rows = new ArrayList<>();
    if (lines.isEmpty()) {
      return rows;
    }
    cols.addAll(split(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      if (line.isEmpty()) {
        continue;
      }
      List<String> values = split(line);
      if (values.size() != cols.size()) {
        throw new IllegalStateException(csv + ": " + values.size() + " values for " + cols.size() + " columns");
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < cols.size(); i++) {
        row.put(cols.get(i), values.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        cur.append(c).append(line.charAt(++i)); // keep escapes: compared as written
      } else if (c == '\'') {
        quoted = !quoted;
        cur.append(c);
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  static String key(Map<String, String> row) {
    StringBuilder sb = new StringBuilder();
    for (String k : KEY) {
      sb.append(row.get(k)).append(" | ");
    }
    return sb.toString();
  }

  static boolean compare(String name, List<String> localCols, List<Map<String, String>> local,
    List<String> remoteCols, Map<String, Map<String, String>> remote) {
    if (remoteCols == null) {
      System.out.println(name + ": no remote rows");
      return false;
    }
    boolean equal = true;
    if (!localCols.equals(remoteCols)) {
      System.out.println(name + ": columns differ\n  local:  " + localCols + "\n  remote: " + remoteCols);
      equal = false;
    }
    int expected = 2 * 10 * CLASSIFIERS_PER_EXPERIMENT; // runs x folds x classifiers
    if (local.size() != expected || remote.size() != expected) {
      System.out.println(name + ": expected " + expected + " rows, local " + local.size() + ", remote "
        + remote.size());
      equal = false;
    }
    int differences = 0;
    for (Map<String, String> lrow : local) {
      Map<String, String> rrow = remote.get(key(lrow));
      if (rrow == null) {
        System.out.println(name + ": no remote row for " + key(lrow));
        equal = false;
        continue;
      }
      for (String col : localCols) {
        if (IGNORED.contains(col) || !rrow.containsKey(col)) {
          continue;
        }
        if (!lrow.get(col).equals(rrow.get(col))) {
          equal = false;
          if (differences++ < 10) {
            System.out.println(name + ": " + key(lrow) + col + ": local " + lrow.get(col) + ", remote "
              + rrow.get(col));
          }
        }
      }
    }
    if (differences > 10) {
      System.out.println(name + ": ... " + differences + " differing values in all");
    }
    return equal;
  }
}
