// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.util.Random;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.clusterers.AbstractClusterer;
import weka.clusterers.ClusterEvaluation;
import weka.clusterers.Clusterer;
import weka.clusterers.DensityBasedClusterer;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaException;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Runs a learner from the command line (its main(), and weka.Run through its run()) as Weka's
 * runClassifier / runClusterer do, but reports bad input as a message instead of a stack trace:
 * Weka prints a stack trace for every exception whose message lacks its "General options" text,
 * which makes a refused option or data set look like a crash. An exception that is not about the
 * input (a bug) keeps its stack trace.
 */
public final class CommandLineRun {
  private CommandLineRun() {}

  /** Evaluates {@code classifier} as {@code weka.classifiers.Evaluation} does from the command line. */
  public static void classifier(Classifier classifier, String[] options) {
    try {
      evaluateClassifier(classifier, options);
    } catch (Exception e) {
      report(e);
    }
  }

  /** {@link #classifier}, but the exception is the caller's. */
  static void evaluateClassifier(Classifier classifier, String[] options) throws Exception {
    System.out.println(Evaluation.evaluateModel(classifier, options));
  }

  /**
   * Evaluates {@code clusterer} as {@code weka.clusterers.ClusterEvaluation} does from the command
   * line. Cross-validation ({@code -x}) is run here on the clusterer object: Weka 3.8 creates the
   * clusterer for it by class name with {@code Class.forName}, which cannot see a class that an
   * installed package provides ("Can't find class with name ...").
   */
  public static void clusterer(Clusterer clusterer, String[] options) {
    try {
      evaluateClusterer(clusterer, options);
    } catch (Exception e) {
      report(e);
    }
  }

  /** {@link #clusterer}, but the exception is the caller's. */
  static void evaluateClusterer(Clusterer clusterer, String[] options) throws Exception {
    String[] rest = options.clone();
    String folds = Utils.getOption('x', rest);
    boolean crossValidate = !folds.isEmpty() && clusterer instanceof DensityBasedClusterer;
    if (crossValidate) {
      checkCrossValidation(options);
    }
    String text = ClusterEvaluation.evaluateClusterer(clusterer, rest);
    if (crossValidate) {
      text += crossValidation((DensityBasedClusterer) clusterer, options, folds);
    }
    System.out.println(text);
  }

  /** Weka's own rule: cross-validation runs on the training file alone, without class-based evaluation. */
  private static void checkCrossValidation(String[] options) throws Exception {
    String[] o = options.clone();
    if (OptionContract.parseInt("-x", Utils.getOption('x', o)) < 2) {
      throw new IllegalArgumentException("-x (folds) must be at least 2");
    }
    if (!Utils.getOption('T', o).isEmpty() || !Utils.getOption('l', o).isEmpty()
        || !Utils.getOption('c', o).isEmpty()) {
      throw new IllegalArgumentException("-x (cross-validation) cannot be combined with -T, -l or -c");
    }
  }

  /** Weka's cross-validated log-likelihood, with the same folds as ClusterEvaluation would draw. */
  private static String crossValidation(DensityBasedClusterer template, String[] options, String foldsOption)
      throws Exception {
    String[] o = options.clone();
    int folds = OptionContract.parseInt("-x", foldsOption);
    String seed = Utils.getOption('s', o);
    Random random = new Random(seed.isEmpty() ? 1 : OptionContract.parseInt("-s", seed));
    Instances data = new DataSource(Utils.getOption('t', o)).getDataSet();
    data.randomize(random);
    double logLik = logLikelihood((DensityBasedClusterer) AbstractClusterer.makeCopy(template), data, folds, random);
    return "\n" + folds + " fold CV Log Likelihood: " + Utils.doubleToString(logLik, 6, 4) + "\n";
  }

  /**
   * The mean log-density of held-out instances over the folds, as Weka's
   * ClusterEvaluation.crossValidateModel computes it, except that an instance the clusterer refuses
   * is an error instead of being skipped.
   */
  static double logLikelihood(DensityBasedClusterer clusterer, Instances data, int folds, Random random)
      throws Exception {
    Instances shuffled = new Instances(data);
    shuffled.randomize(random);
    double sum = 0;
    for (int i = 0; i < folds; i++) {
      clusterer.buildClusterer(shuffled.trainCV(folds, i, random));
      for (Instance inst : shuffled.testCV(folds, i)) {
        sum += clusterer.logDensityForInstance(inst);
      }
    }
    return sum / shuffled.numInstances();
  }

  /** Prints {@code e} for the command line: the message alone for bad input, the stack trace for a bug. */
  static void report(Exception e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("General options")) {
      System.err.println(message); // Weka's own report, with the option list
    } else if (e instanceof IllegalArgumentException || e instanceof ArithmeticException
        || e instanceof InterruptedException || e instanceof WekaException || e.getClass() == Exception.class) {
      // a plain Exception is how Weka's evaluation code reports bad command lines and files
      System.err.println("\nWeka exception: " + message);
    } else {
      e.printStackTrace();
    }
  }
}
