// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingHistoryTest {

  private static Map<String, Double> row(Object... keyValues) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], ((Number) keyValues[i + 1]).doubleValue());
    }
    return m;
  }

  private static TrainingHistory sample() {
    return new TrainingHistory.Recorder("Training", "epoch")
        .add(1, row("loss/training", 2.5, "accuracy/training", 0.25))
        .add(2, row("loss/training", 1.25, "accuracy/training", 0.5, "loss/validation", 1.5))
        .add(3, row("loss/training", 0.75, "accuracy/training", 0.875, "loss/validation", 1.0, "R_s", 0.3))
        .build();
  }

  @Test
  void columnsAppearInFirstSeenOrderAndEarlierRowsHoldNaN() {
    TrainingHistory h = sample();
    assertEquals(List.of("loss/training", "accuracy/training", "loss/validation", "R_s"), h.columns());
    assertArrayEquals(new double[] {1, 2, 3}, h.steps());
    assertArrayEquals(new double[] {Double.NaN, 1.5, 1.0}, h.column("loss/validation"));
    assertEquals(0.3, h.last("R_s"));
    assertEquals(Map.of("loss", List.of("loss/training", "loss/validation"),
        "accuracy", List.of("accuracy/training"), "R_s", List.of("R_s")), h.panels());
    assertEquals(List.of("loss", "accuracy", "R_s"), List.copyOf(h.panels().keySet()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.column("MMD"));
    assertTrue(e.getMessage().contains("'MMD'"), e.getMessage());
  }

  @Test
  void csvHasAHeaderAndEmptyCellsForUnmeasuredValues() {
    assertEquals("epoch,loss/training,accuracy/training,loss/validation,R_s\r\n"
        + "1,2.5,0.25,,\r\n"
        + "2,1.25,0.5,1.5,\r\n"
        + "3,0.75,0.875,1,0.3\r\n", sample().toCsv());
    TrainingHistory quoted = new TrainingHistory.Recorder("t", "k").add(2, row("FNR/training, group S", 0.5)).build();
    assertEquals("k,\"FNR/training, group S\"\r\n2,0.5\r\n", quoted.toCsv());
  }

  @Test
  void summaryShowsFirstMiddleAndLastValues() {
    String s = sample().summary(2);
    assertTrue(s.startsWith("Training (3 epochs; values at epoch 1, 2 and 3)"), s);
    assertTrue(s.contains("loss/training") && s.contains("2.5000") && s.contains("0.75000"), s);
    assertTrue(s.contains("... and 2 more columns"), s);
    assertEquals("empty: nothing recorded\n", new TrainingHistory.Recorder("empty", "epoch").build().summary(3));
    // fractional steps (kernel GD's times) are rounded as the values are, not printed in full
    TrainingHistory times = new TrainingHistory.Recorder("Flow", "time").add(0.009039426381449146, row("MSE", 1))
        .add(2.94241337633034, row("MSE", 0.5)).add(1049.7698178, row("MSE", 0.25)).build();
    assertTrue(times.summary(1).startsWith("Flow (3 times; values at time 0.0090394, 2.9424 and 1049.8)"),
        times.summary(1));
    TrainingHistory byK = new TrainingHistory.Recorder("BIC", "k").add(1, row("BIC", 3)).add(2, row("BIC", 2)).build();
    assertTrue(byK.summary(1).startsWith("BIC (2 k values; values at k 1 and 2)"), byK.summary(1));
  }

  @Test
  void panelAndSeriesNamesSplitAtTheFirstSlash() {
    assertEquals("density", TrainingHistory.panelOf("density/layer 1"));
    assertEquals("layer 1", TrainingHistory.seriesOf("density/layer 1"));
    assertEquals("learning rate", TrainingHistory.panelOf("learning rate"));
    assertEquals("learning rate", TrainingHistory.seriesOf("learning rate"));
  }
}
