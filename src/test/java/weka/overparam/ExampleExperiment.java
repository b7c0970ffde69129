// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.File;
import org.overparam.bench.BenchExperiments;
import weka.classifiers.Classifier;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.MultilayerPerceptron;
import weka.classifiers.trees.J48;
import weka.experiment.ClassifierSplitEvaluator;
import weka.experiment.Experiment;
import weka.experiment.xml.XMLExperiment;

/**
 * Writes the shipped Experimenter configuration docs/experiments/compare-networks.xml: a sparse and
 * a dense ItopSparseNetwork against Weka's MultilayerPerceptron, Logistic and J48 on two bundled
 * data sets, 10-fold cross-validation, results to experiment-results.arff. Paths are relative, so
 * open it in the Experimenter started from the repository root. Usage: {@code ExampleExperiment <file.xml>}.
 */
public final class ExampleExperiment {
  static final String[] DATASETS = {"test-data/arff/iris.arff", "test-data/arff/wine.arff"};

  private ExampleExperiment() {}

  static Classifier[] schemes() throws Exception {
    ItopSparseNetwork sparse = new ItopSparseNetwork();
    sparse.setOptions(new String[] {"-epochs", "30", "-hidden-layers", "64,64", "-sparsity", "0.9"});
    ItopSparseNetwork dense = new ItopSparseNetwork();
    dense.setOptions(new String[] {"-epochs", "30", "-hidden-layers", "64,64", "-sparsity", "0"});
    return new Classifier[] {sparse, dense, new MultilayerPerceptron(), new Logistic(), new J48()};
  }

  static Experiment build(int runs) throws Exception {
    ClassifierSplitEvaluator evaluator = new ClassifierSplitEvaluator();
    File[] datasets = java.util.Arrays.stream(DATASETS).map(File::new).toArray(File[]::new);
    return BenchExperiments.build(datasets, evaluator, "classifier", evaluator.getClassifier(), schemes(), runs,
        new File("experiment-results.arff"));
  }

  public static void main(String[] args) throws Exception {
    new XMLExperiment().write(new File(args[0]), build(10));
    System.out.println("wrote " + args[0]);
  }
}
