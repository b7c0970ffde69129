package weka.overparam;

import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.clusterers.ClusterEvaluation;
import weka.clusterers.Clusterer;
import weka.core.WekaException;

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
      System.out.println(Evaluation.evaluateModel(classifier, options));
    } catch (Exception e) {
      report(e);
    }
  }

  /** Evaluates {@code clusterer} as {@code weka.clusterers.ClusterEvaluation} does from the command line. */
  public static void clusterer(Clusterer clusterer, String[] options) {
    try {
      System.out.println(ClusterEvaluation.evaluateClusterer(clusterer, options));
    } catch (Exception e) {
      report(e);
    }
  }

  private static void report(Exception e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("General options")) {
      System.err.println(message); // Weka's own report, with the option list
    } else if (e instanceof IllegalArgumentException || e instanceof ArithmeticException
        || e instanceof InterruptedException || e instanceof WekaException) {
      System.err.println("\nWeka exception: " + message);
    } else {
      e.printStackTrace();
    }
  }
}
