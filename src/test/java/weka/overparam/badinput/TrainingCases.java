// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.badinput;

import static weka.overparam.badinput.Expect.require;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.clusterers.Clusterer;
import weka.core.Instances;
import weka.overparam.TestData;

/**
 * Training itself: divergence stops with the divergence message in both precisions; every learner
 * trains with its default options on Weka's smallest data sets; the Explorer's Stop (an interrupt)
 * ends training within a second, also during kernel GD's eigendecomposition.
 */
final class TrainingCases {
  private TrainingCases() {}

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    for (Targets t : new Targets[] {Targets.ITOP, Targets.SOP, Targets.MINDIFF}) {
      String k = t.name().toLowerCase();
      for (String precision : new String[] {"DOUBLE", "FLOAT"}) {
        String options = "-data-type " + precision + " -learning-rate 1e9 -epochs 5 -hidden-layers 16";
        c.add(new Case("train-diverge-" + k + "-" + precision.toLowerCase(), t.label, options,
            Expect.error(ArithmeticException.class, "diverged", "learning rate"),
            () -> Targets.build(t.configured(options), Data.separable(200, 1))));
      }
      if (t == Targets.MINDIFF) { // the sensitive attribute has no default: the error lists the candidates
        c.add(new Case("train-defaults-weather-mindiff", t.label, "default options on weather.nominal.arff",
            Expect.error(IllegalArgumentException.class, "-sensitive-attribute", "not set", "outlook", "windy"),
            () -> Targets.build(t.create(), TestData.arff("weather.nominal.arff"))));
        c.add(new Case("train-first-weather-mindiff", t.label, "-sensitive-attribute first on weather.nominal.arff",
            Expect.result(), () -> Targets.build(t.configured("-sensitive-attribute first"),
                TestData.arff("weather.nominal.arff"))));
      } else {
        c.add(defaults("weather-" + k, t, "weather.nominal.arff (14 instances)"));
      }
      if (t == Targets.MINDIFF) { // a fairness analysis needs to know which of three classes is the positive one
        c.add(new Case("train-defaults-contact-lenses-mindiff", t.label, "default options on contact-lenses.arff "
            + "(3 classes)", Expect.error(IllegalArgumentException.class, "positive-class"),
            () -> Targets.build(t.create(), TestData.arff("contact-lenses.arff"))));
      } else {
        c.add(defaults("contact-lenses-" + k, t, "contact-lenses.arff (24 instances, 3 classes)"));
      }
      if (t == Targets.MINDIFF) {
        c.add(new Case("train-first-labor-mindiff", t.label, "-sensitive-attribute first on labor.arff (missing "
            + "values)", Expect.result(), () -> Targets.build(t.configured("-sensitive-attribute first"),
                TestData.arff("labor.arff"))));
      } else {
        c.add(defaults("labor-" + k, t, "labor.arff (57 instances, missing values)"));
      }
    }
    c.add(new Case("train-defaults-iris-cv-sop", Targets.SOP.label, "default options, 3-fold cross-validation on iris "
        + "(100 training instances per fold, batch size 128)", Expect.result(), () -> {
          Evaluation e = new Evaluation(TestData.arff("iris.arff"));
          e.crossValidateModel((Classifier) Targets.SOP.create(), TestData.arff("iris.arff"), 3, new Random(1));
          require(e.pctCorrect() > 85, "accuracy " + e.pctCorrect());
          return String.format("accuracy %.1f%%", e.pctCorrect());
        }));
    c.add(new Case("train-defaults-small-kgd", Targets.KGD.label, "default options, the first 10 instances of cpu.arff",
        Expect.result(), () -> {
          Classifier k = (Classifier) Targets.KGD.create();
          Instances d = Data.head(TestData.arff("cpu.arff"), 10);
          k.buildClassifier(d);
          require(Double.isFinite(k.classifyInstance(d.instance(0))), "prediction not finite");
          return "built; finite predictions";
        }));
    c.add(new Case("train-defaults-small-em", Targets.EM.label, "default options, 5 instances",
        Expect.result(), () -> {
          Clusterer em = (Clusterer) Targets.EM.create();
          em.buildClusterer(Data.head(Data.clusters(60, 1), 5));
          return "built, " + em.numberOfClusters() + " clusters";
        }));
    c.add(stop(Targets.ITOP, "default options on 20,000 instances", () -> {
      Classifier n = (Classifier) Targets.ITOP.create();
      n.buildClassifier(Data.separable(20000, 1));
    }));
    c.add(stop(Targets.EM, "-N 8 -restarts 100 on 20,000 instances", () -> {
      Clusterer em = (Clusterer) Targets.EM.configured("-N 8 -restarts 100");
      em.buildClusterer(Data.clusters(20000, 1));
    }));
    c.add(stop(Targets.KGD, "-features EXACT_EIGEN on 2,000 instances (Stop during the eigendecomposition)", () -> {
      Classifier k = (Classifier) Targets.KGD.configured("-features EXACT_EIGEN -stop FIXED -time 1");
      k.buildClassifier(Data.regression(2000, 1));
    }));
    return c;
  }

  private static Case defaults(String id, Targets t, String file) {
    return new Case("train-defaults-" + id, t.label, "default options on " + file, Expect.result(), () -> {
      Instances d = TestData.arff(file.substring(0, file.indexOf(' ')));
      Classifier cl = (Classifier) t.create();
      cl.buildClassifier(d);
      double acc = Data.accuracy(cl, d);
      return String.format("built; training accuracy %.1f%%", acc);
    });
  }

  /** Something that trains for a long time. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  /** Interrupts {@code work} after 500 ms; it must end with InterruptedException within a second. */
  private static Case stop(Targets t, String input, Work work) {
    return new Case("train-stop-" + t.name().toLowerCase(), t.label, input, Expect.error(InterruptedException.class, "interrupted"), () -> {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      java.util.concurrent.atomic.AtomicBoolean flagKept = new java.util.concurrent.atomic.AtomicBoolean();
      Thread worker = new Thread(() -> {
        try {
          work.run();
        } catch (Throwable e) {
          thrown.set(e);
          flagKept.set(Thread.currentThread().isInterrupted());
        }
      });
      worker.start();
      worker.join(500);
      require(worker.isAlive(), "finished before the interrupt; the case needs a longer job");
      long start = System.nanoTime();
      worker.interrupt();
      worker.join(5000);
      double seconds = (System.nanoTime() - start) / 1e9;
      require(!worker.isAlive(), "still running 5 s after the interrupt");
      require(seconds < 1, String.format("stopped %.1f s after the interrupt", seconds));
      // The Explorer reports "Interrupted" only if the flag is still set when the learner gives up.
      require(thrown.get() == null || flagKept.get(), "the interrupt flag was cleared: " + thrown.get());
      if (thrown.get() instanceof Exception e) {
        throw e;
      }
      return "finished normally";
    });
  }
}
