// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;

/**
 * Series colours: the Okabe-Ito palette, which stays distinguishable under the common forms of
 * colour blindness and in greyscale print. Yellow comes last (faint on white). Past eight series
 * the colours repeat with a dashed line, so that series never share both colour and stroke.
 */
public final class Palette {
  private static final Color[] COLORS = {
    new Color(0x0072B2), // blue
    new Color(0xE69F00), // orange
    new Color(0x009E73), // bluish green
    new Color(0xD55E00), // vermillion
    new Color(0xCC79A7), // reddish purple
    new Color(0x56B4E9), // sky blue
    new Color(0x000000), // black
    new Color(0xF0E442), // yellow
  };

  private Palette() {}

  public static int size() {
    return COLORS.length;
  }

  /** The colour of the {@code i}-th series of a panel. */
  public static Color color(int i) {
    return COLORS[i % COLORS.length];
  }

  /** The line of the {@code i}-th series: solid for the first eight, then dashed, then dotted. */
  static Stroke stroke(int i) {
    int round = i / COLORS.length;
    float width = 1.8f;
    if (round == 0) {
      return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }
    float[] dash = round == 1 ? new float[] {7f, 4f} : new float[] {2f, 4f};
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
  }
}
