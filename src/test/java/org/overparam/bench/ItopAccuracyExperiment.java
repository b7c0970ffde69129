// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.util.List;
import java.util.Random;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * The ITOP claim on real data: test accuracy of a dense network, static sparse (no topology
 * updates), SET-ITOP (random growth) and RigL-ITOP (gradient growth) at 90% and 95% sparsity,
 * with the ITOP rate R_s. One markdown table row per configuration.
 *
 * <p>Usage: {@code ItopAccuracyExperiment <name> <train.arff> <test.arff|split:fraction> <epochs> [extra options]
 * [configuration numbers, e.g. 0,2,3]}
 */
public final class ItopAccuracyExperiment {
  private ItopAccuracyExperiment() {}

  record Config(String label, String options) {}

  static final List<Config> CONFIGS = List.of(
      new Config("dense", "-sparsity 0"),
      new Config("static sparse 90%", "-sparsity 0.9 -fix-mask"),
      new Config("SET-ITOP 90%", "-sparsity 0.9 -growth RANDOM"),
      new Config("RigL-ITOP 90%", "-sparsity 0.9 -growth GRADIENT -num-topology-updates 20"),
      new Config("static sparse 95%", "-sparsity 0.95 -fix-mask"),
      new Config("SET-ITOP 95%", "-sparsity 0.95 -growth RANDOM"),
      new Config("RigL-ITOP 95%", "-sparsity 0.95 -growth GRADIENT -num-topology-updates 20"));

  public static void main(String[] args) throws Exception {
    String name = args[0];
    Instances train = read(args[1]);
    Instances test;
    if (args[2].startsWith("split:")) {
      double fraction = Double.parseDouble(args[2].substring(6));
      train.randomize(new Random(1));
      int nTrain = (int) Math.round(fraction * train.numInstances());
      test = new Instances(train, nTrain, train.numInstances() - nTrain);
      train = new Instances(train, 0, nTrain);
    } else {
      test = read(args[2]);
    }
    String common = "-hidden-layers 256,256 -epochs " + args[3] + (args.length > 4 ? " " + args[4] : "");
    System.out.printf("%s: %d train / %d test instances; common options: %s%n", name, train.numInstances(),
        test.numInstances(), common);
    System.out.println("| data | method | test accuracy | R_s | topology updates | train s |");
    System.out.println("|---|---|---|---|---|---|");
    List<Config> configs = args.length > 5
        ? java.util.Arrays.stream(args[5].split(",")).map(k -> CONFIGS.get(Integer.parseInt(k.trim()))).toList()
        : CONFIGS;
    for (Config c : configs) {
      ItopSparseNetwork net = new ItopSparseNetwork();
      net.setOptions(Utils.splitOptions(common + " " + c.options()));
      long start = System.nanoTime();
      net.buildClassifier(train);
      double seconds = (System.nanoTime() - start) / 1e9;
      Evaluation e = new Evaluation(train);
      e.evaluateModel(net, test);
      var r = net.getItopReport();
      System.out.printf("| %s | %s | %.2f%% | %s | %s | %.0f |%n", name, c.label(), e.pctCorrect(),
          r == null ? "1 (dense)" : String.format("%.3f", r.itopRate()), r == null ? "-" : String.valueOf(r.updates()),
          seconds);
    }
  }

  static Instances read(String path) throws Exception {
    Instances d = DataSource.read(path);
    d.setClassIndex(d.numAttributes() - 1);
    return d;
  }
}
