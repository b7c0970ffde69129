// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.overparam.nn.TrainingSet;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * Prediction throughput through Weka's batch path, {@code distributionsForInstances} (what Weka's Evaluation
 * calls for a classifier that implements BatchPredictor), on EngineBenchmark's W1 and W2 test sets, for a dense
 * and a 90%-sparse ItopSparseNetwork trained one epoch. Writes the test set as {@code <W>-test.bin} for the
 * PyTorch reference (prediction_torch_reference.py). samples/s is the median of [repeats] passes over the test set
 * after 2 s of passes for the JIT (the first pass's rate is printed beside it).
 * The networks train and predict with -num-threads [threads] (default 1: the PyTorch reference's count is the
 * script's to match).
 * Usage: PredictionBenchmark &lt;W1|W2&gt; &lt;out dir&gt; &lt;data dir&gt; [repeats] [sparsities, default 0,0.9] [threads]
 */
public final class PredictionBenchmark {
  private PredictionBenchmark() {}

  public static void main(String[] args) throws Exception {
    String workload = args[0];
    File out = new File(args[1]);
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    out.mkdirs();
    TrainingSet[] sets = workload.equals("W1") ? EngineBenchmark.w1() : new TrainingSet[] {
        EngineBenchmark.fashion(new File(args[2], "fashion-mnist-train-10k.arff.gz").getPath()),
        EngineBenchmark.fashion(new File(args[2], "fashion-mnist-test.arff.gz").getPath())};
    EngineBenchmark.write(sets[1], new File(out, workload + "-test.bin"));
    Instances train = instances(sets[0], "train");
    Instances test = instances(sets[1], "test");
    String hidden = workload.equals("W1") ? "256,256" : "2048,2048";
    String threads = args.length > 5 ? args[5] : "1";
    System.out.printf("%s prediction: %d test rows x %d inputs, hidden %s, Weka's default batch (100 rows per call), "
        + "-num-threads %s%n", workload, test.numInstances(), test.numAttributes() - 1, hidden, threads);
    String[] sparsities = args.length > 4 ? args[4].split(",") : new String[] {"0", "0.9"};
    for (String sparsity : sparsities) {
      ItopSparseNetwork c = new ItopSparseNetwork();
      c.setOptions(new String[] {"-hidden-layers", hidden, "-epochs", "1", "-sparsity", sparsity,
          "-batch-size-train", "128", "-num-threads", threads});
      c.buildClassifier(train);
      long first = System.nanoTime();
      c.distributionsForInstances(test);
      double firstRate = test.numInstances() / ((System.nanoTime() - first) / 1e9);
      warmUp(c, test);
      double[] rates = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        long start = System.nanoTime();
        c.distributionsForInstances(test);
        rates[r] = test.numInstances() / ((System.nanoTime() - start) / 1e9);
      }
      Arrays.sort(rates);
      String name = sparsity.equals("0") ? "dense" : "90% sparse";
      System.out.printf("ours %-24s %12.0f samples/s%n", name, rates[repeats / 2]);
      System.out.printf("  (%s, its first pass: %.0f samples/s)%n", name, firstRate);
    }
  }

  /** Passes for {@value #WARM_UP_SECONDS} s, so that the JIT has compiled the path before the timed passes. */
  private static void warmUp(ItopSparseNetwork c, Instances test) throws Exception {
    long end = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
    while (System.nanoTime() < end) {
      c.distributionsForInstances(test);
    }
  }

  private static final double WARM_UP_SECONDS = 2;

  /** The rows as Weka instances: numeric inputs x1..xd and a nominal class. */
  static Instances instances(TrainingSet s, String name) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (int j = 0; j < s.numInputs(); j++) {
      atts.add(new Attribute("x" + (j + 1)));
    }
    List<String> classes = new ArrayList<>();
    for (int k = 0; k < s.numClasses(); k++) {
      classes.add("c" + k);
    }
    atts.add(new Attribute("class", classes));
    Instances d = new Instances(name, atts, s.size());
    d.setClassIndex(s.numInputs());
    for (int i = 0; i < s.size(); i++) {
      double[] v = new double[s.numInputs() + 1];
      for (int j = 0; j < s.numInputs(); j++) {
        v[j] = s.x()[i][j];
      }
      v[s.numInputs()] = s.labels()[i];
      d.add(new DenseInstance(1, v));
    }
    return d;
  }
}
