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
import org.overparam.mindiff.GroupMetrics;
import org.overparam.mindiff.MinDiffLabel;
import org.overparam.mindiff.ThresholdSearch;
import weka.classifiers.functions.MinDiffNetwork;
import weka.core.Instances;
import weka.core.Utils;
import weka.overparam.GroupScores;
import weka.overparam.SensitiveAttribute;

/**
 * Width sweep of Veldanda et al. on UCI Adult (sensitive attribute sex, positive class >50K, FNR
 * equalised): for each hidden width and each configuration (plain network, MinDiff, MinDiff with
 * flooding, with L2, with fairness-aware early stopping) it trains MinDiffNetwork on a seeded
 * sample of adult-train and measures training and test error, the FNR gaps at probability 0.5, the
 * final training MMD, and the fairness-constrained test error (per-group thresholds chosen on a
 * separate seeded sample of adult-train, FNR gap <= 0.01, applied to adult-test). Each seed draws
 * its own samples and initialises its own networks; the summary table gives mean (sd) over seeds.
 *
 * <pre>
 * java ... org.overparam.bench.MinDiffWidthSweep -train adult-train.arff.gz -test adult-test.arff.gz
 *     [-n-train 1000] [-n-select 2000] [-widths 2,8,32,128,512,2048] [-configs plain,mindiff,flood,l2,es]
 *     [-seeds 1,2,3] [-csv out.csv] [-- shared MinDiffNetwork options]
 * </pre>
 */
public final class MinDiffWidthSweep {
  private MinDiffWidthSweep() {}

  /** The options of each configuration, on top of the shared ones. */
  static final Map<String, String> CONFIGS = new LinkedHashMap<>();

  static {
    // L2 and the validation split pinned to the values the documented sweep ran with (the defaults
    // then), so that a rerun after the defaults changed measures the same thing.
    CONFIGS.put("plain", "-lambda 0 -l2 0 -validation-fraction 0");
    CONFIGS.put("mindiff", "-lambda 1.5 -l2 0 -validation-fraction 0");
    CONFIGS.put("flood", "-lambda 1.5 -flood-level 0.25 -l2 0 -validation-fraction 0");
    CONFIGS.put("l2", "-lambda 1.5 -l2 0.01 -validation-fraction 0");
    CONFIGS.put("es", "-lambda 1.5 -l2 0 -validation-fraction 0.2 -patience 20");
  }

  /** Measured columns, in CSV order. */
  static final String[] COLUMNS = {"train_error", "train_fnr_gap", "final_train_mmd", "test_error", "test_fnr_gap",
      "constrained_test_error", "constrained_test_fnr_gap", "epochs", "seconds"};

  public static void main(String[] args) throws Exception {
    String[] options = args.clone();
    String[] extra = Utils.partitionOptions(options);
    String trainFile = Utils.getOption("train", options);
    String testFile = Utils.getOption("test", options);
    int nTrain = intOption("n-train", options, 1000);
    int nSelect = intOption("n-select", options, 2000);
    String[] widths = orDefault(Utils.getOption("widths", options), "2,8,32,128,512,2048").split(",");
    String[] configs = orDefault(Utils.getOption("configs", options), String.join(",", CONFIGS.keySet())).split(",");
    String[] seeds = orDefault(Utils.getOption("seeds", options), "1").split(",");
    String csv = Utils.getOption("csv", options);
    Utils.checkForRemainingOptions(options);
    String shared = "-sensitive-attribute sex -sensitive-value Female -positive-class >50K " + String.join(" ", extra);

    Instances all = ItopAccuracyExperiment.read(trainFile);
    Instances test = ItopAccuracyExperiment.read(testFile);
    PrintStream out = System.out;
    out.printf("Adult: %d training rows and %d threshold-selection rows drawn per seed from adult-train, %d test rows;"
        + " seeds %s; shared options: %s%n", nTrain, nSelect, test.numInstances(), String.join(",", seeds), shared);
    List<String> csvRows = new ArrayList<>();
    csvRows.add("seed,width,config,params," + String.join(",", COLUMNS));
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    for (String seed : seeds) {
      Instances shuffled = new Instances(all);
      shuffled.randomize(new Random(Long.parseLong(seed)));
      Instances train = new Instances(shuffled, 0, nTrain);
      Instances select = new Instances(shuffled, nTrain, nSelect);
      for (String w : widths) {
        for (String c : configs) {
          MinDiffNetwork net = new MinDiffNetwork();
          net.setOptions(Utils.splitOptions(shared + " -hidden-layers " + w + " -S " + seed + " " + CONFIGS.get(c)));
          long start = System.nanoTime();
          net.buildClassifier(train);
          double seconds = (System.nanoTime() - start) / 1e9;
          double[] m = measure(net, train, select, test, seconds);
          results.computeIfAbsent(w + "," + c, k -> new ArrayList<>()).add(m);
          StringBuilder row = new StringBuilder(seed + "," + w + "," + c + "," + net.getModel().numParameters());
          for (double v : m) {
            row.append(',').append(String.format(Locale.ROOT, "%.6f", v));
          }
          csvRows.add(row.toString());
          out.println("run " + row);
          out.flush();
        }
      }
    }
    out.printf("%n| width | config | train err | train FNR gap | final train MMD | test err | test FNR gap | "
        + "constrained test err | its test FNR gap |%n|---|---|---|---|---|---|---|---|---|%n");
    for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
      String[] key = e.getKey().split(",");
      StringBuilder line = new StringBuilder("| " + key[0] + " | " + key[1] + " |");
      for (int col = 0; col < 7; col++) {
        line.append(' ').append(meanSd(e.getValue(), col)).append(" |");
      }
      out.println(line);
    }
    if (!csv.isEmpty()) {
      Files.write(Path.of(csv), csvRows);
    }
  }

  /** The {@link #COLUMNS} of one trained network. */
  private static double[] measure(MinDiffNetwork net, Instances train, Instances select, Instances test,
      double seconds) throws Exception {
    SensitiveAttribute sex = SensitiveAttribute.resolve(train, "-sensitive", "sex", "Female");
    int pos = SensitiveAttribute.positiveClass(train, ">50K");
    GroupMetrics tr = GroupScores.of(net, train, sex, pos).atHalf();
    GroupScores onTest = GroupScores.of(net, test, sex, pos);
    GroupMetrics te = onTest.atHalf();
    ThresholdSearch.Choice choice = GroupScores.of(net, select, sex, pos)
        .constrained(ThresholdSearch.withTolerance(0.01), MinDiffLabel.POSITIVE);
    GroupMetrics constrained = choice.feasible() ? onTest.at(choice) : null;
    List<Double> mmd = net.getReport().trainMmd();
    return new double[] {tr.overall().error(), tr.fnrGap(), mmd.isEmpty() ? Double.NaN : mmd.get(mmd.size() - 1),
        te.overall().error(), te.fnrGap(), constrained == null ? Double.NaN : constrained.overall().error(),
        constrained == null ? Double.NaN : constrained.fnrGap(), net.getReport().taskLoss().size(), seconds};
  }

  private static String meanSd(List<double[]> runs, int col) {
    double sum = 0;
    for (double[] r : runs) {
      sum += r[col];
    }
    double mean = sum / runs.size();
    if (Double.isNaN(mean)) {
      return "-";
    }
    double ss = 0;
    for (double[] r : runs) {
      ss += (r[col] - mean) * (r[col] - mean);
    }
    String digits = col == 2 ? "%.4f" : "%.3f";
    String m = String.format(Locale.ROOT, digits, mean);
    return runs.size() < 2 ? m : m + " (" + String.format(Locale.ROOT, digits, Math.sqrt(ss / (runs.size() - 1))) + ")";
  }

  static int intOption(String name, String[] options, int dflt) throws Exception {
    String v = Utils.getOption(name, options);
    return v.isEmpty() ? dflt : Integer.parseInt(v);
  }

  private static String orDefault(String v, String dflt) {
    return v.isEmpty() ? dflt : v;
  }
}
