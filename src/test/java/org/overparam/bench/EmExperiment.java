// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import weka.clusterers.AbstractClusterer;
import weka.clusterers.DensityBasedClusterer;
import weka.core.OptionHandler;
import weka.core.Utils;
import weka.experiment.DensityBasedClustererSplitEvaluator;

/**
 * Real-data comparison for OverparameterizedEM: one Weka Experiment per data set (runs x 10-fold CV,
 * DensityBasedClustererSplitEvaluator: the held-out log-likelihood per instance, the class removed)
 * over our clusterer (defaults; FULL covariances; one start, the old default) against Weka's EM and
 * SimpleKMeans made density-based (MakeDensityBasedClusterer), all with the same k, then the corrected
 * paired t-test against our defaults.
 *
 * <p>Usage: {@code EmExperiment <data dir> <work dir> <runs>}.
 */
public final class EmExperiment {
  private EmExperiment() {}

  public static void main(String[] args) throws Exception {
    File dataDir = new File(args[0]);
    File work = new File(args[1]);
    int runs = Integer.parseInt(args[2]);
    work.mkdirs();
    // file -> k, the number of classes. Labelled sets only: the Experiment takes the last attribute as the
    // class and the evaluator removes it, which would drop a variable of an unlabelled set.
    Map<String, Integer> datasets = new LinkedHashMap<>();
    datasets.put("iris.arff", 3);
    datasets.put("wine.arff", 3);
    datasets.put("segment-challenge.arff", 7);
    datasets.put("vehicle.arff", 4);
    datasets.put("diabetes.arff", 2);
    for (Map.Entry<String, Integer> e : datasets.entrySet()) {
      File file = new File(dataDir, e.getKey());
      List<DensityBasedClusterer> schemes = schemes(e.getValue());
      File results = new File(work, e.getKey().replace(".arff", "") + "-results.arff");
      long start = System.nanoTime();
      DensityBasedClustererSplitEvaluator evaluator = new DensityBasedClustererSplitEvaluator();
      BenchExperiments.run(file, evaluator, "clusterer", evaluator.getClusterer(),
          schemes.toArray(new DensityBasedClusterer[0]), runs, results);
      System.out.printf(Locale.ROOT, "%n=== %s: k = %d, %d x 10-fold CV, %.0f s ===%n", e.getKey(), e.getValue(), runs,
          (System.nanoTime() - start) / 1e9);
      for (int i = 0; i < schemes.size(); i++) {
        System.out.printf(Locale.ROOT, "(%d) %s %s%n", i + 1, schemes.get(i).getClass().getSimpleName(),
            Utils.joinOptions(((OptionHandler) schemes.get(i)).getOptions()));
      }
      System.out.println(BenchExperiments.tTest(results, "Log_likelihood"));
      System.out.println("Training time per fold (s):");
      System.out.println(BenchExperiments.tTest(results, "Time_training"));
    }
  }

  static List<DensityBasedClusterer> schemes(int k) throws Exception {
    String n = Integer.toString(k);
    List<DensityBasedClusterer> list = new ArrayList<>();
    list.add(clusterer("weka.clusterers.OverparameterizedEM", "-N", n));
    list.add(clusterer("weka.clusterers.OverparameterizedEM", "-N", n, "-covariance", "FULL"));
    list.add(clusterer("weka.clusterers.OverparameterizedEM", "-N", n, "-restarts", "1"));
    list.add(clusterer("weka.clusterers.EM", "-N", n));
    list.add(clusterer("weka.clusterers.MakeDensityBasedClusterer", "-W", "weka.clusterers.SimpleKMeans", "--",
        "-N", n));
    return list;
  }

  private static DensityBasedClusterer clusterer(String name, String... options) throws Exception {
    return (DensityBasedClusterer) AbstractClusterer.forName(name, options);
  }
}
