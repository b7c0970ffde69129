// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.overparam.common.TrainingHistory;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.functions.AbstractNetworkClassifier;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.classifiers.functions.MinDiffNetwork;
import weka.classifiers.functions.SopRobustNetwork;
import weka.core.Instances;
import weka.core.SerializedObject;
import weka.overparam.TestData;

/** The training history each network keeps: one row per epoch, the method's own columns, in the model. */
class NetworkHistoryTest {

  private static <T extends AbstractNetworkClassifier> T small(T net, int epochs) {
    net.setHiddenLayers("16,16");
    net.setEpochs(epochs);
    net.setBatchSizeTrain(32);
    net.setSeed(3);
    return net;
  }

  private static TrainingHistory only(AbstractNetworkClassifier net) {
    List<TrainingHistory> h = net.trainingHistory();
    assertEquals(1, h.size());
    return h.get(0);
  }

  @Test
  void sparseNetworkRecordsLossAccuracyDensityAndItopRatePerLayer() throws Exception {
    Instances iris = TestData.arff("iris.arff");
    ItopSparseNetwork net = small(new ItopSparseNetwork(), 6);
    assertTrue(net.trainingHistory().isEmpty(), "no history before training");
    net.setSparsity(0.8);
    net.setValidationFraction(0.2);
    net.setPatience(100);
    net.buildClassifier(iris);
    TrainingHistory h = only(net);
    assertEquals("epoch", h.stepName());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, h.steps());
    for (String c : List.of("loss/training", "accuracy/training", "loss/validation", "accuracy/validation",
        "learning rate", "density/all layers", "density/layer 1", "density/layer 3", "R_s/all layers",
        "R_s/layer 1", "R_s/layer 3", "topology updates")) {
      assertTrue(h.has(c), c + " missing from " + h.columns());
    }
    double[] loss = h.column("loss/training");
    assertTrue(loss[5] < loss[0], "the loss falls on iris: " + java.util.Arrays.toString(loss));
    double[] rs = h.column("R_s/all layers");
    for (int e = 1; e < rs.length; e++) {
      assertTrue(rs[e] >= rs[e - 1], "R_s never decreases");
    }
    // The density stays at the budget (1 - sparsity) while R_s grows beyond it.
    assertEquals(0.2, h.last("density/all layers"), 0.01);
    assertTrue(h.last("R_s/all layers") > 0.2);
    assertEquals(h.last("accuracy/validation"), h.column("accuracy/validation")[5]);
    assertTrue(net.toString().contains("Training (6 epochs"), net.toString());
  }

  @Test
  void historySurvivesSerializationAndCopies() throws Exception {
    ItopSparseNetwork net = small(new ItopSparseNetwork(), 3);
    net.buildClassifier(TestData.arff("iris.arff"));
    ItopSparseNetwork copy = (ItopSparseNetwork) new SerializedObject(net).getObject();
    assertEquals(only(net).toCsv(), only(copy).toCsv());
    // A fresh copy of the configuration (Weka's cross-validation) has no history until it trains.
    assertTrue(((ItopSparseNetwork) AbstractClassifier.makeCopies(net, 1)[0]).trainingHistory().size() <= 1);
  }

  @Test
  void sameSeedAndDataGiveTheSameHistoryBitForBit() throws Exception {
    Instances iris = TestData.arff("iris.arff");
    ItopSparseNetwork a = small(new ItopSparseNetwork(), 3);
    ItopSparseNetwork b = small(new ItopSparseNetwork(), 3);
    a.buildClassifier(iris);
    b.buildClassifier(iris);
    assertEquals(only(a).toCsv(), only(b).toCsv());
  }

  @Test
  void sopRecordsItsNoiseVariables() throws Exception {
    SopRobustNetwork net = small(new SopRobustNetwork(), 4);
    net.buildClassifier(TestData.arff("iris.arff"));
    TrainingHistory h = only(net);
    for (String c : List.of("objective/SOP cross-entropy", "objective/SOP MSE", "labels flagged as noisy",
        "noise variables/mean u^2", "noise variables/max u^2", "noise variables/mean sum of v^2")) {
      assertTrue(h.has(c), c + " missing from " + h.columns());
    }
    double[] meanU = h.column("noise variables/mean u^2");
    assertTrue(meanU[3] <= h.last("noise variables/max u^2"));
    assertTrue(meanU[3] > meanU[0], "u moves away from its tiny initial values");
  }

  @Test
  void minDiffRecordsMmdAndGroupRatesOnTrainingAndValidationData() throws Exception {
    MinDiffNetwork net = small(new MinDiffNetwork(), 3);
    net.setSensitiveAttribute("sex");
    net.setBatchSizeTrain(100);
    net.setMindiffBatchSize(32);
    net.setValidationFraction(0.2);
    net.buildClassifier(TestData.arff("adult-small-train.arff"));
    TrainingHistory h = only(net);
    for (String split : List.of("training", "validation")) {
      for (String c : List.of("FNR/" + split + ", group S", "FNR/" + split + ", group R", "FNR gap/" + split,
          "MMD/" + split)) {
        assertTrue(h.has(c), c + " missing from " + h.columns());
      }
      double[] gap = h.column("FNR gap/" + split);
      double[] s = h.column("FNR/" + split + ", group S");
      double[] r = h.column("FNR/" + split + ", group R");
      for (int e = 0; e < gap.length; e++) {
        assertEquals(Math.abs(s[e] - r[e]), gap[e], 1e-12, "the gap is |FNR_S - FNR_R|");
        assertTrue(s[e] >= 0 && s[e] <= 1 && r[e] >= 0 && r[e] <= 1);
      }
    }
    assertTrue(h.has("early-stopping score"), "MinDiff stops on its own validation score");
    assertFalse(Double.isNaN(h.last("MMD/validation")));
  }
}
