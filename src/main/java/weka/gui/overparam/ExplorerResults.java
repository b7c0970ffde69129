// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.gui.overparam;

import java.awt.Component;
import java.awt.Container;
import java.util.ArrayList;
import java.util.List;
import javax.swing.ListModel;
import weka.gui.ResultHistoryPanel;
import weka.gui.explorer.Explorer.ExplorerPanel;
import weka.overparam.TrainingHistoryModels;

/**
 * The trained models in the Explorer's result lists (Classify and Cluster tabs, and any other tab
 * with a {@link ResultHistoryPanel}). ClassifierPanel makes its result list public, ClustererPanel
 * does not; both are Swing containers, so the lists are found by walking their components, which
 * needs neither reflection nor a particular tab class.
 *
 * <p>Each result's stored object is a list (ClassifierPanel and ClustererPanel store the model
 * first, then the training header, predictions, graph...); the model is its first element that
 * keeps training histories.
 */
final class ExplorerResults {
  private ExplorerResults() {}

  /** The result lists of the Explorer's tabs other than {@code self}, each with its tab's title. */
  static List<TabResults> lists(List<? extends ExplorerPanel> tabs, ExplorerPanel self) {
    List<TabResults> lists = new ArrayList<>();
    for (ExplorerPanel tab : tabs) {
      if (tab != self && tab instanceof Container c) {
        for (ResultHistoryPanel h : find(c, new ArrayList<>())) {
          lists.add(new TabResults(tab.getTabTitle(), h));
        }
      }
    }
    return lists;
  }

  private static List<ResultHistoryPanel> find(Container c, List<ResultHistoryPanel> found) {
    for (Component child : c.getComponents()) {
      if (child instanceof ResultHistoryPanel h) {
        found.add(h);
      } else if (child instanceof Container inner) {
        find(inner, found);
      }
    }
    return found;
  }

  /** A tab's result list. */
  record TabResults(String tab, ResultHistoryPanel history) {

    /** The results whose model keeps histories, in the list's order (oldest first). */
    List<HistoryResult> withHistory() {
      List<HistoryResult> results = new ArrayList<>();
      ListModel<?> names = history.getList().getModel();
      for (int i = 0; i < names.getSize(); i++) {
        String name = String.valueOf(names.getElementAt(i));
        Object model = modelIn(history.getNamedObject(name));
        if (model != null) {
          results.add(new HistoryResult(tab, name, model));
        }
      }
      return results;
    }
  }

  /** The model with histories in a stored result object, or null (none yet: the run is still going). */
  static Object modelIn(Object stored) {
    if (TrainingHistoryModels.keepsHistory(stored)) {
      return stored;
    }
    if (stored instanceof List<?> parts) {
      for (Object part : parts) {
        if (TrainingHistoryModels.keepsHistory(part)) {
          return part;
        }
      }
    }
    return null;
  }
}
