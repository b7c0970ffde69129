// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.ItopSparseNetwork;

/** Live progress: what the Explorer's Log and status bar receive while a network trains. */
class TrainingProgressTest {

  /** Records what a learner sends to the Explorer's log. */
  private static final class RecordingLog implements weka.gui.Logger {
    final List<String> log = new ArrayList<>();
    final List<String> status = new ArrayList<>();

    @Override
    public void logMessage(String message) {
      log.add(message);
    }

    @Override
    public void statusMessage(String message) {
      status.add(message);
    }
  }

  @Test
  void oneLinePerEpochWithLossAccuracyAndTimeLeft() throws Exception {
    ItopSparseNetwork net = new ItopSparseNetwork();
    net.setHiddenLayers("8");
    net.setEpochs(4);
    RecordingLog log = new RecordingLog();
    net.setLog(log);
    net.buildClassifier(TestData.arff("iris.arff"));
    assertEquals(4, log.log.size(), log.log.toString());
    assertEquals(log.log, log.status, "the status bar shows the latest line");
    for (int e = 1; e <= 4; e++) {
      String line = log.log.get(e - 1);
      assertTrue(line.startsWith("ItopSparseNetwork: epoch " + e + "/4, loss "), line);
      assertTrue(line.contains(", accuracy ") && line.contains(", R_s "), line);
      assertTrue(line.contains(e < 4 ? " left)" : "/epoch)"), line);
    }
    // The log is the Explorer's and is not part of the model (Weka copies models by serialization).
    ItopSparseNetwork copy = (ItopSparseNetwork) new weka.core.SerializedObject(net).getObject();
    assertEquals(null, copy.getLog());
  }

  @Test
  void aNumericClassShowsItsRmseInTheClassUnit() throws Exception {
    ItopSparseNetwork net = new ItopSparseNetwork();
    net.setHiddenLayers("8");
    net.setEpochs(2);
    RecordingLog log = new RecordingLog();
    net.setLog(log);
    weka.core.Instances cpu = TestData.arff("cpu.arff");
    cpu.forEach(i -> i.setClassValue(i.classValue() * 1e12));
    net.buildClassifier(cpu);
    String line = log.log.get(1);
    assertTrue(line.contains(", loss ") && line.contains(", RMSE ") && !line.contains("accuracy"), line);
    assertTrue(line.matches(".*RMSE \\d\\.\\d{3}e\\+1[34],.*"), line); // 4 significant digits, not 17 with decimals
  }

  @Test
  void durationsReadNaturally() {
    assertEquals("45 s", TrainingProgress.duration(44.6));
    assertEquals("3 min 20 s", TrainingProgress.duration(200));
    assertEquals("1 h 05 min", TrainingProgress.duration(3900));
  }
}
