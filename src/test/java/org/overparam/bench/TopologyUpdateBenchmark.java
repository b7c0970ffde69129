// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.overparam.engine.LayerWeights;
import org.overparam.engine.TrainingHook;
import org.overparam.itop.ForwardingHook;
import org.overparam.itop.Growth;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.ItopHook;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkTrainer;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.TrainingSet;

/**
 * Times RigL topology updates alone on W2's sparse engine (784-2048-2048-10 at 90% sparsity, after one epoch on
 * 1,280 Fashion-MNIST rows), with one and two threads taking turns: wall and calling-thread CPU milliseconds per
 * update, and a hash of the masks after them (the same at both counts: the update's bits do not depend on it).
 * Usage: TopologyUpdateBenchmark &lt;data dir&gt; [rounds] [updates per round]; run by topology-update-benchmark.sh.
 */
public final class TopologyUpdateBenchmark {
  private TopologyUpdateBenchmark() {}

  /** One engine and its hook, caught after training. */
  private static final class Run {
    ItopHook hook;
    LayerWeights engine;
    long iteration;

    /** One topology update at prune rate 0.3, after the last step of the training. */
    void update() {
      hook.requestUpdate(0.3);
      hook.afterStep(engine, iteration);
    }
  }

  public static void main(String[] args) throws Exception {
    TrainingSet data = data(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int updates = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Run[] runs = {setUp(data, 1), setUp(data, 2)};
    var mx = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < rounds; r++) {
      for (int t = 0; t < runs.length; t++) {
        Run run = runs[t];
        int threads = t + 1;
        Dl4jRuntime.run(threads, () -> {
          long cpu = mx.getCurrentThreadCpuTime();
          long wall = System.nanoTime();
          for (int u = 0; u < updates; u++) {
            run.update();
          }
          System.out.printf(Locale.ROOT, "threads %d: %.1f ms per update, calling thread's CPU %.1f ms; masks %d%n",
              threads, (System.nanoTime() - wall) / 1e6 / updates, (mx.getCurrentThreadCpuTime() - cpu) / 1e6 / updates,
              Arrays.hashCode(run.hook.masks().activeCopy(1)));
        });
      }
    }
  }

  /**
   * A call that makes one topology update (prune rate 0.3) of a W2 engine at {@code threads} threads, set up as
   * {@link #main} sets it up: each call changes the masks, the same way in any build that keeps their bits
   * ({@link PairedBuilds}' {@code topology} mode).
   */
  static java.util.concurrent.Callable<Object> updates(String dataDir, int threads) throws Exception {
    Run run = setUp(data(dataDir), threads);
    return () -> {
      Dl4jRuntime.run(threads, run::update);
      return null;
    };
  }

  /** The first 1,280 rows of Fashion-MNIST's 10,000 training rows in {@code dir}. */
  private static TrainingSet data(String dir) throws Exception {
    return EngineBenchmark.part(EngineBenchmark.fashion(new File(dir, "fashion-mnist-train-10k.arff.gz").getPath()),
        1280);
  }

  private static Run setUp(TrainingSet data, int threads) throws InterruptedException {
    NetworkConfig cfg = NetworkConfig.builder().hiddenLayers(2048, 2048).epochs(1).batchSize(128).learningRate(0.01)
        .l2(0).schedule(LrSchedule.CONSTANT).patience(1).threads(threads).build();
    Run run = new Run();
    run.hook = new ItopHook(ItopConfig.builder().sparsity(0.9).growth(Growth.GRADIENT).numTopologyUpdates(20)
        .minUpdateIntervalEpochs(0.25).execution(ExecutionMode.SPARSE).build(), 1);
    TrainingHook catching = new ForwardingHook(run.hook) { // the ITOP hook, keeping the engine it is handed
      @Override
      protected LayerWeights view(LayerWeights weights) {
        run.engine = weights;
        return weights;
      }

      @Override
      public void afterStep(LayerWeights weights, long iteration) {
        run.iteration = iteration;
        super.afterStep(weights, iteration);
      }
    };
    NetworkTrainer t = new NetworkTrainer(cfg, data, new SoftmaxCrossEntropy(), catching, null, null);
    t.initialize();
    EngineBenchmark.runAll(t);
    return run;
  }
}
