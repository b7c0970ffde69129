// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.plot;

import java.awt.Font;

/** The plot's fonts: Java's logical sans-serif, which exists on every JDK, headless included. */
final class Fonts {
  static final Font SECTION_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
  static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private Fonts() {}
}
