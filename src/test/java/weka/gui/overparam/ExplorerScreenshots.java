// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.gui.overparam;

import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.File;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JFrame;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import weka.core.Instances;
import weka.core.Utils;
import weka.gui.GenericObjectEditor;
import weka.gui.ResultHistoryPanel;
import weka.gui.explorer.ClassifierPanel;
import weka.gui.explorer.ClustererPanel;
import weka.gui.explorer.Explorer;
import weka.overparam.TestData;

/**
 * Drives the real Explorer in a window (run under Xvfb by src/test/scripts/gui-screenshots.sh):
 * for each learner it loads a bundled data set, sets the learner in the Classify or Cluster tab,
 * presses Start, waits for the result, switches to the Training history tab and captures the
 * window; learners on the same data share one Explorer, and once its tab lists several results the
 * whole screen is captured too (explorer-history-tab.png). With {@code progress} it captures live
 * progress instead: a long ItopSparseNetwork run with the Log window open (explorer-progress.png),
 * then presses Stop and checks that the status bar says "Interrupted" (explorer-stopped.png).
 * Usage: {@code ExplorerScreenshots <output folder> [learner ...]} (learners: itop sop mindiff kgd
 * em progress; default all).
 */
public final class ExplorerScreenshots {
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 1000;
  private static final long TRAINING_TIMEOUT_MS = 300_000;

  /** A learner, its options for a short run, and the bundled data it trains on. */
  private record Run(String id, String className, String options, String data, boolean clusterer) {}

  private static final List<Run> RUNS = List.of(
      new Run("itop", "weka.classifiers.functions.ItopSparseNetwork", "-epochs 30 -validation-fraction 0.2", "iris.arff", false),
      new Run("sop", "weka.classifiers.functions.SopRobustNetwork", "-epochs 30 -validation-fraction 0.2", "iris.arff", false),
      new Run("mindiff", "weka.classifiers.functions.MinDiffNetwork",
          "-sensitive-attribute sex -sensitive-value Female -positive-class >50K -hidden-layers 32 -epochs 10 "
              + "-validation-fraction 0.2", "adult-small-train.arff", false),
      new Run("kgd", "weka.classifiers.functions.OverparameterizedKernelGD", "", "cpu.arff", false),
      new Run("em", "weka.clusterers.OverparameterizedEM", "-N -1", "gmm-2d-3clusters.arff", true));

  private ExplorerScreenshots() {}

  public static void main(String[] args) throws Exception {
    File out = new File(args[0]);
    List<String> wanted = List.of(args).subList(1, args.length);
    PackageProps.apply(new File("weka-package/props"));
    if (wanted.isEmpty() || wanted.contains("progress")) {
      shootProgress(out);
    }
    Session session = null;
    for (Run run : RUNS) {
      if (!wanted.isEmpty() && !wanted.contains(run.id())) {
        continue;
      }
      if (session == null || !session.data().equals(run.data())) {
        if (session != null) {
          session.close();
        }
        session = Session.open(run);
      }
      shoot(session, run, out);
      if (session.historyTab().entries().size() > 1) {
        // the tab with several results listed, the older one selected
        Session s = session;
        SwingUtilities.invokeAndWait(() -> s.historyTab().select(0));
        Thread.sleep(1000);
        capture(null, new File(out, "explorer-history-tab.png"));
      }
    }
    System.exit(0); // the Explorer's frames and ND4J's threads would keep the JVM alive
  }

  /** One Explorer window with one data set loaded; learners on the same data share it. */
  private record Session(String data, JFrame frame, Explorer explorer, TrainingHistoryPanel historyTab) {

    static Session open(Run run) throws Exception {
      Instances instances = run.clusterer() ? TestData.unlabelled(run.data()) : TestData.arff(run.data());
      AtomicReference<Session> session = new AtomicReference<>();
      SwingUtilities.invokeAndWait(() -> {
        Explorer e = new Explorer();
        JFrame f = new JFrame("Weka Explorer");
        f.setContentPane(e);
        f.setBounds(0, 0, WIDTH, HEIGHT);
        f.setVisible(true);
        e.getPreprocessPanel().setInstances(instances);
        session.set(new Session(run.data(), f, e, (TrainingHistoryPanel) tab(e, TrainingHistoryPanel.class)));
      });
      return session.get();
    }

    void close() throws Exception {
      SwingUtilities.invokeAndWait(frame::dispose);
    }
  }

  private static void shoot(Session session, Run run, File out) throws Exception {
    Object learner = Utils.forName(Object.class, run.className(), Utils.splitOptions(run.options()));
    Explorer explorer = session.explorer();
    Container tab = tab(explorer, run.clusterer() ? ClustererPanel.class : ClassifierPanel.class);
    ResultHistoryPanel results = find(tab, ResultHistoryPanel.class::isInstance);
    AtomicReference<Integer> before = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> before.set(results.getList().getModel().getSize()));
    start(explorer, tab, learner);
    waitForModel(results, before.get(), run);
    SwingUtilities.invokeAndWait(() -> explorer.getTabbedPane().setSelectedComponent(session.historyTab()));
    Thread.sleep(2000); // the tab refreshes when shown and selects the newest result; let it lay out and paint
    capture(session.frame(), new File(out, "history-" + run.id() + ".png"));
  }

  /**
   * Live progress: the Log window and the status bar while a network trains, then Stop. Fails unless
   * the Log holds one line per epoch so far and the status bar ends at "Interrupted".
   */
  private static void shootProgress(File out) throws Exception {
    Run run = new Run("progress", "weka.classifiers.functions.ItopSparseNetwork",
        "-epochs 300 -hidden-layers 512,512 -sparsity 0.9", "segment-challenge.arff", false);
    Session session = Session.open(run);
    Explorer explorer = session.explorer();
    Container tab = tab(explorer, ClassifierPanel.class);
    start(explorer, tab, Utils.forName(Object.class, run.className(), Utils.splitOptions(run.options())));
    weka.gui.LogPanel logPanel = find(explorer, weka.gui.LogPanel.class::isInstance);
    long deadline = System.currentTimeMillis() + 60_000;
    while (epochLines(logPanel) < 4 && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
    }
    if (epochLines(logPanel) < 4) {
      throw new IllegalStateException("no epoch lines in the Explorer's log after 60 s:\n" + logText(logPanel));
    }
    SwingUtilities.invokeAndWait(() ->
        ((AbstractButton) find(logPanel, c -> c instanceof AbstractButton b && "Log".equals(b.getText()))).doClick());
    Thread.sleep(500);
    SwingUtilities.invokeAndWait(() -> {
      for (java.awt.Window w : java.awt.Window.getWindows()) {
        if (w != session.frame() && w.isShowing()) {
          w.setBounds(300, 420, 980, 500); // the Log window, placed so that the status bar stays in view
        }
      }
    });
    Thread.sleep(1000);
    capture(null, new File(out, "explorer-progress.png"));
    SwingUtilities.invokeAndWait(() -> {
      for (java.awt.Window w : java.awt.Window.getWindows()) {
        if (w != session.frame() && w.isShowing()) {
          w.dispose(); // the Log window
        }
      }
      ((AbstractButton) find(tab, c -> c instanceof AbstractButton b && "Stop".equals(b.getText()))).doClick();
    });
    deadline = System.currentTimeMillis() + 20_000;
    while (!"Interrupted".equals(status(logPanel)) && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
    }
    Thread.sleep(500);
    capture(session.frame(), new File(out, "explorer-stopped.png"));
    if (!"Interrupted".equals(status(logPanel))) {
      throw new IllegalStateException("after Stop the status bar says '" + status(logPanel) + "', not 'Interrupted'");
    }
    session.close();
  }

  /** Selects the tab, sets the learner, chooses "Use training set" and presses Start. */
  private static void start(Explorer explorer, Container tab, Object learner) throws Exception {
    SwingUtilities.invokeAndWait(() -> {
      explorer.getTabbedPane().setSelectedComponent(tab);
      try {
        editor(tab).setValue(learner);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      ((AbstractButton) find(tab, c -> c instanceof AbstractButton b && "Use training set".equals(b.getText()))).doClick();
      ((AbstractButton) find(tab, c -> c instanceof AbstractButton b && "Start".equals(b.getText()))).doClick();
    });
  }

  private static int epochLines(weka.gui.LogPanel log) throws Exception {
    return (int) logText(log).lines().filter(l -> l.contains("ItopSparseNetwork: epoch ")).count();
  }

  private static String logText(weka.gui.LogPanel log) throws Exception {
    Field f = weka.gui.LogPanel.class.getDeclaredField("m_LogText");
    f.setAccessible(true);
    return ((javax.swing.JTextArea) f.get(log)).getText();
  }

  private static String status(weka.gui.LogPanel log) throws Exception {
    Field f = weka.gui.LogPanel.class.getDeclaredField("m_StatusLab");
    f.setAccessible(true);
    return ((javax.swing.JLabel) f.get(log)).getText();
  }

  /** Waits for a result after the {@code before} earlier ones, and for its model (stored when the run ends). */
  private static void waitForModel(ResultHistoryPanel results, int before, Run run) throws Exception {
    long deadline = System.currentTimeMillis() + TRAINING_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      AtomicReference<Object> model = new AtomicReference<>();
      SwingUtilities.invokeAndWait(() -> {
        int n = results.getList().getModel().getSize();
        if (n > before) {
          model.set(ExplorerResults.modelIn(results.getNamedObject(results.getNameAtIndex(n - 1))));
        }
      });
      if (model.get() != null) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(run.id() + ": no trained model in the result list after "
        + TRAINING_TIMEOUT_MS / 1000 + " s (see the Explorer's log)");
  }

  /**
   * The window's pixels as the X server shows them (when {@code frame} is null, the screen's top-left
   * WIDTH x HEIGHT, where this class places its windows; the screen may be taller for the walkthrough).
   */
  private static void capture(JFrame frame, File file) throws Exception {
    Rectangle area = frame == null ? new Rectangle(0, 0, WIDTH, HEIGHT) : frame.getBounds();
    BufferedImage image = new Robot().createScreenCapture(area);
    if (!ImageIO.write(image, "png", file)) {
      throw new IllegalStateException("no PNG writer");
    }
    System.out.println("wrote " + file);
  }

  /** The Explorer's tab of that class; a missing Training history tab means Explorer.props was not applied. */
  static Container tab(Explorer explorer, Class<?> type) {
    for (Explorer.ExplorerPanel p : explorer.getPanels()) {
      if (type.isInstance(p)) {
        return (Container) p;
      }
    }
    throw new IllegalStateException("the Explorer has no " + type.getSimpleName());
  }

  /** The tab's learner editor: protected in ClassifierPanel and ClustererPanel, and a driver may reach in. */
  static GenericObjectEditor editor(Container tab) throws ReflectiveOperationException {
    Field f = tab.getClass().getDeclaredField(tab instanceof ClassifierPanel ? "m_ClassifierEditor" : "m_ClustererEditor");
    f.setAccessible(true);
    return (GenericObjectEditor) f.get(tab);
  }

  @SuppressWarnings("unchecked")
  static <T extends Component> T find(Container root, Predicate<Component> match) {
    List<Component> todo = new ArrayList<>(List.of(root.getComponents()));
    while (!todo.isEmpty()) {
      Component c = todo.remove(0);
      if (match.test(c)) {
        return (T) c;
      }
      if (c instanceof Container inner) {
        todo.addAll(List.of(inner.getComponents()));
      }
    }
    throw new IllegalStateException("no such component in " + root.getClass().getSimpleName());
  }
}
