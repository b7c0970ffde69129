// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.util.Random;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.classifiers.functions.LinearRegression;
import weka.classifiers.functions.MultilayerPerceptron;
import weka.core.Instances;
import weka.core.Utils;

/**
 * ItopSparseNetwork on a numeric class against Weka's LinearRegression and MultilayerPerceptron:
 * correlation, RMSE and root relative squared error (RMSE as a percentage of the mean predictor's)
 * in seeded k-fold cross-validation. One markdown table row per learner.
 *
 * <p>Usage: {@code RegressionExperiment <name> <data.arff[.gz]> <folds> <ItopSparseNetwork options>
 * <MultilayerPerceptron options>} (the class is the last attribute).
 */
public final class RegressionExperiment {
  private RegressionExperiment() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    Instances data = ItopAccuracyExperiment.read(args[1]);
    int folds = Integer.parseInt(args[2]);
    String itop = args.length > 3 ? args[3] : "";
    String mlp = args.length > 4 ? args[4] : "";
    System.out.printf("%s: %d instances, class '%s', %d-fold cross-validation (seed 1); ItopSparseNetwork options: "
        + "%s; MultilayerPerceptron options: %s%n", name, data.numInstances(), data.classAttribute().name(), folds,
        itop.isEmpty() ? "defaults" : itop, mlp.isEmpty() ? "defaults" : mlp);
    System.out.println("| data | learner | correlation | RMSE | RRSE | s |");
    System.out.println("|---|---|---|---|---|---|");
    row(name, "LinearRegression", new LinearRegression(), data, folds);
    MultilayerPerceptron m = new MultilayerPerceptron();
    m.setOptions(Utils.splitOptions(mlp));
    row(name, "MultilayerPerceptron", m, data, folds);
    for (String sparsity : new String[] {"0", "0.9"}) {
      ItopSparseNetwork n = new ItopSparseNetwork();
      n.setOptions(Utils.splitOptions(itop + " -sparsity " + sparsity));
      row(name, "ItopSparseNetwork " + (sparsity.equals("0") ? "dense" : "90% sparse"), n, data, folds);
    }
  }

  private static void row(String name, String label, Classifier c, Instances data, int folds) throws Exception {
    long start = System.nanoTime();
    Evaluation e = new Evaluation(data);
    e.crossValidateModel(AbstractClassifier.makeCopy(c), data, folds, new Random(1));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("| %s | %s | %.3f | %.4g | %.1f%% | %.0f |%n", name, label, e.correlationCoefficient(),
        e.rootMeanSquaredError(), e.rootRelativeSquaredError(), seconds);
  }
}
