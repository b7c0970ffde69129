// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.knowledgeflow.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.overparam.plot.HistoryChart;
import weka.classifiers.rules.ZeroR;
import weka.core.Instances;
import weka.core.WekaException;
import weka.knowledgeflow.Data;
import weka.knowledgeflow.StepManager;
import weka.knowledgeflow.StepManagerImpl;
import weka.overparam.HistoryKeepingZeroR;
import weka.overparam.TestData;

/** The step without a display or a running flow: its outputs are caught by a step output listener. */
class TrainingHistoryPlotterTest {

  private static List<Data> process(TrainingHistoryPlotter step, Object model, Instances train) throws Exception {
    StepManagerImpl manager = new StepManagerImpl(step);
    List<Data> out = new ArrayList<>();
    manager.addStepOutputListener(d -> out.add(d), StepManager.CON_IMAGE);
    manager.addStepOutputListener(d -> out.add(d), StepManager.CON_TEXT);
    step.stepInit();
    Data in = new Data(StepManager.CON_BATCH_CLASSIFIER, model);
    in.setPayloadElement(StepManager.CON_AUX_DATA_TRAININGSET, train);
    in.setPayloadElement(StepManager.CON_AUX_DATA_SET_NUM, 2);
    in.setPayloadElement(StepManager.CON_AUX_DATA_MAX_SET_NUM, 10);
    step.processIncoming(in);
    return out;
  }

  @Test
  void sendsThePlotsAsAnImageAndTheNumbersAsText() throws Exception {
    Instances iris = TestData.arff("iris.arff");
    HistoryKeepingZeroR model = HistoryKeepingZeroR.trainedOn(iris);
    TrainingHistoryPlotter step = new TrainingHistoryPlotter();
    step.setImageWidth(640);
    List<Data> out = process(step, model, iris);

    assertEquals(2, out.size());
    Data image = out.get(0);
    assertEquals(StepManager.CON_IMAGE, image.getConnectionName());
    BufferedImage picture = image.getPrimaryPayload();
    assertEquals(640, picture.getWidth());
    assertEquals(new HistoryChart(model.trainingHistory()).preferredHeight(640), picture.getHeight());
    assertEquals("HistoryKeepingZeroR: iris (fold 2/10)", image.getPayloadElement(StepManager.CON_AUX_DATA_TEXT_TITLE));

    String text = out.get(1).getPrimaryPayload();
    assertTrue(text.startsWith("# Training (HistoryKeepingZeroR)\nepoch,"), text);
    assertTrue(text.contains("\n# BIC by number of components\nk,BIC\r\n1,932.5\r\n"), text);
  }

  @Test
  void aModelWithoutHistoryStopsTheFlowWithAMessage() throws Exception {
    Instances iris = TestData.arff("iris.arff");
    ZeroR plain = new ZeroR();
    plain.buildClassifier(iris);
    WekaException e = assertThrows(WekaException.class, () -> process(new TrainingHistoryPlotter(), plain, iris));
    assertTrue(e.getMessage().contains("keeps no training history"), e.getMessage());
    TrainingHistoryPlotter narrow = new TrainingHistoryPlotter();
    narrow.setImageWidth(10);
    assertThrows(WekaException.class, narrow::stepInit);
  }

  @Test
  void acceptsBatchClassifiersAndClusterersAndOffersImageAndText() {
    TrainingHistoryPlotter step = new TrainingHistoryPlotter();
    new StepManagerImpl(step);
    assertEquals(List.of(StepManager.CON_BATCH_CLASSIFIER, StepManager.CON_BATCH_CLUSTERER), step.getIncomingConnectionTypes());
    assertTrue(step.getOutgoingConnectionTypes().isEmpty(), "nothing to offer before a model comes in");
  }
}
