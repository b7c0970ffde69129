// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.TDistribution;
import org.overparam.mindiff.GroupMetrics;
import org.overparam.mindiff.MinDiffLabel;
import org.overparam.mindiff.ThresholdSearch;
import weka.classifiers.functions.MinDiffNetwork;
import weka.core.Instances;
import weka.core.Utils;
import weka.overparam.GroupScores;
import weka.overparam.SensitiveAttribute;

/**
 * MinDiffNetwork against the plain network and against post-processing, over random splits of UCI
 * Adult (sensitive attribute sex, S = Female, positive class >50K, FNR gap equalised). The two
 * Adult files are pooled; each split draws a training sample of {@code -n-train} rows stratified by
 * (sex, class) cell, and the rest (or {@code -n-test} of it) is the test set. Every configuration is
 * trained on the same sample with the split's seed, so differences are paired by split.
 *
 * <p>Each configuration gives one or two prediction rules, each measured on the test set (error,
 * FNR gap): the network at probability 0.5, and, where the network has a validation split, the
 * per-group thresholds chosen on it (FNR gap at most 0.01 there, lowest error). {@code post} is
 * baseline (b): the plain network trained on 80% of the sample, with group thresholds chosen on the
 * other 20% (stratified by cell), without early stopping. The summary gives the mean with its 95%
 * t-interval over splits, and the paired difference against the first rule ({@code plain}).
 *
 * <pre>
 * java ... org.overparam.bench.MinDiffSplits -train adult-train.arff.gz -test adult-test.arff.gz
 *     [-n-train 5000] [-n-test 0 (all the rest)] [-splits 10] [-first-seed 1]
 *     [-configs plain,post,plain-es,mindiff-old,mindiff-es,mindiff-es-l2,plain-l2] [-csv out.csv]
 *     [-- shared MinDiffNetwork options]
 * </pre>
 */
public final class MinDiffSplits {
  private MinDiffSplits() {}

  /** The configurations run without -configs (those of docs/results.md). */
  static final String DEFAULT_CONFIGS = "plain,post,plain-es,mindiff-old,mindiff-es,mindiff-es-l2,plain-l2";

  /** Fraction of the sample {@code post} holds out for its thresholds, as the networks' validation split. */
  static final double HOLDOUT = 0.2;

  /**
   * The options of each configuration, on top of the shared ones. L2 and the validation split are
   * explicit, so that the rows survive a change of defaults, and the networks predict with their own
   * probability (-decision-thresholds DEFAULT): this runner applies the validation thresholds itself,
   * in the "+thr" rows. mindiff-es-l2 is MinDiffNetwork at its defaults (L2 0.01, validation fraction
   * 0.2), mindiff-old at the defaults before them (no L2, no validation split).
   */
  static final Map<String, String> CONFIGS = new LinkedHashMap<>();

  static {
    CONFIGS.put("plain", "-lambda 0 -validation-fraction 0 -l2 0");
    CONFIGS.put("post", "-lambda 0 -validation-fraction 0 -l2 0");
    CONFIGS.put("plain-es", "-lambda 0 -validation-fraction 0.2 -l2 0");
    CONFIGS.put("mindiff-old", "-lambda 1.5 -validation-fraction 0 -l2 0");
    CONFIGS.put("mindiff-es", "-lambda 1.5 -validation-fraction 0.2 -l2 0");
    CONFIGS.put("mindiff-es-l2", "-lambda 1.5 -validation-fraction 0.2 -l2 0.01");
    CONFIGS.put("plain-l2", "-lambda 0 -validation-fraction 0 -l2 0.01");
    CONFIGS.put("mindiff-l2", "-lambda 1.5 -validation-fraction 0 -l2 0.01");
    CONFIGS.put("mindiff-es-lambda5", "-lambda 5 -validation-fraction 0.2 -l2 0");
  }

  public static void main(String[] args) throws Exception {
    String[] options = args.clone();
    String[] extra = Utils.partitionOptions(options);
    String trainFile = Utils.getOption("train", options);
    String testFile = Utils.getOption("test", options);
    int nTrain = MinDiffWidthSweep.intOption("n-train", options, 5000);
    int nTest = MinDiffWidthSweep.intOption("n-test", options, 0);
    int splits = MinDiffWidthSweep.intOption("splits", options, 10);
    int firstSeed = MinDiffWidthSweep.intOption("first-seed", options, 1);
    String configList = Utils.getOption("configs", options);
    String[] configs = (configList.isEmpty() ? DEFAULT_CONFIGS : configList).split(",");
    String csv = Utils.getOption("csv", options);
    Utils.checkForRemainingOptions(options);
    if (!"plain".equals(configs[0])) {
      throw new IllegalArgumentException("-configs must start with plain (the paired differences are against it)");
    }
    for (String c : configs) {
      if (!CONFIGS.containsKey(c)) {
        throw new IllegalArgumentException("unknown configuration " + c + "; known: " + CONFIGS.keySet());
      }
    }
    String shared = "-sensitive-attribute sex -sensitive-value Female -positive-class >50K -decision-thresholds DEFAULT "
        + String.join(" ", extra);

    Instances pool = ItopAccuracyExperiment.read(trainFile);
    Instances other = ItopAccuracyExperiment.read(testFile);
    for (int i = 0; i < other.numInstances(); i++) {
      pool.add(other.instance(i));
    }
    SensitiveAttribute sex = SensitiveAttribute.resolve(pool, "-sensitive", "sex", "Female");
    int pos = SensitiveAttribute.positiveClass(pool, ">50K");
    PrintStream out = System.out;
    out.printf("Adult pooled (%d rows): %d training rows per split (stratified by sex x class), test = %s; "
        + "%d splits from seed %d; shared options: %s%n", pool.numInstances(), nTrain,
        nTest > 0 ? nTest + " other rows" : "all other rows", splits, firstSeed, shared);
    List<String> csvRows = new ArrayList<>();
    csvRows.add("seed,rule,test_error,test_fnr_gap,fnr_female,fnr_male,epochs,seconds");
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    for (int seed = firstSeed; seed < firstSeed + splits; seed++) {
      Random rnd = new Random(seed);
      List<List<Integer>> cells = cells(pool, sex, pos, rnd);
      Instances train = new Instances(pool, 0);
      Instances fit = new Instances(pool, 0);
      Instances holdout = new Instances(pool, 0);
      Instances test = new Instances(pool, 0);
      for (List<Integer> cell : cells) {
        int take = (int) Math.round((double) nTrain * cell.size() / pool.numInstances());
        int held = (int) Math.round(HOLDOUT * take);
        for (int k = 0; k < cell.size(); k++) {
          Instances to = k < take ? train : test;
          to.add(pool.instance(cell.get(k)));
          if (k < take) {
            (k < held ? holdout : fit).add(pool.instance(cell.get(k)));
          }
        }
      }
      train.randomize(rnd);
      fit.randomize(rnd);
      test.randomize(rnd);
      if (nTest > 0 && nTest < test.numInstances()) {
        test = new Instances(test, 0, nTest);
      }
      for (String c : configs) {
        MinDiffNetwork net = new MinDiffNetwork();
        net.setOptions(Utils.splitOptions(shared + " -S " + seed + " " + CONFIGS.get(c)));
        boolean post = "post".equals(c);
        long start = System.nanoTime();
        net.buildClassifier(post ? fit : train);
        double seconds = (System.nanoTime() - start) / 1e9;
        double epochs = net.getReport().taskLoss().size();
        GroupScores onTest = GroupScores.of(net, test, sex, pos);
        Map<String, GroupMetrics> rules = new LinkedHashMap<>();
        ThresholdSearch.Choice choice;
        if (post) {
          choice = GroupScores.of(net, holdout, sex, pos).constrained(ThresholdSearch.withTolerance(0.01),
              MinDiffLabel.POSITIVE);
        } else {
          rules.put(c, onTest.atHalf());
          choice = net.getReport().validationChoice();
        }
        if (choice != null) {
          // An infeasible search leaves the network's own predictions (what GROUP_CONSTRAINED does then).
          rules.put(post ? c : c + "+thr", choice.feasible() ? onTest.at(choice) : onTest.atHalf());
        }
        for (Map.Entry<String, GroupMetrics> r : rules.entrySet()) {
          GroupMetrics m = r.getValue();
          double[] v = {m.overall().error(), m.fnrGap(), m.sensitive().fnr(), m.reference().fnr(), epochs, seconds};
          results.computeIfAbsent(r.getKey(), k -> new ArrayList<>()).add(v);
          StringBuilder row = new StringBuilder(seed + "," + r.getKey());
          for (double x : v) {
            row.append(',').append(String.format(Locale.ROOT, "%.6f", x));
          }
          csvRows.add(row.toString());
          out.println("run " + row);
        }
        out.flush();
      }
    }
    out.println();
    out.println(summary(results));
    if (!csv.isEmpty()) {
      Files.write(Path.of(csv), csvRows);
    }
  }

  /** The markdown table: mean [95% CI] of error and gap, paired differences against the first rule. */
  static String summary(Map<String, List<double[]>> results) {
    List<double[]> base = results.values().iterator().next();
    StringBuilder s = new StringBuilder("| rule | test error | test FNR gap | error − plain | gap − plain | "
        + "gap vs plain | epochs | s per build |\n|---|---|---|---|---|---|---|---|\n");
    double baseGap = mean(column(base, 1));
    for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
      List<double[]> runs = e.getValue();
      double[] err = column(runs, 0);
      double[] gap = column(runs, 1);
      boolean isBase = runs == base;
      s.append("| ").append(e.getKey()).append(" | ").append(ci(err)).append(" | ").append(ci(gap)).append(" | ")
          .append(isBase ? "–" : ci(minus(err, column(base, 0)))).append(" | ")
          .append(isBase ? "–" : ci(minus(gap, column(base, 1)))).append(" | ")
          .append(isBase ? "–" : String.format(Locale.ROOT, "%+.0f%%", 100 * (mean(gap) / baseGap - 1))).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", mean(column(runs, 4)))).append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", mean(column(runs, 5)))).append(" |\n");
    }
    return s.toString();
  }

  /** "mean [lo, hi]" with the two-sided 95% t-interval of the mean. */
  static String ci(double[] x) {
    double m = mean(x);
    if (x.length < 2) {
      return String.format(Locale.ROOT, "%.4f", m);
    }
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    double half = new TDistribution(x.length - 1).inverseCumulativeProbability(0.975)
        * Math.sqrt(ss / (x.length - 1) / x.length);
    return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", m, m - half, m + half);
  }

  /** Row indices per (sex, class) cell, each shuffled. */
  private static List<List<Integer>> cells(Instances pool, SensitiveAttribute sex, int pos, Random rnd) {
    List<List<Integer>> cells = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      cells.add(new ArrayList<>());
    }
    for (int i = 0; i < pool.numInstances(); i++) {
      boolean s = sex.isSensitive(pool.instance(i));
      boolean p = (int) pool.instance(i).classValue() == pos;
      cells.get((s ? 2 : 0) + (p ? 1 : 0)).add(i);
    }
    for (List<Integer> c : cells) {
      java.util.Collections.shuffle(c, rnd);
    }
    return cells;
  }

  private static double[] column(List<double[]> runs, int col) {
    return runs.stream().mapToDouble(r -> r[col]).toArray();
  }

  private static double[] minus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

}
