// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.util.Arrays;
import org.overparam.common.Seeds;
import org.overparam.engine.ParameterLayout;
import org.overparam.itop.ItopConfig;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.TrainingSet;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.core.Instances;
import weka.core.Utils;
import weka.overparam.InstancesConverter;

/**
 * Data-parallel ITOP in one JVM (docs/scaling.md): for every K (workers) and s (local steps between
 * averaging rounds), trains ItopSparseNetwork's network with {@link DataParallelItop} and prints a
 * markdown row: test accuracy, the ITOP rate R_s, rounds, topology updates and the traffic of the
 * dense and the sparse format, per worker and round and in total.
 *
 * <p>Usage: {@code ScalingSimulation <train.arff> <test.arff> <K list, e.g. 1,2,4,8> <s list, e.g. 1,4,16>
 * ["ItopSparseNetwork options"] [optimiser state: average|local]}
 */
public final class ScalingSimulation {
  private ScalingSimulation() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      throw new IllegalArgumentException("usage: ScalingSimulation <train.arff> <test.arff> <K list> <s list> "
          + "[\"ItopSparseNetwork options\"] [average|local]");
    }
    Instances train = ItopAccuracyExperiment.read(args[0]);
    Instances test = ItopAccuracyExperiment.read(args[1]);
    int[] workers = list(args[2]);
    int[] intervals = list(args[3]);
    String options = args.length > 4 ? args[4] : "";
    boolean averageState = args.length <= 5 || switch (args[5]) {
      case "average" -> true;
      case "local" -> false;
      default -> throw new IllegalArgumentException("optimiser state must be 'average' or 'local', got " + args[5]);
    };
    ItopSparseNetwork learner = new ItopSparseNetwork();
    learner.setOptions(Utils.splitOptions(options));
    NetworkConfig config = learner.networkConfig();
    ItopConfig itop = learner.itopConfig();
    long itopSeed = Seeds.derive(learner.getSeed(), "itop"); // as ItopSparseNetwork seeds its hook
    InstancesConverter converter = InstancesConverter.fit(train);
    TrainingSet set = new TrainingSet(converter.rows(train), labels(train), InstancesConverter.weights(train),
        train.numClasses());
    float[][] testX = converter.rows(test);
    int[] testY = labels(test);

    System.out.printf("%d train / %d test instances, %d inputs, %d classes; ItopSparseNetwork %s%n",
        train.numInstances(), test.numInstances(), set.numInputs(), set.numClasses(),
        Utils.joinOptions(learner.getOptions()));
    System.out.printf("optimiser state: %s%n", averageState ? "averaged with the weights" : "local to each worker");
    System.out.println("| K | s | steps per worker | rounds | topology updates | test accuracy | R_s "
        + "| dense kB per worker and round | sparse kB per worker and round | dense total MB | sparse total MB "
        + "| train s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    double firstAcc = Double.NaN;
    double lastAcc = Double.NaN;
    double lastRs = Double.NaN;
    double firstRs = Double.NaN;
    String layers = "";
    double ratio = Double.NaN;
    for (int k : workers) {
      for (int s : intervals) {
        long start = System.nanoTime();
        DataParallelItop sim = new DataParallelItop(config, itop, itopSeed, set,
            new DataParallelItop.Settings(k, s, averageState));
        sim.train();
        double seconds = (System.nanoTime() - start) / 1e9;
        double acc = sim.accuracy(testX, testY);
        double rs = sim.masks().itopRate();
        DataParallelItop.Traffic t = sim.traffic();
        System.out.printf("| %d | %d | %d | %d | %d | %.2f%% | %.3f | %.1f | %.1f | %s | %s | %.0f |%n", k, s,
            sim.iterations(), sim.rounds(), sim.masks().updates(), 100 * acc, rs, t.denseRoundBytes() / 1e3,
            t.sparseRoundBytes() / 1e3, k == 1 ? "0" : String.format("%.1f", t.denseTotal() / 1e6),
            k == 1 ? "0" : String.format("%.1f", t.sparseTotal() / 1e6), seconds);
        if (Double.isNaN(firstAcc)) {
          firstAcc = acc;
          firstRs = rs;
          layers = describe(sim);
        }
        lastAcc = acc;
        lastRs = rs;
        ratio = (double) t.sparseRoundBytes() / t.denseRoundBytes();
      }
    }
    System.out.println(layers);
    System.out.printf("scaling: K=%d s=%d acc %.2f%% R_s %.3f; K=%d s=%d acc %.2f%% R_s %.3f; sparse/dense bytes "
        + "per round %.3f%n", workers[0], intervals[0], 100 * firstAcc, firstRs, workers[workers.length - 1],
        intervals[intervals.length - 1], 100 * lastAcc, lastRs, ratio);
  }

  /** The network's shape and active weights per layer. */
  private static String describe(DataParallelItop sim) {
    StringBuilder b = new StringBuilder("layers (nIn x nOut: active weights):");
    for (ParameterLayout.Segment s : sim.layout().weights()) {
      b.append(String.format(" %dx%d: %d of %d;", s.nIn(), s.nOut(), sim.masks().nonzeros(s.layer()), s.length()));
    }
    return b.toString();
  }

  private static int[] labels(Instances data) {
    int[] y = new int[data.numInstances()];
    for (int i = 0; i < y.length; i++) {
      y[i] = (int) data.instance(i).classValue();
    }
    return y;
  }

  private static int[] list(String csv) {
    int[] v = Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    for (int x : v) {
      if (x < 1) {
        throw new IllegalArgumentException("K and s must be >= 1, got " + csv);
      }
    }
    return v;
  }
}
