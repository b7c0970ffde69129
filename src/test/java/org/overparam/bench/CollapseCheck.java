// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.util.Arrays;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;
import weka.filters.supervised.instance.Resample;

/**
 * The collapse check (docs/guide-itop.md, "Loss spikes and collapse"): trains ItopSparseNetwork with
 * the given options on noisy labels for several seeds and prints, per seed, the test accuracy, the
 * highest epoch loss and its epoch, the last epoch's loss, how many classes the model predicts on the
 * test set, and whether training reported a collapse (and which epoch's weights it kept).
 *
 * <p>Usage: {@code CollapseCheck <train.arff> <test.arff|-> <noise> <subsample> <seeds> <label> [options...]}
 * where noise is as in {@link SopNoiseBench} ({@code clean}, {@code symP}, {@code asymP}), a test
 * set {@code -} holds out a seeded stratified third of the training file, subsample keeps that many
 * training instances (0 = all) and seeds is a comma list.
 */
public final class CollapseCheck {
  private CollapseCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      throw new IllegalArgumentException(
          "usage: CollapseCheck <train.arff> <test.arff|-> <noise> <subsample> <seeds> <label> [options...]");
    }
    Instances train = read(args[0]);
    Instances test;
    if (args[1].equals("-")) {
      Instances[] split = split(train);
      train = split[0];
      test = split[1];
    } else {
      test = read(args[1]);
    }
    int subsample = Integer.parseInt(args[3]);
    if (subsample > 0 && subsample < train.numInstances()) {
      train = sample(train, 100.0 * subsample / train.numInstances(), false);
    }
    Instances noisy = SopNoiseBench.inject(train, args[2]);
    String[] options = Arrays.copyOfRange(args, 6, args.length);
    for (String s : args[4].split(",")) {
      String[] opts = Arrays.copyOf(options, options.length + 2);
      opts[options.length] = "-S";
      opts[options.length + 1] = s;
      ItopSparseNetwork net = new ItopSparseNetwork();
      net.setOptions(opts);
      long start = System.nanoTime();
      net.buildClassifier(noisy);
      double seconds = (System.nanoTime() - start) / 1e9;
      double[][] p = net.distributionsForInstances(test);
      int correct = 0;
      boolean[] predicted = new boolean[test.numClasses()];
      for (int i = 0; i < p.length; i++) {
        int k = Utils.maxIndex(p[i]);
        predicted[k] = true;
        correct += k == (int) test.instance(i).classValue() ? 1 : 0;
      }
      int classes = 0;
      for (boolean b : predicted) {
        classes += b ? 1 : 0;
      }
      double[] loss = net.trainingHistory().get(0).column("loss/training");
      int worst = 0;
      for (int e = 1; e < loss.length; e++) {
        worst = loss[e] > loss[worst] ? e : worst;
      }
      if (Boolean.getBoolean("collapse.history")) { // -Dcollapse.history=true: the epoch losses too
        System.out.println("losses: " + Arrays.toString(Arrays.stream(loss).map(v -> Math.round(v * 1e4) / 1e4)
            .toArray()));
      }
      String collapse = net.getCollapse() == null ? "-" : net.getCollapse().describe();
      System.out.printf("| %s | %s | %s | %.2f | %.4g (epoch %d) | %.4g | %d | %s | %.0f |%n", args[5], args[2], s,
          100.0 * correct / p.length, loss[worst], worst + 1, loss[loss.length - 1], classes, collapse, seconds);
    }
  }

  private static Instances read(String path) throws Exception {
    Instances data = DataSource.read(path);
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  /** A seeded stratified two-thirds / one-third split. */
  private static Instances[] split(Instances data) throws Exception {
    Instances train = sample(data, 200.0 / 3, false);
    Instances test = sample(data, 200.0 / 3, true);
    return new Instances[] {train, test};
  }

  private static Instances sample(Instances data, double percent, boolean invert) throws Exception {
    Resample r = new Resample();
    r.setNoReplacement(true);
    r.setBiasToUniformClass(0);
    r.setSampleSizePercent(percent);
    r.setInvertSelection(invert);
    r.setRandomSeed(1);
    r.setInputFormat(data);
    return Filter.useFilter(data, r);
  }
}
