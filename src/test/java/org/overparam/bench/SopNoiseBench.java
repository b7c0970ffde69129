// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.overparam.sop.NoiseReport;
import weka.classifiers.functions.SopRobustNetwork;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;
import weka.filters.supervised.attribute.AsymmetricLabelNoise;
import weka.filters.unsupervised.attribute.AddNoise;
import weka.filters.supervised.instance.Resample;

/**
 * Label-noise study for SopRobustNetwork (README Results): for each noise setting, the plain
 * cross-entropy network ({@code -ce-only}) and SOP with the same architecture, epochs and seed are
 * trained on the noisy training set and scored on the untouched test set; SOP's noise report is
 * scored against the injected flips; training times are measured in the same run.
 *
 * <p>Usage: {@code SopNoiseBench <train.arff> <test.arff> <settings> <subsample> [learner options...]}
 * where settings is a comma list of {@code clean}, {@code symP} (Weka's AddNoise on the class, P%),
 * {@code asymP} (AsymmetricLabelNoise, pair flip, P% of each class) and {@code timeN} (N alternating
 * timed builds of both methods on the clean data, medians), and subsample is the
 * number of training instances kept (0 = all; stratified, seeded).
 */
public final class SopNoiseBench {
  private SopNoiseBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      throw new IllegalArgumentException("usage: SopNoiseBench <train.arff> <test.arff> <settings> <subsample> [options]");
    }
    Instances train = read(args[0]);
    Instances test = read(args[1]);
    int subsample = Integer.parseInt(args[3]);
    if (subsample > 0 && subsample < train.numInstances()) {
      Resample r = new Resample();
      r.setNoReplacement(true);
      r.setBiasToUniformClass(0);
      r.setSampleSizePercent(100.0 * subsample / train.numInstances());
      r.setRandomSeed(1);
      r.setInputFormat(train);
      train = Filter.useFilter(train, r);
    }
    String[] options = Arrays.copyOfRange(args, 4, args.length);
    System.out.printf("train %s (%d instances), test %s (%d), options: %s%n", args[0], train.numInstances(), args[1],
        test.numInstances(), Utils.joinOptions(options));
    System.out.printf("OPENBLAS_CORETYPE=%s OMP_NUM_THREADS=%s%n", System.getenv("OPENBLAS_CORETYPE"),
        System.getenv("OMP_NUM_THREADS"));
    warmUp(train, options);
    System.out.println("| noise | flipped | CE acc | SOP acc | top-k precision (k = flipped) | flagged: n, precision, recall | CE s | SOP s |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (String setting : args[2].split(",")) {
      if (setting.startsWith("time")) {
        timeAlternating(train, test, options, Integer.parseInt(setting.substring(4)));
        continue;
      }
      Instances noisy = inject(train, setting);
      Set<Integer> flipped = new HashSet<>();
      for (int i = 0; i < train.numInstances(); i++) {
        if (train.instance(i).classValue() != noisy.instance(i).classValue()) {
          flipped.add(i);
        }
      }
      double[] ce = run(noisy, test, options, true);
      SopRobustNetwork sop = new SopRobustNetwork();
      double[] sopResult = run(noisy, test, options, false, sop);
      NoiseReport report = sop.getNoiseReport();
      int k = flipped.size();
      int hits = 0;
      for (NoiseReport.Entry e : report.top(k)) {
        hits += flipped.contains(e.row()) ? 1 : 0;
      }
      int flaggedN = 0;
      int flaggedHits = 0;
      for (int r = 0; r < report.size(); r++) {
        NoiseReport.Entry e = report.entry(r);
        if (e.flagged()) {
          flaggedN++;
          flaggedHits += flipped.contains(e.row()) ? 1 : 0;
        }
      }
      System.out.printf("| %s | %d (%.1f%%) | %.2f | %.2f | %s | %d, %s, %s | %.1f | %.1f |%n", setting, k,
          100.0 * k / train.numInstances(), ce[0], sopResult[0], k == 0 ? "-" : String.format("%.3f", (double) hits / k),
          flaggedN, flaggedN == 0 ? "-" : String.format("%.3f", (double) flaggedHits / flaggedN),
          k == 0 ? "-" : String.format("%.3f", (double) flaggedHits / k), ce[1], sopResult[1]);
    }
  }

  /**
   * Training-time overhead: {@code reps} alternating builds of the plain network and SOP on the
   * clean data, medians (alternating spreads the load of other processes over both).
   */
  private static void timeAlternating(Instances train, Instances test, String[] options, int reps) throws Exception {
    double[] ce = new double[reps];
    double[] sop = new double[reps];
    for (int r = 0; r < reps; r++) {
      ce[r] = run(train, test, options, true)[1];
      sop[r] = run(train, test, options, false)[1];
    }
    Arrays.sort(ce);
    Arrays.sort(sop);
    System.out.printf("timing, %d alternating builds on the clean data: median CE %.1f s %s, median SOP %.1f s %s, "
        + "SOP/CE %.2f%n", reps, ce[reps / 2], Arrays.toString(ce), sop[reps / 2], Arrays.toString(sop),
        sop[reps / 2] / ce[reps / 2]);
  }

  /** A build of each method on 512 instances, so that JIT and ND4J start-up are not charged to the first timed run. */
  private static void warmUp(Instances train, String[] options) throws Exception {
    Instances head = new Instances(train, 0, Math.min(train.numInstances(), 512));
    for (boolean ceOnly : new boolean[] {true, false}) {
      run(head, head, options, ceOnly);
    }
  }

  private static Instances read(String path) throws Exception {
    Instances data = DataSource.read(path);
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  static Instances inject(Instances train, String setting) throws Exception {
    return inject(train, setting, 1);
  }

  /** As {@link #inject(Instances, String)}, with the filters' seed {@code seed}. */
  static Instances inject(Instances train, String setting, int seed) throws Exception {
    if (setting.equals("clean")) {
      return train;
    }
    Filter filter;
    if (setting.startsWith("sym")) {
      AddNoise f = new AddNoise();
      f.setAttributeIndex("last");
      f.setPercent(Integer.parseInt(setting.substring(3)));
      f.setRandomSeed(seed);
      filter = f;
    } else if (setting.startsWith("asym")) {
      AsymmetricLabelNoise f = new AsymmetricLabelNoise();
      f.setPercent(Double.parseDouble(setting.substring(4)));
      f.setSeed(seed);
      filter = f;
    } else {
      throw new IllegalArgumentException("unknown noise setting " + setting);
    }
    filter.setInputFormat(train);
    return Filter.useFilter(train, filter);
  }

  private static double[] run(Instances train, Instances test, String[] options, boolean ceOnly) throws Exception {
    return run(train, test, options, ceOnly, new SopRobustNetwork());
  }

  /** Returns test accuracy (%) and training seconds. */
  private static double[] run(Instances train, Instances test, String[] options, boolean ceOnly, SopRobustNetwork net)
      throws Exception {
    List<String> opts = new ArrayList<>(Arrays.asList(options));
    if (ceOnly) {
      opts.add("-ce-only");
    }
    net.setOptions(opts.toArray(new String[0]));
    long start = System.nanoTime();
    net.buildClassifier(train);
    double seconds = (System.nanoTime() - start) / 1e9;
    double[][] p = net.distributionsForInstances(test);
    int correct = 0;
    for (int i = 0; i < p.length; i++) {
      correct += Utils.maxIndex(p[i]) == (int) test.instance(i).classValue() ? 1 : 0;
    }
    return new double[] {100.0 * correct / p.length, seconds};
  }
}
