// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.gui.overparam;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.GridLayout;
import java.awt.event.HierarchyEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.ListSelectionModel;
import javax.swing.Timer;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.overparam.common.TrainingHistory;
import org.overparam.plot.HistoryChart;
import weka.core.Instances;
import weka.gui.Logger;
import weka.gui.explorer.Explorer;
import weka.gui.explorer.Explorer.ExplorerPanel;
import weka.gui.explorer.Explorer.LogHandler;
import weka.overparam.TrainingHistoryExport;
import weka.overparam.TrainingHistoryModels;

/**
 * The Explorer's "Training history" tab (added by the package's Explorer.props): lists the results
 * of the Classify and Cluster tabs whose model keeps training histories, plus model files opened
 * here, and plots the selected one. "Save PNG..." writes the plots as shown, "Save CSV..." the
 * numbers (one file per history, as TrainingHistoryExport does).
 *
 * <p>A result appears when its run has finished: the Classify and Cluster tabs store the model
 * only then, without an event, so the tab re-reads their lists when it is shown and once a second
 * while it stays visible.
 */
public class TrainingHistoryPanel extends JPanel implements ExplorerPanel, LogHandler {
  private static final String HINT = "Train ItopSparseNetwork, SopRobustNetwork, MinDiffNetwork or "
      + "OverparameterizedKernelGD (Classify tab) or OverparameterizedEM (Cluster tab), or open a saved model.";

  private Explorer explorer;
  private Logger log;
  private final DefaultListModel<HistoryResult> entries = new DefaultListModel<>();
  private final JList<HistoryResult> list = new JList<>(entries);
  private final List<HistoryResult> opened = new ArrayList<>();
  private final HistoryChartView view = new HistoryChartView();
  private final JLabel status = new JLabel(HINT);
  private final JButton savePng = new JButton("Save PNG...");
  private final JButton saveCsv = new JButton("Save CSV...");
  private final Timer poll = new Timer(1000, e -> refresh());

  public TrainingHistoryPanel() {
    super(new BorderLayout());
    list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
    list.setCellRenderer(new HistoryResultRenderer());
    list.addListSelectionListener(e -> {
      if (!e.getValueIsAdjusting()) {
        show(list.getSelectedValue());
      }
    });
    JButton open = new JButton("Open model...");
    open.addActionListener(e -> openModel());
    savePng.addActionListener(e -> savePng());
    saveCsv.addActionListener(e -> saveCsv());
    JPanel buttons = new JPanel(new GridLayout(3, 1, 4, 4));
    buttons.add(open);
    buttons.add(savePng);
    buttons.add(saveCsv);

    JPanel left = new JPanel(new BorderLayout(4, 4));
    left.setBorder(BorderFactory.createTitledBorder("Results with a training history"));
    left.add(new JScrollPane(list), BorderLayout.CENTER);
    left.add(buttons, BorderLayout.SOUTH);
    left.setPreferredSize(new Dimension(370, 400)); // wide enough for "12:00:00 - functions.OverparameterizedKernelGD"
    JScrollPane plots = new JScrollPane(view);
    plots.getVerticalScrollBar().setUnitIncrement(20);
    JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, plots);
    split.setResizeWeight(0);
    add(split, BorderLayout.CENTER);
    status.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));
    add(status, BorderLayout.SOUTH);
    updateButtons();

    addHierarchyListener(e -> {
      if ((e.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0) {
        if (isShowing()) {
          refresh();
          poll.start();
        } else {
          poll.stop();
        }
      }
    });
  }

  /**
   * Re-reads the result lists. Keeps the selected result; selects the one added when results were added (as Weka's
   * own result lists do), also when it is a model file opened here, which is listed above the tabs' results.
   */
  public void refresh() {
    refresh(explorer == null ? List.of() : explorer.getPanels());
  }

  /** {@link #refresh()} over the given tabs (a test builds them without an Explorer, which needs a display). */
  void refresh(List<? extends ExplorerPanel> tabs) {
    List<HistoryResult> current = new ArrayList<>(opened);
    for (ExplorerResults.TabResults tab : ExplorerResults.lists(tabs, this)) {
      current.addAll(tab.withHistory());
    }
    List<HistoryResult> shown = entries();
    if (sameEntries(shown, current)) {
      return;
    }
    HistoryResult selected = list.getSelectedValue();
    boolean added = current.size() > shown.size();
    entries.clear();
    current.forEach(entries::addElement);
    int index = added ? lastAdded(current, shown)
        : selected == null ? current.size() - 1 : indexOfModel(current, selected.model());
    if (index >= 0) {
      list.setSelectedIndex(index);
      list.ensureIndexIsVisible(index);
    } else {
      show(null);
    }
  }

  /** The listed results, in order (for tests and the screenshot driver). */
  public List<HistoryResult> entries() {
    List<HistoryResult> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      out.add(entries.get(i));
    }
    return out;
  }

  /** Shows the {@code index}-th listed result. */
  public void select(int index) {
    list.setSelectedIndex(index);
  }

  /** The histories plotted now. */
  public List<TrainingHistory> shownHistories() {
    return view.chart().histories();
  }

  private static boolean sameEntries(List<HistoryResult> a, List<HistoryResult> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).model() != b.get(i).model() || !Objects.equals(a.get(i).name(), b.get(i).name())) {
        return false;
      }
    }
    return true;
  }

  /** The last of {@code current} whose model is not among {@code shown}. */
  private static int lastAdded(List<HistoryResult> current, List<HistoryResult> shown) {
    for (int i = current.size() - 1; i >= 0; i--) {
      if (indexOfModel(shown, current.get(i).model()) < 0) {
        return i;
      }
    }
    return current.size() - 1;
  }

  private static int indexOfModel(List<HistoryResult> results, Object model) {
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).model() == model) {
        return i;
      }
    }
    return -1;
  }

  private void show(HistoryResult result) {
    if (result == null) {
      view.setHistories(List.of());
      status.setText(entries.isEmpty() ? HINT : "Select a result.");
    } else {
      try {
        List<TrainingHistory> histories = TrainingHistoryModels.of(result.model());
        view.setHistories(histories);
        status.setText(result + " - " + histories.size() + (histories.size() == 1 ? " history" : " histories"));
      } catch (IllegalArgumentException e) {
        view.setHistories(List.of());
        status.setText(e.getMessage());
      }
    }
    updateButtons();
  }

  private void updateButtons() {
    boolean plotted = !view.chart().histories().isEmpty();
    savePng.setEnabled(plotted);
    saveCsv.setEnabled(plotted);
  }

  private void openModel() {
    JFileChooser chooser = chooser("Weka model files", "model");
    if (chooser.showOpenDialog(this) != JFileChooser.APPROVE_OPTION) {
      return;
    }
    File file = chooser.getSelectedFile();
    try {
      Object model = TrainingHistoryModels.readModel(file.getPath());
      TrainingHistoryModels.of(model); // refuse a model without history here, not later in the list
      addOpened(file.getName(), model, explorer == null ? List.of() : explorer.getPanels());
      log("Opened the training history of " + file);
    } catch (IllegalArgumentException e) {
      error("Cannot show this model", e.getMessage());
    }
  }

  /** Lists a model read from a file (above the results of the given tabs) and shows it. */
  void addOpened(String fileName, Object model, List<? extends ExplorerPanel> tabs) {
    opened.add(new HistoryResult("File", fileName, model));
    refresh(tabs);
  }

  private void savePng() {
    JFileChooser chooser = chooser("PNG images", "png");
    if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
      return;
    }
    Path file = withExtension(chooser.getSelectedFile(), ".png");
    try {
      view.chart().writePng(file, Math.max(view.getWidth(), HistoryChart.DEFAULT_WIDTH / 2), 0);
      log("Saved the training history plots to " + file);
    } catch (IOException | IllegalArgumentException e) {
      error("Cannot save the PNG", e.getMessage());
    }
  }

  private void saveCsv() {
    JFileChooser chooser = chooser("CSV files", "csv");
    if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
      return;
    }
    List<TrainingHistory> histories = view.chart().histories();
    List<Path> files = TrainingHistoryExport.csvFiles(withExtension(chooser.getSelectedFile(), ".csv"), histories);
    try {
      for (int i = 0; i < files.size(); i++) {
        histories.get(i).writeCsv(files.get(i));
        log("Saved " + histories.get(i).title() + " to " + files.get(i));
      }
    } catch (IOException e) {
      error("Cannot save the CSV", e.getMessage());
    }
  }

  private static JFileChooser chooser(String description, String extension) {
    JFileChooser chooser = new JFileChooser(new File(System.getProperty("user.dir")));
    chooser.setFileFilter(new FileNameExtensionFilter(description, extension));
    return chooser;
  }

  private static Path withExtension(File file, String extension) {
    return file.getName().toLowerCase().endsWith(extension) ? file.toPath() : Path.of(file.getPath() + extension);
  }

  private void log(String message) {
    if (log != null) {
      log.logMessage(message);
      log.statusMessage(message);
    }
  }

  private void error(String title, String message) {
    log(title + ": " + message);
    JOptionPane.showMessageDialog(this, wrap(message, 90), title, JOptionPane.ERROR_MESSAGE);
  }

  /** The text in lines of at most about {@code width} characters (a dialog is as wide as its longest line). */
  static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    int line = 0;
    for (String word : text.split(" ")) {
      if (line > 0 && line + 1 + word.length() > width) {
        out.append('\n');
        line = 0;
      } else if (line > 0) {
        out.append(' ');
        line++;
      }
      out.append(word);
      line += word.length();
    }
    return out.toString();
  }

  @Override
  public void setExplorer(Explorer parent) {
    explorer = parent;
  }

  @Override
  public Explorer getExplorer() {
    return explorer;
  }

  /** The tab shows trained models; the Preprocess tab's data play no part. */
  @Override
  public void setInstances(Instances inst) {}

  @Override
  public String getTabTitle() {
    return "Training history";
  }

  @Override
  public String getTabTitleToolTip() {
    return "Plots of what the overparam learners measured while training";
  }

  @Override
  public void setLog(Logger newLog) {
    log = newLog;
  }
}
