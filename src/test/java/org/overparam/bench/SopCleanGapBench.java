// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.overparam.sop.LabelNoise;
import org.overparam.sop.NoiseReport;
import weka.classifiers.functions.SopRobustNetwork;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;
import weka.filters.supervised.instance.Resample;

/**
 * How far SOP under label noise stays from the same network on clean labels (docs/results.md, SOP
 * section): per seed, the plain cross-entropy network on the clean labels, the plain network on the
 * noisy labels and each SOP configuration ("arm") on the noisy labels, all scored on the untouched
 * test set; then mean ± standard deviation and range over the seeds, and each arm's gap to the clean
 * network (paired by seed).
 *
 * <p>Usage: {@code SopCleanGapBench <train.arff> <test.arff|-> <settings> <seeds> <common options> <arm>...}
 * <ul>
 *   <li>test {@code -}: a stratified third of the training file is held out, drawn with each seed;
 *   <li>settings: comma list of {@code symP} (Weka's AddNoise: P% of the labels changed to another
 *       class), {@code usymP} (the paper's symmetric noise: P% relabelled uniformly over all classes, so
 *       about P·(1 − 1/C)% wrong) and {@code asymP} (AsymmetricLabelNoise, pair flip, P% of each class);
 *   <li>seeds: comma list; a seed draws the split, the noise and the network (-S);
 *   <li>common options: one string, added to every network (e.g. {@code "-epochs 100"}, or {@code ""});
 *   <li>arm: {@code name=options}, a SOP configuration on the noisy labels ({@code SOP=} for the defaults);
 *       the arm {@code ORACLE=} is the plain network trained on the unflipped rows only, the most a
 *       method that only discards the wrong labels could reach; an arm named {@code REFIT...=options}
 *       trains SOP with those options and then scores the plain network trained on the rows SOP did not flag.
 * </ul>
 * Per run it prints the test accuracy, for SOP the flagged set's size, precision and recall against
 * the injected flips, and "memorised": the fraction of flipped training rows that the final network
 * predicts as their (wrong) given label. {@code -Dtrajectory=K} also prints, every K epochs, the test
 * accuracy / memorised fraction, and for SOP the mean u² and mean Σ_c v_c² over the training rows;
 * {@code -Dbaselines=false} skips the two plain networks (for a slow data set whose baselines are known).
 */
public final class SopCleanGapBench {
  private SopCleanGapBench() {}

  /** The arm that trains the plain network on the unflipped rows only: what a perfect noise filter would leave. */
  static final String ORACLE = "ORACLE";

  /** Arms named REFIT... train SOP, then the plain network on the rows SOP did not flag (scored: the latter). */
  static final String REFIT = "REFIT";

  /** The noise report of the last SOP run. */
  private static NoiseReport lastReport;

  /** One arm's results over the seeds of one setting. */
  private static final class Cell {
    final List<Double> acc = new ArrayList<>();
    final List<Double> gap = new ArrayList<>();
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      throw new IllegalArgumentException(
          "usage: SopCleanGapBench <train.arff> <test.arff|-> <settings> <seeds> <common options> <name=options>...");
    }
    Instances file = read(args[0]);
    Instances fixedTest = args[1].equals("-") ? null : read(args[1]);
    String[] settings = args[2].split(",");
    int[] seeds = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
    String[] common = Utils.splitOptions(args[4]);
    Map<String, String[]> arms = new LinkedHashMap<>();
    for (int a = 5; a < args.length; a++) {
      int eq = args[a].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("an arm is name=options, got '" + args[a] + "'");
      }
      arms.put(args[a].substring(0, eq), Utils.splitOptions(args[a].substring(eq + 1)));
    }
    int trajectory = Integer.getInteger("trajectory", 0);
    System.out.printf("train %s, test %s, settings %s, seeds %s, common options: %s%n", args[0], args[1], args[2],
        args[3], args[4]);
    System.out.printf("OPENBLAS_CORETYPE=%s OMP_NUM_THREADS=%s%n", System.getenv("OPENBLAS_CORETYPE"),
        System.getenv("OMP_NUM_THREADS"));

    Cell clean = new Cell();
    Map<String, Map<String, Cell>> table = new LinkedHashMap<>(); // setting -> row -> cell
    for (int seed : seeds) {
      Instances train = file;
      Instances test = fixedTest;
      if (fixedTest == null) {
        train = third(file, seed, false);
        test = third(file, seed, true);
      }
      boolean baselines = !"false".equals(System.getProperty("baselines")); // -Dbaselines=false: SOP arms only
      double cleanAcc = baselines
          ? run("clean", "CE", seed, train, null, test, common, new String[] {"-ce-only"}, trajectory) : Double.NaN;
      clean.acc.add(cleanAcc);
      for (String setting : settings) {
        Instances noisy = inject(train, setting, seed);
        Map<String, Cell> rows = table.computeIfAbsent(setting, s -> new LinkedHashMap<>());
        Map<String, String[]> all = new LinkedHashMap<>();
        if (baselines) {
          all.put("CE", new String[] {"-ce-only"});
        }
        all.putAll(arms);
        for (Map.Entry<String, String[]> arm : all.entrySet()) {
          double acc;
          if (arm.getKey().equals(ORACLE)) {
            acc = run(setting, ORACLE, seed, unflipped(train, noisy), null, test, common, new String[] {"-ce-only"},
                trajectory);
          } else {
            acc = run(setting, arm.getKey(), seed, train, noisy, test, common, arm.getValue(), trajectory);
            if (arm.getKey().startsWith(REFIT)) { // the plain network on the rows SOP did not flag
              acc = run(setting, arm.getKey() + "+CE", seed, unflagged(noisy, lastReport), null, test, common,
                  new String[] {"-ce-only"}, 0);
            }
          }
          Cell cell = rows.computeIfAbsent(arm.getKey(), k -> new Cell());
          cell.acc.add(acc);
          cell.gap.add(acc - cleanAcc);
        }
      }
    }

    System.out.printf("%nTest accuracy %%, mean ± sd [min–max] over seeds %s; gap = accuracy − clean CE of the same "
        + "seed (mean ± sd)%n%n", args[3]);
    System.out.println("| labels | network | accuracy % | gap to clean CE (points) |");
    System.out.println("|---|---|---|---|");
    System.out.printf("| clean | CE | %s | - |%n", summary(clean.acc));
    for (Map.Entry<String, Map<String, Cell>> setting : table.entrySet()) {
      for (Map.Entry<String, Cell> row : setting.getValue().entrySet()) {
        Cell c = row.getValue();
        String name = row.getKey();
        String opts = arms.containsKey(name) ? Utils.joinOptions(arms.get(name)) : "";
        System.out.printf("| %s | %s%s | %s | %s |%n", setting.getKey(), name, opts.isEmpty() ? "" : " (`" + opts + "`)",
            summary(c.acc), meanSd(c.gap));
      }
    }
  }

  /** Trains one network and prints one line; returns its test accuracy in %. */
  private static double run(String setting, String arm, int seed, Instances clean, Instances noisy, Instances test,
      String[] common, String[] armOptions, int trajectory) throws Exception {
    Instances train = noisy == null ? clean : noisy;
    List<String> opts = new ArrayList<>(Arrays.asList(common));
    opts.addAll(Arrays.asList(armOptions));
    opts.add("-S");
    opts.add(Integer.toString(seed));
    SopRobustNetwork net = new SopRobustNetwork();
    net.setOptions(opts.toArray(new String[0]));
    long start = System.nanoTime();
    net.initializeClassifier(train);
    StringBuilder path = new StringBuilder();
    int[] flippedRows = flippedRows(clean, noisy);
    int epoch = 0;
    while (net.next()) {
      epoch++;
      if (trajectory > 0 && epoch % trajectory == 0) {
        path.append(String.format(" %d:%.1f", epoch, accuracy(net, test)));
        if (flippedRows.length > 0) {
          path.append(String.format("/%.2f", memorised(net, noisy, flippedRows)));
        }
      }
    }
    net.done();
    if (trajectory > 0 && noisy != null && !Arrays.asList(armOptions).contains("-ce-only")) {
      org.overparam.common.TrainingHistory h = net.trainingHistory().get(0);
      double[] u2 = h.column("noise variables/mean u^2");
      double[] v2 = h.column("noise variables/mean sum of v^2");
      path.append(" | mean u², mean Σv²:");
      for (int e = trajectory; e <= u2.length; e += trajectory) {
        path.append(String.format(" %d:%.2g,%.2g", e, u2[e - 1], v2[e - 1]));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double acc = accuracy(net, test);
    StringBuilder line = new StringBuilder(String.format("run %s %s seed %d: test %.2f", setting, arm, seed, acc));
    if (noisy != null) {
      List<Integer> flipped = Arrays.stream(flippedRows).boxed().toList();
      line.append(String.format(", flipped %d, memorised %.3f", flipped.size(),
          flipped.isEmpty() ? 0.0 : memorised(net, noisy, flippedRows)));
      NoiseReport report = net.getNoiseReport();
      lastReport = report;
      if (report != null && !flipped.isEmpty()) {
        java.util.Set<Integer> truth = new java.util.HashSet<>(flipped);
        int n = 0;
        int hits = 0;
        for (int r = 0; r < report.size(); r++) {
          NoiseReport.Entry e = report.entry(r);
          if (e.flagged()) {
            n++;
            hits += truth.contains(e.row()) ? 1 : 0;
          }
        }
        line.append(String.format(", flagged %d precision %.3f recall %.3f, mean U flagged %.3f unflagged %.3f", n,
            n == 0 ? 0.0 : (double) hits / n, (double) hits / flipped.size(), report.meanLabelTerm(true),
            report.meanLabelTerm(false)));
      }
    }
    line.append(String.format(", %.1f s", seconds));
    if (path.length() > 0) {
      line.append(", trajectory").append(path);
    }
    System.out.println(line);
    return acc;
  }

  /** The rows of {@code noisy} that {@code report} did not flag. */
  private static Instances unflagged(Instances noisy, NoiseReport report) {
    boolean[] flagged = new boolean[noisy.numInstances()];
    for (int r = 0; r < report.size(); r++) {
      flagged[report.entry(r).row()] = report.entry(r).flagged();
    }
    Instances out = new Instances(noisy, noisy.numInstances());
    for (int i = 0; i < noisy.numInstances(); i++) {
      if (!flagged[i]) {
        out.add(noisy.instance(i));
      }
    }
    return out;
  }

  /** Rows whose label {@code noisy} changed (none when {@code noisy} is null). */
  private static int[] flippedRows(Instances clean, Instances noisy) {
    if (noisy == null) {
      return new int[0];
    }
    return java.util.stream.IntStream.range(0, clean.numInstances())
        .filter(i -> clean.instance(i).classValue() != noisy.instance(i).classValue()).toArray();
  }

  /** Fraction of the flipped rows that the network predicts as their wrong given label. */
  private static double memorised(SopRobustNetwork net, Instances noisy, int[] flipped) throws Exception {
    double[][] p = net.distributionsForInstances(noisy);
    int n = 0;
    for (int i : flipped) {
      n += Utils.maxIndex(p[i]) == (int) noisy.instance(i).classValue() ? 1 : 0;
    }
    return (double) n / flipped.length;
  }

  /** The rows of {@code clean} whose label {@code noisy} did not change. */
  private static Instances unflipped(Instances clean, Instances noisy) {
    Instances out = new Instances(clean, clean.numInstances());
    for (int i = 0; i < clean.numInstances(); i++) {
      if (clean.instance(i).classValue() == noisy.instance(i).classValue()) {
        out.add(clean.instance(i));
      }
    }
    return out;
  }

  private static double accuracy(SopRobustNetwork net, Instances test) throws Exception {
    double[][] p = net.distributionsForInstances(test);
    int correct = 0;
    for (int i = 0; i < p.length; i++) {
      correct += Utils.maxIndex(p[i]) == (int) test.instance(i).classValue() ? 1 : 0;
    }
    return 100.0 * correct / p.length;
  }

  /**
   * Noisy copy of {@code train}: {@code symP} and {@code asymP} as in {@link SopNoiseBench} (with this seed),
   * {@code usymP} the paper's symmetric noise ({@link LabelNoise#symmetric}).
   */
  static Instances inject(Instances train, String setting, int seed) throws Exception {
    if (setting.startsWith("usym")) {
      int[] labels = new int[train.numInstances()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = (int) train.instance(i).classValue();
      }
      double fraction = Double.parseDouble(setting.substring(4)) / 100;
      int[] noisy = LabelNoise.symmetric(labels, train.numClasses(), fraction, new SplittableRandom(seed)).labels();
      Instances out = new Instances(train);
      for (int i = 0; i < noisy.length; i++) {
        out.instance(i).setClassValue(noisy[i]);
      }
      return out;
    }
    return SopNoiseBench.inject(train, setting, seed);
  }

  private static Instances read(String path) throws Exception {
    Instances data = DataSource.read(path);
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  /** A seeded stratified two-thirds (or, inverted, the remaining third) of {@code data}. */
  private static Instances third(Instances data, int seed, boolean invert) throws Exception {
    Resample r = new Resample();
    r.setNoReplacement(true);
    r.setBiasToUniformClass(0);
    r.setSampleSizePercent(200.0 / 3);
    r.setInvertSelection(invert);
    r.setRandomSeed(seed);
    r.setInputFormat(data);
    return Filter.useFilter(data, r);
  }

  private static String summary(List<Double> xs) {
    double min = xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double max = xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return String.format("%s [%.2f–%.2f]", meanSd(xs), min, max);
  }

  private static String meanSd(List<Double> xs) {
    double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double ss = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
    double sd = xs.size() > 1 ? Math.sqrt(ss / (xs.size() - 1)) : 0;
    return String.format("%.2f ± %.2f", mean, sd);
  }
}
