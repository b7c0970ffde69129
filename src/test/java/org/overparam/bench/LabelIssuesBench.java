// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.overparam.common.Seeds;
import org.overparam.labels.DetectionMetrics;
import org.overparam.labels.IssueFilter;
import org.overparam.labels.IssueRanking;
import org.overparam.labels.QualityScore;
import org.overparam.labels.ScoreCombination;
import org.overparam.sop.LabelNoise;
import org.overparam.sop.NoiseReport;
import weka.classifiers.functions.SopRobustNetwork;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.overparam.LabelIssueFinder;

/**
 * Finding injected label errors on real data (docs/guide-label-issues.md): for each noise setting
 * the labels are corrupted with {@link LabelNoise} (known flipped indices), then every ranking is
 * scored by precision and recall at k = 10, 20, 50, 100, m (the number flipped) and 5m, and by ROC
 * AUC. Out-of-sample probabilities come from 5-fold cross-validation of the same network with the
 * same budget trained with SOP and, with {@code -Dbench.ce=true}, also with cross-entropy alone
 * ({@code -ce-only}: five more trainings per setting); SOP's noise scores from one SOP network
 * trained on all the (noisy) data.
 *
 * <p>Usage: {@code LabelIssuesBench <data.arff> <settings> [SopRobustNetwork options...]}; settings
 * is a comma list of {@code symP} (P% of the instances get a uniformly drawn label, so about
 * P·(1 − 1/C)% change) and {@code pairP} (P% of each class flipped to the next class).
 */
public final class LabelIssuesBench {
  private LabelIssuesBench() {}

  private static final int FOLDS = 5;
  /** Seed of the noise and the folds ({@code -Dbench.seed}, default 1). */
  private static final long SEED = Long.getLong("bench.seed", 1);
  private static final boolean WITH_CE = Boolean.getBoolean("bench.ce");

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: LabelIssuesBench <data.arff> <settings> [options]");
    }
    Instances clean = DataSource.read(args[0]);
    clean.setClassIndex(clean.numAttributes() - 1);
    String[] options = Arrays.copyOfRange(args, 2, args.length);
    String name = args[0].replaceAll(".*/", "").replaceAll("\\.arff(\\.gz)?$", "");
    System.out.printf("data %s (%d instances, %d classes), network options: %s; %d folds, seed %d%n", name,
        clean.numInstances(), clean.numClasses(), Utils.joinOptions(options), FOLDS, SEED);
    System.out.println("| data | noise | flipped | ranking | P@10 | P@20 | P@50 | P@100 | P@m | P@5m | R@10 | R@20 "
        + "| R@50 | R@100 | R@m | R@5m | AUC | listed |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (String setting : args[1].split(",")) {
      long start = System.nanoTime();
      Instances noisy = new Instances(clean);
      int[] labels = new int[noisy.numInstances()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = (int) noisy.instance(i).classValue();
      }
      LabelNoise.Result injected = inject(labels, clean.numClasses(), setting);
      boolean[] wrong = new boolean[labels.length];
      for (int i : injected.flipped()) {
        wrong[i] = true;
      }
      int[] given = injected.labels();
      for (int i = 0; i < given.length; i++) {
        noisy.instance(i).setClassValue(given[i]);
      }
      int c = clean.numClasses();
      SopRobustNetwork sop = network(options, false);
      double[][] sopCv = LabelIssueFinder.crossValidatedProbabilities(sop, noisy, FOLDS, SEED);
      double[][] ceCv = WITH_CE
          ? LabelIssueFinder.crossValidatedProbabilities(network(options, true), noisy, FOLDS, SEED) : null;
      NoiseReport report = LabelIssueFinder.sopReport(sop, noisy);
      double[] sopScore = new double[labels.length];
      int[] sopSuggested = new int[labels.length];
      for (int r = 0; r < report.size(); r++) {
        sopScore[report.entry(r).row()] = report.entry(r).score();
        sopSuggested[report.entry(r).row()] = report.entry(r).suggestedLabel();
      }
      Map<String, IssueRanking> rankings = new LinkedHashMap<>();
      if (WITH_CE) {
        rankings.put("CV self-confidence (CE network)", IssueRanking.selfConfidence(given, ceCv, c));
        rankings.put("confident learning (CE network)", IssueRanking.confidentLearning(given, ceCv, c,
            IssueFilter.PRUNE_BY_NOISE_RATE, QualityScore.SELF_CONFIDENCE));
      }
      rankings.put("CV self-confidence (SOP network)", IssueRanking.selfConfidence(given, sopCv, c));
      rankings.put("confident learning (SOP network)", IssueRanking.confidentLearning(given, sopCv, c,
          IssueFilter.PRUNE_BY_NOISE_RATE, QualityScore.SELF_CONFIDENCE));
      rankings.put("confident learning, margin (SOP network)", IssueRanking.confidentLearning(given, sopCv, c,
          IssueFilter.PRUNE_BY_NOISE_RATE, QualityScore.NORMALIZED_MARGIN));
      rankings.put("SOP report alone", IssueRanking.sop(sopScore, sopSuggested, report.numFlagged()));
      for (ScoreCombination comb : ScoreCombination.values()) {
        rankings.put("combined " + comb + " (SOP + SOP-network CV)", IssueRanking.combined(given, sopCv, c, sopScore,
            comb));
        if (WITH_CE) {
          rankings.put("combined " + comb + " (SOP + CE-network CV)", IssueRanking.combined(given, ceCv, c,
              sopScore, comb));
        }
      }
      dump(name + "-" + setting + (SEED == 1 ? "" : "-seed" + SEED), given, wrong, sopScore, sopCv);
      int m = injected.flipped().length;
      for (Map.Entry<String, IssueRanking> e : rankings.entrySet()) {
        System.out.println(row(name, setting, m, labels.length, e.getKey(), e.getValue(), wrong));
      }
      System.out.printf("(%s %s: %.0f s for %d CV trainings of %s and one SOP run)%n", name, setting,
          (System.nanoTime() - start) / 1e9, FOLDS, WITH_CE ? "each network" : "the SOP network");
    }
  }

  /**
   * With {@code -Dbench.dump=DIR}: one CSV per data set and setting (given label, known wrong, SOP's
   * score, the out-of-sample probabilities), to try other rankings without training again.
   */
  private static void dump(String name, int[] given, boolean[] wrong, double[] sopScore, double[][] probs)
      throws java.io.IOException {
    String dir = System.getProperty("bench.dump", "");
    if (dir.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder("given,wrong,sop");
    for (int j = 0; j < probs[0].length; j++) {
      sb.append(",p").append(j);
    }
    sb.append('\n');
    for (int i = 0; i < given.length; i++) {
      sb.append(given[i]).append(',').append(wrong[i] ? 1 : 0).append(',').append(sopScore[i]);
      for (double p : probs[i]) {
        sb.append(',').append(p);
      }
      sb.append('\n');
    }
    java.nio.file.Files.writeString(java.nio.file.Path.of(dir, name + ".csv"), sb.toString());
  }

  static String row(String data, String setting, int m, int n, String method, IssueRanking ranking, boolean[] wrong) {
    int[] order = ranking.order();
    int[] ks = {10, 20, 50, 100, m, 5 * m};
    List<String> cells = new ArrayList<>(List.of(data, setting, String.format(Locale.ROOT, "%d (%.1f%%)", m,
        100.0 * m / n), method));
    for (int k : ks) {
      cells.add(String.format(Locale.ROOT, "%.3f", DetectionMetrics.precisionAt(order, wrong, k)));
    }
    for (int k : ks) {
      cells.add(String.format(Locale.ROOT, "%.3f", DetectionMetrics.recallAt(order, wrong, k)));
    }
    cells.add(String.format(Locale.ROOT, "%.4f", DetectionMetrics.rocAuc(ranking.suspicion(), wrong)));
    cells.add(Integer.toString(ranking.numListed()));
    return "| " + String.join(" | ", cells) + " |";
  }

  static LabelNoise.Result inject(int[] labels, int numClasses, String setting) {
    var rng = Seeds.stream(SEED, "label-issues-bench-" + setting);
    if (setting.startsWith("sym")) {
      return LabelNoise.symmetric(labels, numClasses, Integer.parseInt(setting.substring(3)) / 100.0, rng);
    }
    if (setting.startsWith("pair")) {
      return LabelNoise.asymmetric(labels, LabelNoise.pairFlipMap(numClasses),
          Integer.parseInt(setting.substring(4)) / 100.0, rng);
    }
    throw new IllegalArgumentException("unknown noise setting " + setting + " (symP or pairP)");
  }

  private static SopRobustNetwork network(String[] options, boolean ceOnly) throws Exception {
    SopRobustNetwork net = new SopRobustNetwork();
    List<String> o = new ArrayList<>(Arrays.asList(options));
    if (ceOnly) {
      o.add("-ce-only");
    }
    net.setOptions(o.toArray(new String[0]));
    return net;
  }
}
