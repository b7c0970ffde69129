// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.util.Arrays;
import java.util.StringJoiner;
import org.overparam.itop.ItopReport;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Accuracy against the ITOP rate R_s: ItopSparseNetwork runs, each with the common options and its own,
 * repeated for each seed, and one markdown table row per run (mean test accuracy and R_s over the seeds, the
 * accuracy of each seed, the topology updates made and their interval). Used for ITOP's extended training
 * ({@code -training-multiplier}) and for different update intervals at a fixed budget.
 *
 * <p>Usage: {@code ItopMultiplierExperiment <train.arff> <test.arff> <seeds, e.g. 1,2,3> "<common options>"
 * "<label>=<options>"...}
 */
public final class ItopMultiplierExperiment {
  private ItopMultiplierExperiment() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      throw new IllegalArgumentException("usage: ItopMultiplierExperiment <train.arff> <test.arff> <seeds> "
          + "\"<common options>\" \"<label>=<options>\"...");
    }
    Instances train = ItopAccuracyExperiment.read(args[0]);
    Instances test = ItopAccuracyExperiment.read(args[1]);
    int[] seeds = Arrays.stream(args[2].split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
    String common = args[3];
    System.out.printf("%d train / %d test instances; seeds %s; common options: %s%n", train.numInstances(),
        test.numInstances(), args[2], common);
    System.out.println("| run | options | epochs | topology updates | ΔT (iterations / epochs) | R_s "
        + "| test accuracy (mean) | per seed | train s (mean) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (int i = 4; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("a run is <label>=<options>, got '" + args[i] + "'");
      }
      String label = args[i].substring(0, eq);
      String own = args[i].substring(eq + 1).trim();
      double accSum = 0;
      double rsSum = 0;
      double secondsSum = 0;
      StringJoiner perSeed = new StringJoiner(" / ");
      ItopReport r = null;
      int epochs = 0;
      for (int seed : seeds) {
        ItopSparseNetwork net = new ItopSparseNetwork();
        net.setOptions(Utils.splitOptions(common + " " + own));
        net.setSeed(seed);
        long start = System.nanoTime();
        net.buildClassifier(train);
        secondsSum += (System.nanoTime() - start) / 1e9;
        Evaluation e = new Evaluation(train);
        e.evaluateModel(net, test);
        accSum += e.pctCorrect();
        perSeed.add(String.format("%.2f", e.pctCorrect()));
        r = net.getItopReport();
        rsSum += r == null ? 1 : r.itopRate();
        epochs = net.getEpochs() * net.getTrainingMultiplier();
      }
      int n = seeds.length;
      String updates = r == null ? "–" : String.valueOf(r.updates());
      String interval = r == null || r.fixedMask() ? "–" : String.format("%d / %.2f", r.deltaT(), r.deltaTEpochs());
      String rs = r == null ? "1 (dense)" : String.format("%.3f", rsSum / n);
      System.out.printf("| %s | `%s` | %d | %s | %s | %s | %.2f%% | %s | %.0f |%n", label, own, epochs, updates,
          interval, rs, accSum / n, perSeed, secondsSum / n);
    }
  }
}
