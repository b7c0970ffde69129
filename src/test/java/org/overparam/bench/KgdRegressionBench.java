// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ArffSaver;
import weka.core.converters.ConverterUtils.DataSource;
import weka.experiment.RegressionSplitEvaluator;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.instance.Resample;

/**
 * Real-data comparison for OverparameterizedKernelGD: one Weka Experiment per data set (runs x
 * 10-fold CV, RegressionSplitEvaluator) over our learner (its defaults, i.e. D = 1; D = 0; D = 2;
 * -baseline) and Weka's GaussianProcesses (default noise -L 1) and SMOreg (default -C 1) with an RBF
 * kernel of gamma = 1/d' on standardised attributes, LinearRegression and RandomForest, then the
 * corrected paired t-test on RMSE against our defaults.
 *
 * <p>Usage: {@code KgdRegressionBench <data dir> <work dir> <runs> <cps subsample size>}.
 */
public final class KgdRegressionBench {
  private KgdRegressionBench() {}

  public static void main(String[] args) throws Exception {
    File dataDir = new File(args[0]);
    File work = new File(args[1]);
    int runs = Integer.parseInt(args[2]);
    int cpsRows = Integer.parseInt(args[3]);
    work.mkdirs();
    Map<String, File> datasets = new LinkedHashMap<>();
    datasets.put("cpu", new File(dataDir, "cpu.arff"));
    datasets.put("servo", new File(dataDir, "servo.arff"));
    datasets.put("cps1988-wage-" + cpsRows, subsample(new File(dataDir, "cps1988-wage.arff.gz"), cpsRows,
        new File(work, "cps1988-wage-" + cpsRows + ".arff")));
    datasets.put("faithful", new File(dataDir, "faithful.arff")); // waiting time from eruption length
    for (Map.Entry<String, File> e : datasets.entrySet()) {
      Instances data = read(e.getValue());
      double gamma = 1.0 / encodedAttributes(data);
      List<Classifier> schemes = schemes(gamma);
      File results = new File(work, e.getKey() + "-results.arff");
      long start = System.nanoTime();
      RegressionSplitEvaluator evaluator = new RegressionSplitEvaluator();
      BenchExperiments.run(e.getValue(), evaluator, "classifier", evaluator.getClassifier(),
          schemes.toArray(new Classifier[0]), runs, results);
      System.out.printf(Locale.ROOT, "%n=== %s: %d rows, gamma = 1/%d, %d x 10-fold CV, %.0f s ===%n", e.getKey(),
          data.numInstances(), encodedAttributes(data), runs, (System.nanoTime() - start) / 1e9);
      for (int i = 0; i < schemes.size(); i++) {
        System.out.printf(Locale.ROOT, "(%d) %s %s%n", i + 1, schemes.get(i).getClass().getSimpleName(),
            Utils.joinOptions(((weka.core.OptionHandler) schemes.get(i)).getOptions()));
      }
      System.out.println(BenchExperiments.tTest(results, "Root_mean_squared_error"));
      System.out.println("Training time per fold (s):");
      System.out.println(BenchExperiments.tTest(results, "Elapsed_Time_training"));
    }
  }

  static List<Classifier> schemes(double gamma) throws Exception {
    String g = Double.toString(gamma);
    String rbf = "weka.classifiers.functions.supportVector.RBFKernel -G " + g;
    List<Classifier> list = new ArrayList<>();
    list.add(AbstractClassifier.forName("weka.classifiers.functions.OverparameterizedKernelGD", new String[0]));
    list.add(AbstractClassifier.forName("weka.classifiers.functions.OverparameterizedKernelGD",
        new String[] {"-depth", "0"}));
    list.add(AbstractClassifier.forName("weka.classifiers.functions.OverparameterizedKernelGD",
        new String[] {"-depth", "2"}));
    list.add(AbstractClassifier.forName("weka.classifiers.functions.OverparameterizedKernelGD",
        new String[] {"-baseline"}));
    // Wrapped: GaussianProcesses models are not serializable in Weka 3.8.6 (see UnsavedModel).
    list.add(AbstractClassifier.forName(UnsavedModel.class.getName(), new String[] {"-W",
        "weka.classifiers.functions.GaussianProcesses", "--", "-N", "1", "-K", rbf}));
    list.add(AbstractClassifier.forName("weka.classifiers.functions.SMOreg", new String[] {"-N", "1", "-K", rbf}));
    list.add(AbstractClassifier.forName("weka.classifiers.functions.LinearRegression", new String[0]));
    list.add(AbstractClassifier.forName("weka.classifiers.trees.RandomForest", new String[0]));
    return list;
  }

  /** Attributes after NominalToBinary, without the class: the d' of gamma = 1/d'. */
  static int encodedAttributes(Instances data) throws Exception {
    NominalToBinary n2b = new NominalToBinary();
    n2b.setInputFormat(data);
    return Filter.useFilter(new Instances(data, 0), n2b).numAttributes() - 1;
  }

  static Instances read(File file) throws Exception {
    Instances data = DataSource.read(file.getPath());
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  /** A seeded subsample without replacement, written as ARFF (the Experiment reads files). */
  static File subsample(File source, int rows, File target) throws Exception {
    Instances data = read(source);
    Resample resample = new Resample();
    resample.setNoReplacement(true);
    resample.setSampleSizePercent(100.0 * rows / data.numInstances());
    resample.setRandomSeed(1);
    resample.setInputFormat(data);
    Instances sample = Filter.useFilter(data, resample);
    sample.setRelationName("cps1988-wage-" + rows);
    ArffSaver saver = new ArffSaver();
    saver.setInstances(sample);
    saver.setFile(target);
    saver.writeBatch();
    return target;
  }
}
