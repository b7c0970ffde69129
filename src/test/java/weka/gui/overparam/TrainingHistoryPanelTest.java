// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.gui.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import weka.classifiers.rules.ZeroR;
import weka.core.Instances;
import weka.gui.ResultHistoryPanel;
import weka.gui.explorer.ClassifierPanel;
import weka.gui.explorer.Explorer;
import weka.overparam.HistoryKeepingZeroR;
import weka.overparam.TestData;

/**
 * The tab without a display: it finds the Classify tab's results as the Explorer stores them. (The
 * Explorer itself needs a display; the screenshot script checks the tab inside it.)
 */
class TrainingHistoryPanelTest {

  @Test
  void listsTheClassifyTabsResultsThatKeepAHistoryAndPlotsTheNewest() throws Exception {
    Instances iris = TestData.arff("iris.arff");
    HistoryKeepingZeroR first = HistoryKeepingZeroR.trainedOn(iris);
    HistoryKeepingZeroR second = HistoryKeepingZeroR.trainedOn(iris);
    ZeroR plain = new ZeroR();
    plain.buildClassifier(iris);

    SwingUtilities.invokeAndWait(() -> {
      ClassifierPanel classify = new ClassifierPanel();
      ResultHistoryPanel results = classify.getResultHistory();
      TrainingHistoryPanel tab = new TrainingHistoryPanel();
      List<Explorer.ExplorerPanel> tabs = List.of(classify, tab);
      tab.refresh(tabs);
      assertTrue(tab.entries().isEmpty());
      assertTrue(tab.shownHistories().isEmpty());

      addResult(results, "10:00:00 - HistoryKeepingZeroR", first, iris);
      addResult(results, "10:00:01 - rules.ZeroR", plain, iris);
      results.addResult("10:00:02 - still running", new StringBuffer()); // no model stored yet
      tab.refresh(tabs);
      assertEquals(1, tab.entries().size());
      assertEquals("Classify: 10:00:00 - HistoryKeepingZeroR", tab.entries().get(0).toString());
      assertEquals(first.trainingHistory(), tab.shownHistories());

      addResult(results, "10:00:03 - HistoryKeepingZeroR", second, iris);
      tab.refresh(tabs);
      assertEquals(2, tab.entries().size());
      assertSame(second, tab.entries().get(1).model(), "the newest result is selected");
      assertEquals(second.trainingHistory(), tab.shownHistories());

      tab.select(0);
      results.removeResult("10:00:03 - HistoryKeepingZeroR");
      tab.refresh(tabs);
      assertEquals(1, tab.entries().size());
      assertEquals(first.trainingHistory(), tab.shownHistories(), "the selection survives a removal");
    });
  }

  @Test
  void aModelOpenedFromAFileIsShownThoughItIsListedFirst() throws Exception {
    Instances iris = TestData.arff("iris.arff");
    HistoryKeepingZeroR inTab = HistoryKeepingZeroR.trainedOn(iris);
    HistoryKeepingZeroR fromFile = HistoryKeepingZeroR.trainedOn(iris);
    SwingUtilities.invokeAndWait(() -> {
      ClassifierPanel classify = new ClassifierPanel();
      TrainingHistoryPanel tab = new TrainingHistoryPanel();
      List<Explorer.ExplorerPanel> tabs = List.of(classify, tab);
      addResult(classify.getResultHistory(), "10:00:00 - HistoryKeepingZeroR", inTab, iris);
      tab.refresh(tabs);
      assertEquals(inTab.trainingHistory(), tab.shownHistories());
      tab.addOpened("saved.model", fromFile, tabs);
      assertSame(fromFile, tab.entries().get(0).model());
      assertEquals(fromFile.trainingHistory(), tab.shownHistories(), "the opened model is shown");
    });
  }

  @Test
  void errorMessagesAreWrappedForTheirDialog() {
    String wrapped = TrainingHistoryPanel.wrap("weka.classifiers.trees.J48 keeps no training history; the overparam "
        + "learners (ItopSparseNetwork, SopRobustNetwork, MinDiffNetwork, OverparameterizedKernelGD and "
        + "OverparameterizedEM) do", 60);
    for (String line : wrapped.split("\n")) {
      assertTrue(line.length() <= 60, line);
    }
    assertEquals(wrapped.replace('\n', ' '), wrapped.replace("\n", " "));
    assertTrue(wrapped.contains("\n"));
  }

  @Test
  void theModelIsTheFirstPartOfAStoredResultThatKeepsAHistory() {
    HistoryKeepingZeroR model = new HistoryKeepingZeroR();
    assertSame(model, ExplorerResults.modelIn(List.of(new ZeroR(), model)));
    assertSame(model, ExplorerResults.modelIn(model));
    assertNull(ExplorerResults.modelIn(List.of(new ZeroR())));
    assertNull(ExplorerResults.modelIn(null));
  }

  /** As ClassifierPanel stores a finished run: the model, then the training header. */
  private static void addResult(ResultHistoryPanel results, String name, Object model, Instances data) {
    results.addResult(name, new StringBuffer("output"));
    List<Object> stored = new ArrayList<>();
    stored.add(model);
    stored.add(new Instances(data, 0));
    results.addObject(name, stored);
  }
}
