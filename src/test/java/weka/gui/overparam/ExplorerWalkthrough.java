// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.gui.overparam;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JFrame;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JViewport;
import javax.swing.SwingUtilities;
import javax.swing.text.BadLocationException;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ArffLoader;
import weka.core.converters.ConverterUtils.DataSource;
import weka.filters.Filter;
import weka.gui.AttributeSelectionPanel;
import weka.gui.AttributeVisualizationPanel;
import weka.gui.GenericObjectEditor;
import weka.gui.PropertyDialog;
import weka.gui.PropertyPanel;
import weka.gui.ResultHistoryPanel;
import weka.gui.ViewerDialog;
import weka.gui.arffviewer.ArffSortedTableModel;
import weka.gui.arffviewer.ArffTable;
import weka.gui.explorer.ClassifierPanel;
import weka.gui.explorer.ClustererPanel;
import weka.gui.explorer.Explorer;
import weka.gui.explorer.PreprocessPanel;

/**
 * The Explorer walkthrough of each learner's guide (run under Xvfb by
 * src/test/scripts/gui-screenshots.sh, on a screen tall enough for the longest options dialog): for
 * each learner it loads the guide's bundled data set in the Preprocess tab and captures it (once per
 * data set), sets the learner and the test option in the Classify or Cluster tab and captures it,
 * clicks the learner's name with the mouse and captures the options dialog that opens (grown until
 * no option is scrolled out of view; it fails if one still is), opens each option group's dialog with
 * its Edit... button and tiles them into one picture, closes the dialog with OK, presses Start and,
 * when the run has ended, captures the output scrolled to the learner's model and to the evaluation.
 * Files: walk-preprocess-&lt;data&gt;.png and walk-&lt;learner&gt;-{tab,options,options-groups,model,result}.png.
 * The walkthrough "labelfilter" does the same for the RemoveLabelIssues filter in the Preprocess tab (guide-label-issues.md):
 * the filter's options dialog (walk-labelfilter-options.png) and the tab after Apply with the added
 * label_issue attribute selected (walk-labelfilter-result.png), and the Edit... viewer sorted by
 * label_issue_rank (walk-labelfilter-review.png).
 * Usage:
 * {@code ExplorerWalkthrough <output folder> [learner ...]} (itop sop mindiff itop-regression kgd em labelfilter;
 * default all),
 * from the repository root (the data are read from test-data/arff).
 */
public final class ExplorerWalkthrough {
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 860;
  private static final long RUN_TIMEOUT_MS = 300_000;

  /** How the run is evaluated: a supplied test set, cross-validation (default), or the training set. */
  private enum Test { SUPPLIED, CROSS_VALIDATION, TRAINING_SET }

  /**
   * A learner as its guide's walkthrough runs it: options set in the dialog, training data, the
   * attribute selected in the Preprocess tab, test data (for {@link Test#SUPPLIED}), and the output
   * lines the two output pictures start at.
   */
  private record Walk(String id, String className, String options, String train, String attribute, String testFile,
      Test test, String modelAnchor, String evaluationAnchor) {
    boolean clusterer() {
      return className.startsWith("weka.clusterers.");
    }

    String dataName() {
      return train.replace(".arff", "");
    }
  }

  private static final String DATA = "test-data/arff/";

  private static final List<Walk> WALKS = List.of(
      new Walk("itop", "weka.classifiers.functions.ItopSparseNetwork", "", "segment-challenge.arff", "class",
          "segment-test.arff", Test.SUPPLIED, "=== Classifier model", "=== Evaluation on test set ==="),
      new Walk("sop", "weka.classifiers.functions.SopRobustNetwork", "", "segment-challenge.arff", "class",
          "segment-test.arff", Test.SUPPLIED, "SOP\n", "=== Evaluation on test set ==="),
      new Walk("mindiff", "weka.classifiers.functions.MinDiffNetwork",
          "-sensitive-attribute sex -sensitive-value Female -positive-class >50K -hidden-layers 64 -epochs 30 "
              + "-validation-fraction 0.2", "adult-small-train.arff", "sex", "adult-small-test.arff", Test.SUPPLIED,
          "MinDiff\n", "=== Evaluation on test set ==="),
      new Walk("itop-regression", "weka.classifiers.functions.ItopSparseNetwork", "", "cpu.arff",
          "class", null, Test.CROSS_VALIDATION, "=== Classifier model", "=== Cross-validation ==="),
      new Walk("kgd", "weka.classifiers.functions.OverparameterizedKernelGD", "", "cpu.arff", "class", null,
          Test.CROSS_VALIDATION, "=== Classifier model", "=== Cross-validation ==="),
      new Walk("em", "weka.clusterers.OverparameterizedEM", "-N -1", "gmm-2d-3clusters.arff", "x1", null,
          Test.TRAINING_SET, "=== Clustering model", "=== Model and evaluation on training set ==="));

  /** The label-issue filter's walkthrough: the guide's example (wine, Logistic), scores added so the result shows. */
  private static final String LABEL_FILTER = "labelfilter";
  private static final String LABEL_FILTER_DATA = "wine.arff";
  private static final String LABEL_FILTER_OPTIONS = "-W weka.classifiers.functions.Logistic -add-score";

  private ExplorerWalkthrough() {}

  public static void main(String[] args) throws Exception {
    File out = new File(args[0]);
    List<String> wanted = List.of(args).subList(1, args.length);
    for (String w : wanted) {
      if (!w.equals(LABEL_FILTER) && WALKS.stream().noneMatch(walk -> walk.id().equals(w))) {
        throw new IllegalArgumentException("no walkthrough '" + w + "'; known: itop sop mindiff itop-regression kgd em "
            + LABEL_FILTER);
      }
    }
    PackageProps.apply(new File("weka-package/props"));
    Dimension screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
        .getDefaultConfiguration().getBounds().getSize();
    if (screen.height < 1300) {
      throw new IllegalStateException("the screen is " + screen.width + "x" + screen.height
          + "; the options dialogs need a taller one (gui-screenshots.sh starts Xvfb at 1600x1400)");
    }
    String preprocessed = null;
    for (Walk walk : WALKS) {
      if (!wanted.isEmpty() && !wanted.contains(walk.id())) {
        continue;
      }
      walk(walk, out, !walk.train().equals(preprocessed));
      preprocessed = walk.train();
    }
    if (wanted.isEmpty() || wanted.contains(LABEL_FILTER)) {
      labelFilter(out);
    }
    System.exit(0); // the Explorer's frames and ND4J's threads would keep the JVM alive
  }

  private static void walk(Walk walk, File out, boolean shootPreprocess) throws Exception {
    parkMouse();
    Instances data = DataSource.read(DATA + walk.train());
    AtomicReference<JFrame> frameRef = new AtomicReference<>();
    AtomicReference<Explorer> explorerRef = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      Explorer e = new Explorer();
      JFrame f = new JFrame("Weka Explorer");
      f.setContentPane(e);
      f.setBounds(0, 0, WIDTH, HEIGHT);
      f.setVisible(true);
      e.getPreprocessPanel().setInstances(data);
      AttributeSelectionPanel attributes = ExplorerScreenshots.find(e.getPreprocessPanel(),
          AttributeSelectionPanel.class::isInstance);
      int shown = data.attribute(walk.attribute()).index();
      attributes.getSelectionModel().setSelectionInterval(shown, shown);
      frameRef.set(f);
      explorerRef.set(e);
    });
    JFrame frame = frameRef.get();
    Explorer explorer = explorerRef.get();
    Thread.sleep(1500);
    // step 1: the data set in the Preprocess tab
    if (shootPreprocess) {
      capture(frame.getBounds(), new File(out, "walk-preprocess-" + walk.dataName() + ".png"));
    }
    // step 2: the learner and the test option in the Classify or Cluster tab
    Container tab = ExplorerScreenshots.tab(explorer, walk.clusterer() ? ClustererPanel.class : ClassifierPanel.class);
    GenericObjectEditor editor = ExplorerScreenshots.editor(tab);
    Object learner = Utils.forName(Object.class, walk.className(), Utils.splitOptions(walk.options()));
    SwingUtilities.invokeAndWait(() -> {
      explorer.getTabbedPane().setSelectedComponent(tab);
      editor.setValue(learner);
      try {
        chooseTest(tab, walk);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(1000);
    capture(frame.getBounds(), new File(out, "walk-" + walk.id() + "-tab.png"));
    // step 3: the options dialog, opened by a mouse click on the learner's name as a user would
    PropertyPanel name = ExplorerScreenshots.find(tab,
        c -> c instanceof PropertyPanel p && p.isShowing() && editorOf(p) == editor);
    PropertyDialog dialog = openOptions(name);
    assertNothingScrolledAway(dialog, walk);
    capture(dialog.getBounds(), new File(out, "walk-" + walk.id() + "-options.png"));
    // step 3b: options grouped by category (OptionMetadata's category) sit behind an Edit... button each;
    // their dialogs, each opened in turn, are tiled into one picture (each names its group in its About box)
    List<BufferedImage> groups = new java.util.ArrayList<>();
    for (Category category : categories(dialog)) {
      SwingUtilities.invokeLater(category.button()::doClick); // the group's dialog may be modal: do not wait on it
      PropertyDialog group = waitForDialog(dialog);
      SwingUtilities.invokeAndWait(() -> {
        showAllOptions(group);
        group.setLocation(dialog.getWidth() + 20, 0);
      });
      Thread.sleep(1000);
      assertNothingScrolledAway(group, walk);
      groups.add(new Robot().createScreenCapture(group.getBounds()));
      SwingUtilities.invokeAndWait(group::dispose);
      Thread.sleep(300);
      System.out.println(walk.id() + ": option group '" + category.name() + "'");
    }
    if (!groups.isEmpty()) {
      write(tile(groups, 3), new File(out, "walk-" + walk.id() + "-options-groups.png"));
    }
    SwingUtilities.invokeAndWait(() ->
        ((AbstractButton) ExplorerScreenshots.find(dialog, c -> c instanceof AbstractButton b && "OK".equals(b.getText())))
            .doClick());
    Thread.sleep(500);
    // step 4: Start, then the output once the run has ended
    ResultHistoryPanel results = ExplorerScreenshots.find(tab, ResultHistoryPanel.class::isInstance);
    AbstractButton start = ExplorerScreenshots.find(tab, c -> c instanceof AbstractButton b && "Start".equals(b.getText()));
    AtomicReference<Integer> before = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> before.set(results.getList().getModel().getSize()));
    SwingUtilities.invokeAndWait(start::doClick);
    waitForEnd(tab, results, before.get(), start, walk);
    JTextArea output = outputText(tab);
    scrollTo(output, walk.modelAnchor(), walk);
    capture(screenBounds(ExplorerScreenshots.find(tab, c -> c instanceof JScrollPane s && s.getViewport().getView() == output)),
        new File(out, "walk-" + walk.id() + "-model.png"));
    scrollTo(output, walk.evaluationAnchor(), walk);
    capture(frame.getBounds(), new File(out, "walk-" + walk.id() + "-result.png"));
    SwingUtilities.invokeAndWait(frame::dispose);
  }

  /**
   * The RemoveLabelIssues filter in the Preprocess tab: the data loaded (picture), the filter set in the
   * filter field (as the walkthroughs set learners), its options dialog opened by a mouse click on its name
   * (picture), OK, Apply, and the tab once the filter has run, with the added label_issue attribute
   * selected so that its bar shows how many instances the filter flags (picture). Fails on an error dialog.
   */
  private static void labelFilter(File out) throws Exception {
    parkMouse();
    Instances data = DataSource.read(DATA + LABEL_FILTER_DATA);
    AtomicReference<JFrame> frameRef = new AtomicReference<>();
    AtomicReference<Explorer> explorerRef = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      Explorer e = new Explorer();
      JFrame f = new JFrame("Weka Explorer");
      f.setContentPane(e);
      f.setBounds(0, 0, WIDTH, HEIGHT);
      f.setVisible(true);
      e.getPreprocessPanel().setInstances(data);
      AttributeSelectionPanel attributes = ExplorerScreenshots.find(e.getPreprocessPanel(),
          AttributeSelectionPanel.class::isInstance);
      int shown = data.numAttributes() - 1; // the class, which the supervised filter needs
      attributes.getSelectionModel().setSelectionInterval(shown, shown);
      frameRef.set(f);
      explorerRef.set(e);
    });
    JFrame frame = frameRef.get();
    PreprocessPanel preprocess = explorerRef.get().getPreprocessPanel();
    Thread.sleep(1500);
    capture(frame.getBounds(), new File(out, "walk-preprocess-" + LABEL_FILTER_DATA.replace(".arff", "") + ".png"));
    // the filter in the Filter field, then its options dialog opened by a click on its name
    GenericObjectEditor editor = (GenericObjectEditor) preprocessField(preprocess, "m_FilterEditor");
    Filter filter = (Filter) Utils.forName(Filter.class, "weka.filters.supervised.instance.RemoveLabelIssues",
        Utils.splitOptions(LABEL_FILTER_OPTIONS));
    SwingUtilities.invokeAndWait(() -> editor.setValue(filter));
    Thread.sleep(1000);
    PropertyPanel name = (PropertyPanel) preprocessField(preprocess, "m_FilterPanel");
    PropertyDialog dialog = openOptions(name);
    Walk named = new Walk(LABEL_FILTER, filter.getClass().getName(), LABEL_FILTER_OPTIONS, LABEL_FILTER_DATA, "class",
        null, Test.TRAINING_SET, null, null);
    assertNothingScrolledAway(dialog, named);
    capture(dialog.getBounds(), new File(out, "walk-" + LABEL_FILTER + "-options.png"));
    SwingUtilities.invokeAndWait(() ->
        ((AbstractButton) ExplorerScreenshots.find(dialog, c -> c instanceof AbstractButton b && "OK".equals(b.getText())))
            .doClick());
    Thread.sleep(500);
    // Apply, then wait for the filter's thread to end with the scores appended
    AbstractButton apply = (AbstractButton) preprocessField(preprocess, "m_ApplyFilterBut");
    int before = data.numAttributes();
    SwingUtilities.invokeAndWait(apply::doClick);
    long deadline = System.currentTimeMillis() + RUN_TIMEOUT_MS;
    while (true) {
      AtomicReference<Boolean> done = new AtomicReference<>(false);
      SwingUtilities.invokeAndWait(() -> done.set(apply.isEnabled()
          && preprocess.getInstances().numAttributes() > before));
      if (done.get()) {
        break;
      }
      failOnErrorDialog(frame);
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(LABEL_FILTER + ": the filter did not end within " + RUN_TIMEOUT_MS / 1000 + " s");
      }
      Thread.sleep(500);
    }
    SwingUtilities.invokeAndWait(() -> {
      Instances filtered = preprocess.getInstances();
      int flag = filtered.attribute("label_issue").index();
      AttributeSelectionPanel attributes = ExplorerScreenshots.find(preprocess, AttributeSelectionPanel.class::isInstance);
      attributes.getSelectionModel().setSelectionInterval(flag, flag);
      // the Class box moves to the last attribute (label_issue_suggested); colour the bars by the given label
      try {
        ((AttributeVisualizationPanel) preprocessField(preprocess, "m_AttVisualizePanel"))
            .setColoringIndex(filtered.attribute("class").index());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      int flagged = 0;
      for (int i = 0; i < filtered.numInstances(); i++) {
        flagged += filtered.instance(i).stringValue(flag).equals("yes") ? 1 : 0;
      }
      System.out.println(LABEL_FILTER + ": " + filtered.numInstances() + " instances, " + flagged
          + " flagged as label issues");
    });
    Thread.sleep(1500);
    failOnErrorDialog(frame);
    capture(frame.getBounds(), new File(out, "walk-" + LABEL_FILTER + "-result.png"));
    // the flagged instances in the Edit... viewer, sorted by label_issue_rank (as a click on its header does)
    AbstractButton edit = (AbstractButton) preprocessField(preprocess, "m_EditBut");
    SwingUtilities.invokeLater(edit::doClick); // the viewer is modal: do not wait on it
    ViewerDialog viewer = null;
    for (long end = System.currentTimeMillis() + 10_000; viewer == null && System.currentTimeMillis() < end; ) {
      Thread.sleep(200);
      for (Window w : Window.getWindows()) {
        if (w instanceof ViewerDialog v && v.isShowing()) {
          viewer = v;
        }
      }
    }
    if (viewer == null) {
      throw new IllegalStateException(LABEL_FILTER + ": no viewer 10 s after Edit...");
    }
    ViewerDialog shown = viewer;
    SwingUtilities.invokeAndWait(() -> {
      shown.setBounds(0, 0, WIDTH, 420);
      shown.validate();
      ArffTable table = ExplorerScreenshots.find(shown, ArffTable.class::isInstance);
      int rank = -1;
      for (int c = 0; c < table.getColumnCount(); c++) {
        rank = "label_issue_rank".equals(table.getPlainColumnName(c)) ? c : rank;
      }
      if (rank < 0) {
        throw new IllegalStateException(LABEL_FILTER + ": no label_issue_rank column in the viewer");
      }
      ((ArffSortedTableModel) table.getModel()).sort(rank, true);
      // the score's digits in full (as a user would widen its column), then the last columns in view, the
      // view starting at a column's left edge so that no column is cut in half
      int score = rank + 1;
      table.getColumnModel().getColumn(score).setPreferredWidth(170);
      table.getColumnModel().getColumn(score).setWidth(170);
      table.doLayout();
    });
    Thread.sleep(500);
    SwingUtilities.invokeAndWait(() -> {
      // the dialog narrowed to whole columns, scrolled to the right end
      ArffTable table = ExplorerScreenshots.find(shown, ArffTable.class::isInstance);
      JViewport port = (JViewport) table.getParent();
      int x = Math.max(0, table.getWidth() - port.getExtentSize().width);
      Rectangle cut = table.getCellRect(0, table.columnAtPoint(new Point(x, 0)), true);
      int trim = cut.x < x ? cut.x + cut.width - x : 0;
      shown.setSize(shown.getWidth() - trim, shown.getHeight());
      shown.validate();
      port.setViewPosition(new Point(table.getWidth() - port.getExtentSize().width, 0));
    });
    Thread.sleep(1500);
    capture(shown.getBounds(), new File(out, "walk-" + LABEL_FILTER + "-review.png"));
    SwingUtilities.invokeAndWait(shown::dispose);
    SwingUtilities.invokeAndWait(frame::dispose);
  }

  private static Object preprocessField(PreprocessPanel panel, String field) throws ReflectiveOperationException {
    Field f = PreprocessPanel.class.getDeclaredField(field);
    f.setAccessible(true);
    return f.get(panel);
  }

  /** Fails with the message of a dialog (Weka's "Problem filtering instances" and the like) other than the frame. */
  private static void failOnErrorDialog(JFrame frame) throws Exception {
    for (Window w : Window.getWindows()) {
      if (w != frame && w.isShowing() && w instanceof javax.swing.JDialog d && !(w instanceof PropertyDialog)) {
        List<Component> all = new java.util.ArrayList<>();
        collect(d.getContentPane(), all);
        StringBuilder text = new StringBuilder();
        for (Component c : all) {
          if (c instanceof javax.swing.JLabel l && l.getText() != null) {
            text.append(l.getText()).append(' ');
          } else if (c instanceof javax.swing.text.JTextComponent t) {
            text.append(t.getText()).append(' ');
          }
        }
        throw new IllegalStateException(LABEL_FILTER + ": a dialog '" + d.getTitle() + "' opened: " + text.toString().strip());
      }
    }
  }

  /** Moves the pointer off the Explorer and the dialogs, so that no button is drawn highlighted. */
  private static void parkMouse() throws Exception {
    new Robot().mouseMove(WIDTH + 300, 1380);
  }

  /** Sets the tab's test option as the guide's steps do; a supplied test set as the "Set..." dialog would. */
  private static void chooseTest(Container tab, Walk walk) throws Exception {
    String button = switch (walk.test()) {
      case SUPPLIED -> "Supplied test set";
      case CROSS_VALIDATION -> "Cross-validation";
      case TRAINING_SET -> "Use training set";
    };
    ((AbstractButton) ExplorerScreenshots.find(tab, c -> c instanceof AbstractButton b && button.equals(b.getText())))
        .doClick();
    if (walk.test() == Test.SUPPLIED) {
      ArffLoader loader = new ArffLoader();
      loader.setFile(new File(DATA + walk.testFile()));
      set(tab, "m_TestLoader", loader);
      set(tab, "m_TestClassIndex", loader.getStructure().numAttributes() - 1);
    }
  }

  private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
    Field f = ClassifierPanel.class.getDeclaredField(field);
    f.setAccessible(true);
    f.set(target, value);
  }

  private static Object editorOf(PropertyPanel panel) {
    try {
      Field f = PropertyPanel.class.getDeclaredField("m_Editor");
      f.setAccessible(true);
      return f.get(panel);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An option group of a dialog: its name and the Edit... button that opens it. */
  private record Category(String name, AbstractButton button) {}

  /** The pictures in rows of {@code perRow}, in order, top-aligned, on white with a 12-pixel gap. */
  private static BufferedImage tile(List<BufferedImage> pictures, int perRow) {
    int gap = 12;
    int width = 0;
    int height = 0;
    for (int start = 0; start < pictures.size(); start += perRow) {
      List<BufferedImage> row = pictures.subList(start, Math.min(start + perRow, pictures.size()));
      width = Math.max(width, row.stream().mapToInt(BufferedImage::getWidth).sum() + gap * (row.size() - 1));
      height += row.stream().mapToInt(BufferedImage::getHeight).max().orElse(0) + (start > 0 ? gap : 0);
    }
    BufferedImage tiled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = tiled.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, width, height);
    int y = 0;
    for (int start = 0; start < pictures.size(); start += perRow) {
      List<BufferedImage> row = pictures.subList(start, Math.min(start + perRow, pictures.size()));
      int x = 0;
      for (BufferedImage p : row) {
        g.drawImage(p, x, y, null);
        x += p.getWidth() + gap;
      }
      y += row.stream().mapToInt(BufferedImage::getHeight).max().orElse(0) + gap;
    }
    g.dispose();
    return tiled;
  }

  /** The dialog's Edit... buttons with the label on their row (the category's name), top to bottom. */
  private static List<Category> categories(PropertyDialog dialog) throws Exception {
    List<Category> found = new java.util.ArrayList<>();
    SwingUtilities.invokeAndWait(() -> {
      List<Component> all = new java.util.ArrayList<>();
      collect(dialog.getContentPane(), all);
      for (Component c : all) {
        if (c instanceof AbstractButton b && "Edit...".equals(b.getText()) && b.isShowing()) {
          int y = b.getLocationOnScreen().y + b.getHeight() / 2;
          String name = null;
          for (Component l : all) {
            if (l instanceof javax.swing.JLabel label && l.isShowing() && l.getLocationOnScreen().x < b.getLocationOnScreen().x
                && Math.abs(l.getLocationOnScreen().y + l.getHeight() / 2 - y) < 8) {
              name = label.getText();
            }
          }
          if (name == null) {
            throw new IllegalStateException("an Edit... button without a label on its row");
          }
          found.add(new Category(name, b));
        }
      }
    });
    return found;
  }

  private static void collect(Container root, List<Component> into) {
    for (Component c : root.getComponents()) {
      into.add(c);
      if (c instanceof Container inner) {
        collect(inner, into);
      }
    }
  }

  /**
   * Opens the options dialog of the object shown in {@code name} by a mouse click on it, as a user would, with
   * every option in view.
   */
  private static PropertyDialog openOptions(PropertyPanel name) throws Exception {
    AtomicReference<Point> at = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      Point p = name.getLocationOnScreen();
      at.set(new Point(p.x + name.getWidth() / 3, p.y + name.getHeight() / 2));
    });
    Robot robot = new Robot();
    robot.mouseMove(at.get().x, at.get().y);
    robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
    robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
    parkMouse();
    PropertyDialog dialog = waitForDialog(null);
    SwingUtilities.invokeAndWait(() -> showAllOptions(dialog));
    Thread.sleep(1500);
    return dialog;
  }

  /** Waits for an options dialog other than {@code except} (null: any) to show. */
  private static PropertyDialog waitForDialog(Window except) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (Window w : Window.getWindows()) {
        if (w instanceof PropertyDialog d && d != except && d.isShowing()) {
          Thread.sleep(1000); // let it lay out and paint
          return d;
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no options dialog 10 s after clicking the learner's name");
  }

  /** Grows the dialog to the height its option sheet asks for and moves it to the screen's top left. */
  private static void showAllOptions(PropertyDialog dialog) {
    Dimension preferred = dialog.getPreferredSize();
    int width = Math.max(dialog.getWidth(), preferred.width);
    int height = Math.max(dialog.getHeight(), preferred.height);
    JScrollPane sheet = sheet(dialog);
    if (sheet != null) {
      Dimension view = sheet.getViewport().getView().getPreferredSize();
      Dimension shown = sheet.getViewport().getExtentSize();
      height = Math.max(height, dialog.getHeight() + Math.max(0, view.height - shown.height) + 4);
    }
    dialog.setBounds(0, 0, width, height);
    dialog.validate();
  }

  /** The dialog's scrolled option sheet, or null if it has none. */
  private static JScrollPane sheet(PropertyDialog dialog) {
    List<Component> all = new java.util.ArrayList<>();
    collect(dialog.getContentPane(), all);
    return (JScrollPane) all.stream().filter(JScrollPane.class::isInstance).findFirst().orElse(null);
  }

  private static void assertNothingScrolledAway(PropertyDialog dialog, Walk walk) throws Exception {
    AtomicReference<String> problem = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      JScrollPane sheet = sheet(dialog);
      if (sheet == null) {
        return;
      }
      JViewport port = sheet.getViewport();
      if (port.getView().getHeight() > port.getExtentSize().height) {
        problem.set(port.getView().getHeight() + " px of options in a " + port.getExtentSize().height + " px view");
      }
    });
    if (problem.get() != null) {
      throw new IllegalStateException(walk.id() + ": the options dialog scrolls (" + problem.get() + ")");
    }
  }

  /** Waits for a new result whose model is stored (the run's end) and for Start to be pressable again. */
  private static void waitForEnd(Container tab, ResultHistoryPanel results, int before, AbstractButton start,
      Walk walk) throws Exception {
    long deadline = System.currentTimeMillis() + RUN_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      AtomicReference<Boolean> done = new AtomicReference<>(false);
      SwingUtilities.invokeAndWait(() -> {
        int n = results.getList().getModel().getSize();
        done.set(n > before && start.isEnabled()
            && ExplorerResults.modelIn(results.getNamedObject(results.getNameAtIndex(n - 1))) != null);
      });
      if (done.get()) {
        Thread.sleep(1000);
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(walk.id() + ": the run did not end within " + RUN_TIMEOUT_MS / 1000
        + " s (see the Explorer's log)");
  }

  private static JTextArea outputText(Container tab) throws ReflectiveOperationException {
    Field f = (tab instanceof ClassifierPanel ? ClassifierPanel.class : ClustererPanel.class).getDeclaredField("m_OutText");
    f.setAccessible(true);
    return (JTextArea) f.get(tab);
  }

  /** Scrolls the output so that the line holding {@code anchor} is the first one shown. */
  private static void scrollTo(JTextArea output, String anchor, Walk walk) throws Exception {
    AtomicReference<String> missing = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      String text = output.getText();
      int at = text.indexOf(anchor);
      if (at < 0) {
        missing.set(text);
        return;
      }
      try {
        int line = output.getLineOfOffset(at);
        Rectangle r = output.modelToView2D(output.getLineStartOffset(line)).getBounds();
        JViewport port = (JViewport) output.getParent();
        int maxY = Math.max(0, output.getHeight() - port.getExtentSize().height);
        // near the end the view cannot start at the anchor: start it at the line boundary above maxY instead,
        // so that no half line is cut at the top
        int y = r.y <= maxY ? r.y : r.y - (int) Math.ceil((r.y - maxY) / (double) r.height) * r.height;
        port.setViewPosition(new Point(0, Math.max(0, y)));
      } catch (BadLocationException e) {
        throw new IllegalStateException(e);
      }
    });
    if (missing.get() != null) {
      throw new IllegalStateException(walk.id() + ": no '" + anchor.strip() + "' in the output:\n" + missing.get());
    }
    Thread.sleep(800);
  }

  private static Rectangle screenBounds(Component c) throws Exception {
    AtomicReference<Rectangle> r = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> r.set(new Rectangle(c.getLocationOnScreen(), c.getSize())));
    return r.get();
  }

  private static void capture(Rectangle area, File file) throws Exception {
    write(new Robot().createScreenCapture(area), file);
  }

  private static void write(BufferedImage image, File file) throws Exception {
    if (!ImageIO.write(image, "png", file)) {
      throw new IllegalStateException("no PNG writer");
    }
    System.out.println("wrote " + file);
  }
}
