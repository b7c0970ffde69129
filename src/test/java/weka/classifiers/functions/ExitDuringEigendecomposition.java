// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.Random;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * What a Weka user does who presses Stop during kernel GD's eigendecomposition and then quits: interrupts the
 * training after {@code args[0]} ms and exits the JVM at once; with a second argument {@code no-stop}, quits
 * during the training without Stop ({@link OverparameterizedKernelGDExitTest} runs it).
 */
public final class ExitDuringEigendecomposition {
  private ExitDuringEigendecomposition() {}

  public static void main(String[] args) throws Exception {
    int n = 2000;
    ArrayList<Attribute> atts = new ArrayList<>();
    for (int j = 0; j < 5; j++) {
      atts.add(new Attribute("x" + j));
    }
    atts.add(new Attribute("y"));
    Instances data = new Instances("regression", atts, n);
    data.setClassIndex(5);
    Random rng = new Random(1);
    for (int i = 0; i < n; i++) {
      double[] v = new double[6];
      for (int j = 0; j < 5; j++) {
        v[j] = rng.nextGaussian();
      }
      v[5] = v[0] + rng.nextGaussian();
      data.add(new DenseInstance(1, v));
    }
    OverparameterizedKernelGD kgd = new OverparameterizedKernelGD();
    kgd.setOptions(Utils.splitOptions("-features EXACT_EIGEN -stop FIXED -time 1"));
    Thread training = new Thread(() -> {
      try {
        kgd.buildClassifier(data);
        System.out.println("built before the stop");
      } catch (Exception e) {
        System.out.println("stopped: " + e.getMessage());
      }
    });
    training.start();
    Thread.sleep(Long.parseLong(args[0]));
    if (args.length < 2 || !args[1].equals("no-stop")) {
      training.interrupt();
      training.join();
    }
    System.exit(0);
  }
}
