// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.overparam.common.TrainingHistory;

/** Renders histories without a display and checks what landed in the pixels. */
class HistoryChartTest {
  private static final int WIDTH = 1000;

  @BeforeAll
  static void runsWithoutADisplay() {
    assertTrue(GraphicsEnvironment.isHeadless(), "surefire runs with java.awt.headless=true");
  }

  /** loss over four decades, two accuracy series (validation measured every other epoch), density. */
  static TrainingHistory epochs(int n) {
    TrainingHistory.Recorder r = new TrainingHistory.Recorder("Training (test)", "epoch");
    for (int e = 1; e <= n; e++) {
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("loss", 2.0 * Math.pow(10, -4.0 * e / n));
      row.put("accuracy/train", 0.5 + 0.4 * e / n);
      row.put("accuracy/validation", e % 2 == 0 ? 0.45 + 0.35 * e / n : Double.NaN);
      row.put("density", 0.1);
      r.add(e, row);
    }
    return r.build();
  }

  @Test
  void eachPanelOfAHistoryHoldsItsSeriesColours() {
    HistoryChart chart = new HistoryChart(List.of(epochs(20)));
    BufferedImage image = chart.render(WIDTH, 0);
    assertEquals(WIDTH, image.getWidth());
    assertEquals(chart.preferredHeight(WIDTH), image.getHeight());

    List<Rectangle> panels = chart.panelBounds(WIDTH);
    assertEquals(3, panels.size(), "loss, accuracy, density");
    assertEquals(panels.get(0).y, panels.get(1).y, "at 1000 px two panels share a row");
    assertTrue(panels.get(2).y > panels.get(0).y, "the third starts the next row");
    for (Rectangle p : panels) {
      assertTrue(count(image, p, Palette.color(0)) > 20, "first series drawn in panel " + p);
      assertTrue(nonBackground(image, p) > 500, "axes and labels drawn in panel " + p);
    }
    assertTrue(count(image, panels.get(1), Palette.color(1)) > 20, "validation accuracy drawn in orange");
    assertEquals(0, count(image, panels.get(0), Palette.color(1)), "the loss panel has one series only");
  }

  @Test
  void stepsThatWereNotMeasuredAreBridgedByAThinDottedLineOnly() {
    TrainingHistory.Recorder r = new TrainingHistory.Recorder("gappy", "iteration");
    for (int i = 0; i <= 60; i++) {
      r.add(i, Map.of("log-likelihood", i >= 20 && i <= 40 ? Double.NaN : -100.0 + i));
    }
    HistoryChart chart = new HistoryChart(List.of(r.build()));
    BufferedImage image = chart.render(WIDTH, 0);
    Rectangle panel = chart.panelBounds(WIDTH).get(0);
    int centre = panel.x + panel.width / 2;
    Rectangle gap = new Rectangle(centre - 30, panel.y, 60, PanelPainter.PLOT_HEIGHT + 30);
    Rectangle measured = new Rectangle(panel.x + panel.width - 90, panel.y, 60, PanelPainter.PLOT_HEIGHT + 30);
    int bridged = nearly(image, gap, Palette.color(0));
    int drawn = nearly(image, measured, Palette.color(0));
    assertTrue(bridged > 0, "the bridge is drawn");
    assertTrue(bridged * 3 < drawn, "the bridge is much lighter than the line: " + bridged + " vs " + drawn);
  }

  @Test
  void aSeriesThatHidesAnEqualEarlierOneSaysSoInTheLegend() {
    TrainingHistory.Recorder r = new TrainingHistory.Recorder("densities", "epoch");
    Map<String, Double> row = new LinkedHashMap<>();
    row.put("density/layer 1", 1.0);
    row.put("density/layer 2", 0.1);
    row.put("density/layer 3", 1.0);
    r.add(1, row);
    PlotPanel panel = PlotPanel.of(r.build()).get(0);
    assertEquals(List.of("layer 1", "layer 2", "layer 3 (same as layer 1)"), panel.legendNames());
  }

  @Test
  void aSingleStepIsDrawnAsAPoint() {
    TrainingHistory one = new TrainingHistory.Recorder("one epoch", "epoch").add(1, Map.of("loss", 0.7)).build();
    HistoryChart chart = new HistoryChart(List.of(one));
    BufferedImage image = chart.render(600, 0);
    assertTrue(count(image, chart.panelBounds(600).get(0), Palette.color(0)) >= 5, "a marker for the one value");
  }

  @Test
  void emptyHistoriesAndValuesThatCannotBeDrawnStillGiveAPicture() {
    TrainingHistory empty = new TrainingHistory.Recorder("not trained", "epoch").build();
    TrainingHistory diverged = new TrainingHistory.Recorder("diverged", "epoch")
        .add(1, Map.of("loss", Double.NaN)).add(2, Map.of("loss", Double.POSITIVE_INFINITY)).build();
    for (List<TrainingHistory> histories : List.of(List.<TrainingHistory>of(), List.of(empty), List.of(diverged))) {
      BufferedImage image = new HistoryChart(histories).render(400, 0);
      assertTrue(image.getHeight() > 20);
      assertTrue(nonBackground(image, new Rectangle(0, 0, 400, image.getHeight())) > 50, "some text for " + histories);
    }
  }

  @Test
  void aFixedHeightScalesTheChartDownToFit() {
    HistoryChart chart = new HistoryChart(List.of(epochs(10), epochs(5)));
    int needed = chart.preferredHeight(800);
    BufferedImage image = chart.render(800, needed / 2);
    assertEquals(needed / 2, image.getHeight());
    assertEquals(800, image.getWidth());
    int lastRow = needed / 2 - 5;
    assertTrue(nonBackground(image, new Rectangle(0, lastRow - 100, 800, 100)) > 100, "the second history is still in the picture");
    assertThrows(IllegalArgumentException.class, () -> chart.render(50, 0));
  }

  @Test
  void writesAPngThatImageIoReadsBack(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("history.png");
    new HistoryChart(List.of(epochs(8))).writePng(png, 700, 0);
    BufferedImage back = ImageIO.read(png.toFile());
    assertEquals(700, back.getWidth());
    Path nowhere = dir.resolve("missing").resolve("h.png");
    Exception e = assertThrows(java.io.IOException.class, () -> new HistoryChart(List.of(epochs(3))).writePng(nowhere, 700, 0));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    if (Files.isDirectory(Path.of("target"))) {
      ImageIO.write(back, "png", Path.of("target", "HistoryChartTest.png").toFile()); // to look at after a run
    }
  }

  static int count(BufferedImage image, Rectangle r, Color color) {
    int n = 0;
    for (int y = Math.max(0, r.y); y < Math.min(image.getHeight(), r.y + r.height); y++) {
      for (int x = Math.max(0, r.x); x < Math.min(image.getWidth(), r.x + r.width); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
          n++;
        }
      }
    }
    return n;
  }

  /** Pixels within a small distance of {@code color} (anti-aliased thin lines rarely hit it exactly). */
  static int nearly(BufferedImage image, Rectangle r, Color color) {
    int n = 0;
    for (int y = Math.max(0, r.y); y < Math.min(image.getHeight(), r.y + r.height); y++) {
      for (int x = Math.max(0, r.x); x < Math.min(image.getWidth(), r.x + r.width); x++) {
        Color c = new Color(image.getRGB(x, y));
        if (Math.abs(c.getRed() - color.getRed()) + Math.abs(c.getGreen() - color.getGreen())
            + Math.abs(c.getBlue() - color.getBlue()) < 120) {
          n++;
        }
      }
    }
    return n;
  }

  static int nonBackground(BufferedImage image, Rectangle r) {
    int n = 0;
    for (int y = Math.max(0, r.y); y < Math.min(image.getHeight(), r.y + r.height); y++) {
      for (int x = Math.max(0, r.x); x < Math.min(image.getWidth(), r.x + r.width); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != (HistoryChart.BACKGROUND.getRGB() & 0xFFFFFF)) {
          n++;
        }
      }
    }
    return n;
  }
}
