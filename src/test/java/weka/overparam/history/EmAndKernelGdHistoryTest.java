// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.overparam.common.TrainingHistory;
import weka.classifiers.functions.OverparameterizedKernelGD;
import weka.clusterers.OverparameterizedEM;
import weka.core.Instances;
import weka.overparam.TestData;

/** The histories of the clusterer (EM iterations per restart, BIC per k) and of kernel GD (per checkpoint). */
class EmAndKernelGdHistoryTest {

  @Test
  void emRecordsEveryRestartsLogLikelihoodAndTheKeptOneEndsHighest() throws Exception {
    Instances data = TestData.unlabelled("gmm-2d-3clusters.arff");
    OverparameterizedEM em = new OverparameterizedEM();
    em.setNumClusters(3);
    em.setRestarts(4);
    em.buildClusterer(data);
    List<TrainingHistory> histories = em.trainingHistory();
    assertEquals(1, histories.size(), "no BIC search with a fixed number of clusters");
    TrainingHistory h = histories.get(0);
    assertEquals("iteration", h.stepName());
    assertEquals(4, h.columns().size(), h.columns().toString());
    assertEquals(0, h.steps()[0], "iteration 0 is the start");
    String kept = h.columns().stream().filter(c -> c.endsWith("(kept)")).findFirst().orElseThrow();
    double best = h.last(kept);
    for (String c : h.columns()) {
      assertTrue(h.last(c) <= best + 1e-12, c + " ends above the kept start");
      double[] ll = h.column(c);
      for (int i = 1; i < ll.length && !Double.isNaN(ll[i]); i++) {
        assertTrue(ll[i] >= ll[i - 1] - 1e-9 * Math.abs(ll[i - 1]), "EM never lowers the likelihood: " + c);
      }
    }
    assertEquals(em.getModel().summary().logLikelihood(), best, 1e-12);
    assertTrue(em.toString().contains("EM iterations (k = 3)"), em.toString());
  }

  @Test
  void emWithBicSearchAddsBicPerK() throws Exception {
    OverparameterizedEM em = new OverparameterizedEM();
    em.setNumClusters(-1);
    em.setMaxClusters(4);
    em.setRestarts(2);
    em.buildClusterer(TestData.unlabelled("gmm-2d-3clusters.arff"));
    List<TrainingHistory> histories = em.trainingHistory();
    assertEquals(2, histories.size());
    TrainingHistory bic = histories.get(1);
    assertEquals("k", bic.stepName());
    assertEquals(4, bic.size());
    double[] usable = bic.column("BIC/usable");
    int argmin = 0;
    for (int k = 1; k < usable.length; k++) {
      argmin = !Double.isNaN(usable[k]) && (Double.isNaN(usable[argmin]) || usable[k] < usable[argmin]) ? k : argmin;
    }
    assertEquals(em.numberOfClusters(), (int) bic.steps()[argmin], "the chosen k has the lowest usable BIC");
    assertTrue(histories.get(0).title().contains("k = " + em.numberOfClusters()));
  }

  @Test
  void kernelGdRecordsTheValidationScanAndTheKeptModelsFlow() throws Exception {
    Instances cpu = TestData.arff("cpu.arff");
    OverparameterizedKernelGD kgd = new OverparameterizedKernelGD();
    kgd.buildClassifier(cpu);
    List<TrainingHistory> histories = kgd.trainingHistory();
    assertEquals(2, histories.size(), "default -stop VALIDATION: scan, then the kept model");
    TrainingHistory scan = histories.get(0);
    TrainingHistory flow = histories.get(1);
    assertEquals("time", scan.stepName());
    double[] validation = scan.column("MSE/validation");
    double[] training = scan.column("MSE/training");
    double minValidation = java.util.Arrays.stream(validation).min().orElseThrow();
    assertEquals(minValidation, validation[kgd.getModel().summary().validation().best()], 0);
    assertTrue(training[training.length - 1] < training[0], "the training error falls along the flow");
    assertEquals(kgd.getModel().summary().trainMse(), flow.last("MSE/training"), 1e-9 * flow.last("MSE/training"));
    assertFalse(Double.isNaN(flow.last("coefficient norm")));
    assertTrue(kgd.toString().contains("Validation scan"), kgd.toString());
  }
}
