// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.util.Arrays;
import java.util.List;
import weka.Run;
import weka.classifiers.Classifier;
import weka.clusterers.Clusterer;
import weka.core.CommandlineRunnable;
import weka.core.Utils;
import weka.core.WekaPackageClassLoaderManager;
import weka.filters.Filter;

/**
 * weka.Run with an exit status, for scripts; the launcher {@code weka-package/weka} runs every
 * command line through it. Weka 3.8 prints what went wrong and still exits with status 0: weka.Run
 * catches every exception, and so do runClassifier, runClusterer and runFilter (and this package's
 * learners, which follow them). This runs classifiers, clusterers, filters and command-line tools
 * the same way but keeps the exception, prints it as {@link CommandLineRun} does, and ends the JVM
 * with status 1; status 2 when the scheme cannot be found or is ambiguous. Help ({@code -h}) is
 * status 0. Other kinds of scheme (associators, loaders, savers, data generators, attribute
 * evaluators) go to weka.Run itself, with its status 0.
 *
 * <pre>java -cp weka.jar weka.Run -no-scan weka.overparam.ExitStatusRun .ItopSparseNetwork -t data.arff</pre>
 *
 * <p>It calls System.exit, so it is for a command line of its own, not for Weka's SimpleCLI (which
 * runs commands inside the GUI's JVM).
 */
public final class ExitStatusRun implements CommandlineRunnable {
  static final int FAILED = 1;
  static final int NOT_FOUND = 2;
  private static final String USAGE = "Usage: weka.Run -no-scan weka.overparam.ExitStatusRun <scheme> [options]\n"
      + "Runs <scheme> as weka.Run does; exit status 0 on success, 1 when the scheme fails,\n"
      + "2 when it cannot be found or the name is ambiguous.";
  /** weka.Run's own flags, which the launcher may pass on: they change nothing here. */
  private static final List<String> RUN_FLAGS =
      List.of("-no-scan", "-no-load", "-match-anywhere", "-do-not-prompt-if-multiple-matches");

  @Override
  public void preExecution() {}

  @Override
  public void postExecution() {}

  @Override
  public void run(Object toRun, String[] args) {
    int status = execute(args);
    System.out.flush();
    System.err.flush();
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command line; returns its exit status. */
  static int execute(String[] args) {
    int first = 0;
    while (first < args.length && RUN_FLAGS.contains(args[first])) {
      first++;
    }
    if (first == args.length || args[first].equals("-h") || args[first].equals("-help")) {
      System.err.println(USAGE);
      return first == args.length ? NOT_FOUND : 0;
    }
    String name = args[first];
    String[] options = Arrays.copyOfRange(args, first + 1, args.length);
    Object scheme = find(name);
    if (scheme == null) {
      return NOT_FOUND;
    }
    try {
      if (!runScheme(scheme, options)) {
        Run.main(Arrays.copyOfRange(args, first, args.length)); // weka.Run's way, and its status 0
      }
      return 0;
    } catch (Exception e) {
      if (String.valueOf(e.getMessage()).contains("Help requested")) {
        System.err.println(e.getMessage());
        return 0;
      }
      CommandLineRun.report(e);
      return FAILED;
    }
  }

  /** The scheme named as weka.Run names it (a full class name, or a suffix such as .J48); null after a message. */
  private static Object find(String name) {
    if (!name.startsWith(".")) {
      try {
        return WekaPackageClassLoaderManager.objectForName(name); // a full name needs no scan
      } catch (Exception | LinkageError e) {
        // not a loadable class name: look it up as a suffix, as weka.Run does
      }
    }
    List<String> matches = Run.findSchemeMatch(name, false);
    if (matches.size() != 1) {
      System.err.println(matches.isEmpty() ? "Can't find scheme " + name + ", or it is not runnable."
          : "There are multiple matches for " + name + ": " + String.join(", ", matches)
              + "\nPlease qualify it with more of the package name.");
      return null;
    }
    try {
      return WekaPackageClassLoaderManager.objectForName(matches.get(0));
    } catch (Exception e) {
      System.err.println(matches.get(0) + " is not runnable: " + e.getMessage());
      return null;
    }
  }

  /**
   * Runs a classifier, clusterer, filter or command-line tool, letting its exception through;
   * false for any other kind of scheme.
   */
  private static boolean runScheme(Object scheme, String[] options) throws Exception {
    String[] o = options.clone();
    if (scheme instanceof Classifier classifier) {
      CommandLineRun.evaluateClassifier(classifier, o);
    } else if (scheme instanceof Clusterer clusterer) {
      CommandLineRun.evaluateClusterer(clusterer, o);
    } else if (scheme instanceof Filter filter) {
      if (Utils.getFlag('b', o)) {
        Filter.batchFilterFile(filter, o);
      } else {
        Filter.filterFile(filter, o);
      }
    } else if (scheme instanceof CommandlineRunnable tool) {
      tool.preExecution();
      tool.run(tool, o);
      tool.postExecution();
    } else {
      return false;
    }
    return true;
  }
}
