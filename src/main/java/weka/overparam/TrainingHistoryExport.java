// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.overparam.common.TrainingHistory;
import org.overparam.plot.HistoryChart;
import weka.core.Utils;

/**
 * Writes the training histories of a saved model as CSV and as a PNG picture (the Explorer tab's
 * plots, for scripts and papers): {@code weka.Run .TrainingHistoryExport -l m.model -csv h.csv -png h.png}.
 * Without -csv and -png it prints a summary of each history.
 */
public class TrainingHistoryExport extends CommandLineTool {

  @Override
  protected boolean requiresArguments() {
    return true;
  }

  @Override
  protected String usage() {
    return String.join("\n",
        "Usage: weka.Run .TrainingHistoryExport -l saved.model [-csv history.csv] [-png history.png] [-width W] [-height H]",
        "Writes the training history of a model saved by Weka (-d on the command line, \"Save model\" in the",
        "Explorer) as CSV and/or PNG; without -csv and -png, prints a summary of it.",
        "",
        "General options:",
        "  -l <file>     the saved model (ItopSparseNetwork, SopRobustNetwork, MinDiffNetwork,",
        "                OverparameterizedKernelGD, OverparameterizedEM)",
        "  -csv <file>   the main history as CSV (a header with the step name and the columns, one line per",
        "                step, unmeasured values empty); each further history (e.g. EM's \"BIC by number of",
        "                components\") goes to a file of its own named <file stem>-<history title>.csv",
        "  -png <file>   all histories as one picture, one plot panel per quantity",
        "  -width <W>    picture width in pixels (default " + HistoryChart.DEFAULT_WIDTH + ")",
        "  -height <H>   picture height in pixels (default: as tall as the plots need; a smaller height",
        "                scales the plots down)",
        "  -h            this help");
  }

  @Override
  protected void execute(String[] options, PrintStream out) throws Exception {
    String model = Utils.getOption('l', options);
    String csv = Utils.getOption("csv", options);
    String png = Utils.getOption("png", options);
    int width = intOption("width", options, HistoryChart.DEFAULT_WIDTH);
    int height = intOption("height", options, 0);
    rejectRemaining(options);
    if (model.isEmpty()) {
      throw new IllegalArgumentException("missing option -l (the saved model)");
    }
    if (height < 0) {
      throw new IllegalArgumentException("-height must be > 0 (or left out), got " + height);
    }
    List<TrainingHistory> histories = TrainingHistoryModels.of(TrainingHistoryModels.readModel(model));
    if (csv.isEmpty() && png.isEmpty()) {
      histories.forEach(h -> out.print(h.summary(Integer.MAX_VALUE)));
      return;
    }
    if (!csv.isEmpty()) {
      List<Path> files = csvFiles(Path.of(csv), histories);
      for (int i = 0; i < files.size(); i++) {
        write(files.get(i), "-csv", histories.get(i)::writeCsv);
        out.println("wrote " + files.get(i) + " (" + histories.get(i).title() + ")");
      }
    }
    if (!png.isEmpty()) {
      HistoryChart chart = new HistoryChart(histories);
      write(Path.of(png), "-png", f -> chart.writePng(f, width, height));
      out.println("wrote " + png);
    }
  }

  /** The CSV file of each history: the main one at {@code base}, the others next to it with the title as suffix. */
  public static List<Path> csvFiles(Path base, List<TrainingHistory> histories) {
    String name = base.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    List<Path> files = new ArrayList<>();
    Set<String> used = new HashSet<>();
    used.add(name);
    for (int i = 0; i < histories.size(); i++) {
      if (i == 0) {
        files.add(base);
        continue;
      }
      String slug = histories.get(i).title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
      String candidate = stem + "-" + (slug.isEmpty() ? "history" : slug) + ext;
      for (int n = 2; !used.add(candidate); n++) {
        candidate = stem + "-" + (slug.isEmpty() ? "history" : slug) + "-" + n + ext;
      }
      files.add(base.resolveSibling(candidate));
    }
    return files;
  }

  private interface Writer {
    void write(Path file) throws IOException;
  }

  /** Writes one output file; a missing folder or a refused write names the option and the file. */
  private static void write(Path file, String option, Writer writer) {
    requireWritable(option, file);
    try {
      writer.write(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  public static void main(String[] args) {
    runFromMain(new TrainingHistoryExport(), args);
  }
}
