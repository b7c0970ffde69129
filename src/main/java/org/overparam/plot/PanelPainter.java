// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws one {@link PlotPanel} into a rectangle: title, axes with ticks, one line per series (dotted
 * across steps where it was not measured, with markers when there are few steps or a point stands
 * alone) and a legend under the axes. {@link #height} and {@link #paint} share the layout arithmetic.
 */
final class PanelPainter {
  static final int PLOT_HEIGHT = 170;
  private static final int RIGHT_MARGIN = 14;
  private static final int PAD = 6;
  private static final int SWATCH = 18;
  private static final int MARKER_STEPS = 40;
  private static final int Y_TICKS = 5;
  private static final BasicStroke BRIDGE =
      new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {1.5f, 3f}, 0f);
  static final Color AXIS = new Color(0x333333);
  static final Color GRID = new Color(0xE6E6E6);
  static final Color TEXT = new Color(0x222222);

  private PanelPainter() {}

  /** The height the panel needs at {@code width} (the legend may wrap). */
  static int height(Graphics2D g, PlotPanel p, int width) {
    FontMetrics title = g.getFontMetrics(Fonts.PANEL_TITLE);
    FontMetrics text = g.getFontMetrics(Fonts.TEXT);
    int legendRows = legendRows(text, p.legendNames(), width - 2 * PAD).size();
    return PAD + title.getHeight() + PAD + PLOT_HEIGHT + 2 * text.getHeight() + PAD
        + legendRows * (text.getHeight() + 2) + PAD;
  }

  static void paint(Graphics2D g, PlotPanel p, Rectangle r) {
    FontMetrics titleFm = g.getFontMetrics(Fonts.PANEL_TITLE);
    FontMetrics fm = g.getFontMetrics(Fonts.TEXT);
    double[] range = p.valueRange();
    boolean empty = Double.isNaN(range[0]);
    AxisScale y = empty ? AxisScale.forValues(0, 1, Y_TICKS) : AxisScale.forValues(range[0], range[1], Y_TICKS);
    AxisScale x = AxisScale.forSteps(min(p.steps()), max(p.steps()));

    String title = p.title() + (y.log() ? " (log scale)" : "") + (p.hasInfinite() ? " (infinite values not drawn)" : "");
    g.setFont(Fonts.PANEL_TITLE);
    g.setColor(TEXT);
    g.drawString(title, r.x + PAD, r.y + PAD + titleFm.getAscent());

    List<Double> yTicks = y.ticks(Y_TICKS, false);
    double yStep = y.tickStep(Y_TICKS, false);
    int labelWidth = 0;
    for (double t : yTicks) {
      labelWidth = Math.max(labelWidth, fm.stringWidth(y.label(t, yStep)));
    }
    int left = r.x + PAD + labelWidth + 6;
    int top = r.y + PAD + titleFm.getHeight() + PAD;
    Rectangle plot = new Rectangle(left, top, Math.max(10, r.x + r.width - RIGHT_MARGIN - left), PLOT_HEIGHT);

    g.setFont(Fonts.TEXT);
    for (double t : yTicks) {
      int py = yPixel(y, t, plot);
      g.setColor(GRID);
      g.drawLine(plot.x, py, plot.x + plot.width, py);
      g.setColor(TEXT);
      String label = y.label(t, yStep);
      g.drawString(label, plot.x - 6 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
    }
    int xTickCount = Math.max(2, plot.width / 70);
    double xStep = x.tickStep(xTickCount, p.integerSteps());
    for (double t : x.ticks(xTickCount, p.integerSteps())) {
      int px = xPixel(x, t, plot);
      g.setColor(AXIS);
      g.drawLine(px, plot.y + plot.height, px, plot.y + plot.height + 4);
      g.setColor(TEXT);
      String label = x.label(t, xStep);
      g.drawString(label, px - fm.stringWidth(label) / 2, plot.y + plot.height + 4 + fm.getAscent());
    }
    g.setColor(TEXT);
    g.drawString(p.stepName(), plot.x + (plot.width - fm.stringWidth(p.stepName())) / 2,
        plot.y + plot.height + 4 + fm.getHeight() + fm.getAscent());
    g.setColor(AXIS);
    g.drawRect(plot.x, plot.y, plot.width, plot.height);

    if (empty) {
      String none = "no finite values";
      g.setColor(TEXT);
      g.drawString(none, plot.x + (plot.width - fm.stringWidth(none)) / 2, plot.y + plot.height / 2);
    } else {
      Shape oldClip = g.getClip();
      g.clip(new Rectangle(plot.x - 3, plot.y - 3, plot.width + 7, plot.height + 7));
      for (int s = 0; s < p.series().size(); s++) {
        drawSeries(g, p.steps(), p.series().get(s), s, x, y, plot);
      }
      g.setClip(oldClip);
    }
    drawLegend(g, fm, p.legendNames(), r.x + PAD, plot.y + plot.height + 2 * fm.getHeight() + PAD, r.width - 2 * PAD);
  }

  /**
   * Solid between measurements at adjacent steps; a thin dotted line bridges steps where the series
   * was not measured (NaN), so a series measured every few epochs still reads as a line while the
   * bridge shows that nothing was measured there.
   */
  private static void drawSeries(Graphics2D g, double[] xs, double[] ys, int index, AxisScale x, AxisScale y,
      Rectangle plot) {
    g.setColor(Palette.color(index));
    Path2D.Double solid = new Path2D.Double();
    Path2D.Double bridges = new Path2D.Double();
    boolean markers = xs.length <= MARKER_STEPS;
    int previous = -1;
    for (int i = 0; i < xs.length; i++) {
      if (!drawable(ys[i], y)) {
        if (!Double.isNaN(ys[i])) {
          previous = -1; // an infinite value breaks the line: it was measured, it just cannot be drawn
        }
        continue;
      }
      double px = xPixelExact(x, xs[i], plot);
      double py = yPixelExact(y, ys[i], plot);
      if (previous >= 0) {
        Path2D.Double path = previous == i - 1 ? solid : bridges;
        path.moveTo(xPixelExact(x, xs[previous], plot), yPixelExact(y, ys[previous], plot));
        path.lineTo(px, py);
      }
      boolean alone = (previous != i - 1 || previous < 0) && (i + 1 >= xs.length || !drawable(ys[i + 1], y));
      if (markers || alone) {
        g.fill(new Ellipse2D.Double(px - 2.5, py - 2.5, 5, 5));
      }
      previous = i;
    }
    g.setStroke(Palette.stroke(index));
    g.draw(solid);
    g.setStroke(BRIDGE);
    g.draw(bridges);
    g.setStroke(new BasicStroke(1f));
  }

  /** NaN is a gap; infinities and non-positive values on a log axis cannot be placed either. */
  private static boolean drawable(double v, AxisScale y) {
    return Double.isFinite(v) && (!y.log() || v > 0);
  }

  private static void drawLegend(Graphics2D g, FontMetrics fm, List<String> names, int x, int y, int width) {
    int row = 0;
    for (List<Integer> items : legendRows(fm, names, width)) {
      int px = x;
      int baseline = y + row * (fm.getHeight() + 2) + fm.getAscent();
      for (int i : items) {
        g.setColor(Palette.color(i));
        g.setStroke(Palette.stroke(i));
        g.draw(new Line2D.Double(px, baseline - fm.getAscent() / 2.0 + 1, px + SWATCH, baseline - fm.getAscent() / 2.0 + 1));
        g.setStroke(new BasicStroke(1f));
        g.setColor(TEXT);
        g.drawString(names.get(i), px + SWATCH + 4, baseline);
        px += itemWidth(fm, names.get(i));
      }
      row++;
    }
  }

  /** The legend items per row, wrapping at {@code width}. */
  private static List<List<Integer>> legendRows(FontMetrics fm, List<String> names, int width) {
    List<List<Integer>> rows = new ArrayList<>();
    List<Integer> row = new ArrayList<>();
    int used = 0;
    for (int i = 0; i < names.size(); i++) {
      int w = itemWidth(fm, names.get(i));
      if (!row.isEmpty() && used + w > width) {
        rows.add(row);
        row = new ArrayList<>();
        used = 0;
      }
      row.add(i);
      used += w;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  private static int itemWidth(FontMetrics fm, String name) {
    return SWATCH + 4 + fm.stringWidth(name) + 14;
  }

  private static int xPixel(AxisScale x, double v, Rectangle plot) {
    return (int) Math.round(xPixelExact(x, v, plot));
  }

  private static int yPixel(AxisScale y, double v, Rectangle plot) {
    return (int) Math.round(yPixelExact(y, v, plot));
  }

  private static double xPixelExact(AxisScale x, double v, Rectangle plot) {
    return plot.x + x.fraction(v) * plot.width;
  }

  private static double yPixelExact(AxisScale y, double v, Rectangle plot) {
    return plot.y + plot.height - y.fraction(v) * plot.height;
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double d : v) {
      m = Math.min(m, d);
    }
    return v.length == 0 ? 0 : m;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      m = Math.max(m, d);
    }
    return v.length == 0 ? 0 : m;
  }
}
