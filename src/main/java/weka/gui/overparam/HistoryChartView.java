// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.gui.overparam;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.JViewport;
import javax.swing.Scrollable;
import org.overparam.common.TrainingHistory;
import org.overparam.plot.HistoryChart;

/**
 * A Swing view of a {@link HistoryChart}: as wide as its scroll pane, as tall as the plots need at
 * that width, so the panels rearrange into more or fewer columns as the window is resized.
 */
public class HistoryChartView extends JComponent implements Scrollable {
  private HistoryChart chart = new HistoryChart(List.of());

  public void setHistories(List<TrainingHistory> histories) {
    chart = new HistoryChart(histories);
    revalidate();
    repaint();
  }

  public HistoryChart chart() {
    return chart;
  }

  @Override
  protected void paintComponent(Graphics g) {
    Graphics2D g2 = (Graphics2D) g.create();
    try {
      g2.setColor(HistoryChart.BACKGROUND); // below the plots too, when the window is taller than they are
      g2.fillRect(0, 0, getWidth(), getHeight());
      chart.paint(g2, getWidth());
    } finally {
      g2.dispose();
    }
  }

  @Override
  public Dimension getPreferredSize() {
    int width = getWidth() > 0 ? getWidth() : 800;
    return new Dimension(width, chart.preferredHeight(width));
  }

  @Override
  public Dimension getPreferredScrollableViewportSize() {
    return new Dimension(800, 600);
  }

  @Override
  public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
    return 20;
  }

  @Override
  public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
    return Math.max(20, visible.height - 40);
  }

  @Override
  public boolean getScrollableTracksViewportWidth() {
    return true;
  }

  /** Fills a viewport taller than the plots (so the background below them is the chart's too); scrolls otherwise. */
  @Override
  public boolean getScrollableTracksViewportHeight() {
    return getParent() instanceof JViewport viewport && viewport.getHeight() > getPreferredSize().height;
  }
}
