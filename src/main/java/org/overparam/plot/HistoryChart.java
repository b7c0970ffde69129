// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.overparam.common.Checks;
import org.overparam.common.TrainingHistory;

/**
 * Small multiples of training histories: each history is a section (its title, then a grid of
 * panels, one per {@link TrainingHistory#panels()} entry). The layout depends only on the width,
 * so the same picture comes out of a Swing component, a PNG and a KnowledgeFlow image.
 */
public final class HistoryChart {
  /** The background of every picture (tests look for pixels that differ from it). */
  public static final Color BACKGROUND = Color.WHITE;
  public static final int DEFAULT_WIDTH = 1000;
  /** Narrower panels would crowd the tick labels; the grid takes as many columns as fit. */
  static final int MIN_PANEL_WIDTH = 330;
  private static final int MARGIN = 12;
  private static final int MIN_WIDTH = 200;

  private final List<TrainingHistory> histories;

  public HistoryChart(List<TrainingHistory> histories) {
    this.histories = List.copyOf(histories);
  }

  public List<TrainingHistory> histories() {
    return histories;
  }

  /** The height the chart needs when laid out at {@code width} pixels. */
  public int preferredHeight(int width) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      prepare(g);
      return layout(g, Math.max(MIN_WIDTH, width), false, new ArrayList<>());
    } finally {
      g.dispose();
    }
  }

  /** Paints the chart at the origin, {@code width} wide, over a filled background. */
  public void paint(Graphics2D g, int width) {
    prepare(g);
    int w = Math.max(MIN_WIDTH, width);
    g.setColor(BACKGROUND);
    g.fillRect(0, 0, w, layout(g, w, false, new ArrayList<>()));
    layout(g, w, true, new ArrayList<>());
  }

  /** Where each panel lies at {@code width} (for tests that look into a panel's pixels). */
  List<Rectangle> panelBounds(int width) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      prepare(g);
      List<Rectangle> bounds = new ArrayList<>();
      layout(g, Math.max(MIN_WIDTH, width), false, bounds);
      return bounds;
    } finally {
      g.dispose();
    }
  }

  /**
   * The chart as an image {@code width} wide. With {@code height <= 0} the image is as tall as the
   * chart needs; otherwise it is exactly {@code height} tall and a chart that needs more is scaled
   * down to fit (centred), one that needs less leaves a margin below.
   */
  public BufferedImage render(int width, int height) {
    Checks.require(width >= MIN_WIDTH, "the image width must be at least " + MIN_WIDTH + " pixels, got " + width);
    int needed = preferredHeight(width);
    int h = height <= 0 ? needed : height;
    Checks.require(h <= 20_000 && (long) width * h <= 100_000_000L,
        "the image would be " + width + " x " + h + " pixels; at most 100 megapixels and 20000 pixels tall");
    BufferedImage image = new BufferedImage(width, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, width, h);
      double scale = Math.min(1.0, h / (double) needed);
      g.translate((width - width * scale) / 2, 0);
      g.scale(scale, scale);
      paint(g, width);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Writes {@link #render} as a PNG. */
  public void writePng(Path file, int width, int height) throws IOException {
    BufferedImage image = render(width, height);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IOException("cannot write " + file + ": the folder " + parent + " does not exist");
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available in this Java runtime");
    }
  }

  private static void prepare(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }

  /**
   * Walks the layout; paints when {@code draw}, adds each panel's rectangle to {@code bounds} and
   * returns the total height.
   */
  private int layout(Graphics2D g, int width, boolean draw, List<Rectangle> bounds) {
    FontMetrics section = g.getFontMetrics(Fonts.SECTION_TITLE);
    FontMetrics text = g.getFontMetrics(Fonts.TEXT);
    int y = MARGIN;
    if (histories.isEmpty()) {
      if (draw) {
        drawText(g, "No training history", Fonts.SECTION_TITLE, MARGIN, y + section.getAscent());
      }
      return y + section.getHeight() + MARGIN;
    }
    for (TrainingHistory h : histories) {
      if (draw) {
        drawText(g, h.title(), Fonts.SECTION_TITLE, MARGIN, y + section.getAscent());
      }
      y += section.getHeight() + 4;
      List<PlotPanel> panels = PlotPanel.of(h);
      if (h.isEmpty() || panels.isEmpty()) {
        if (draw) {
          drawText(g, "nothing recorded", Fonts.TEXT, MARGIN, y + text.getAscent());
        }
        y += text.getHeight() + MARGIN;
        continue;
      }
      y = grid(g, panels, width, y, draw, bounds) + MARGIN;
    }
    return y;
  }

  private static int grid(Graphics2D g, List<PlotPanel> panels, int width, int y, boolean draw,
      List<Rectangle> bounds) {
    int inner = width - 2 * MARGIN;
    int columns = Math.max(1, Math.min(panels.size(), inner / MIN_PANEL_WIDTH));
    int panelWidth = inner / columns;
    for (int start = 0; start < panels.size(); start += columns) {
      List<PlotPanel> row = new ArrayList<>(panels.subList(start, Math.min(panels.size(), start + columns)));
      int rowHeight = 0;
      for (PlotPanel p : row) {
        rowHeight = Math.max(rowHeight, PanelPainter.height(g, p, panelWidth));
      }
      for (int c = 0; c < row.size(); c++) {
        Rectangle r = new Rectangle(MARGIN + c * panelWidth, y, panelWidth, rowHeight);
        bounds.add(r);
        if (draw) {
          PanelPainter.paint(g, row.get(c), r);
        }
      }
      y += rowHeight;
    }
    return y;
  }

  private static void drawText(Graphics2D g, String s, Font font, int x, int baseline) {
    g.setFont(font);
    g.setColor(PanelPainter.TEXT);
    g.drawString(s, x, baseline);
  }
}
