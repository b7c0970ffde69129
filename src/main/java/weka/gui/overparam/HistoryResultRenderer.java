// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.gui.overparam;

import java.awt.Component;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JList;

/**
 * Shows a {@link HistoryResult} on two lines, the result's name (as long as Weka's result names
 * get: "12:00:00 - functions.OverparameterizedKernelGD") above where it came from, so that the
 * list stays narrow.
 */
final class HistoryResultRenderer extends DefaultListCellRenderer {
  @Override
  public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean selected,
      boolean focused) {
    super.getListCellRendererComponent(list, value, index, selected, focused);
    if (value instanceof HistoryResult r) {
      String from = r.source().equals("File") ? "model file" : r.source() + " tab";
      setText("<html>" + escape(r.name()) + "<br><small>" + escape(from) + "</small></html>");
      setToolTipText(r.toString());
    }
    return this;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
