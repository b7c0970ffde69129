// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.common;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a learner measured while it trained: one row per step (epoch, EM iteration, kernel-GD
 * checkpoint, candidate k), one named numeric column per quantity. Immutable and serializable, so
 * it travels inside a saved model.
 *
 * <p>A column name {@code "panel/series"} (e.g. {@code "accuracy/train"}, {@code "density/layer 1"})
 * asks a plot to draw the series in one panel; a name without '/' gets a panel of its own. A value
 * that was not measured at a step is NaN.
 */
public final class TrainingHistory implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private final String title;
  private final String stepName;
  private final List<String> columns;
  private final double[] steps;
  private final double[][] values;

  private TrainingHistory(String title, String stepName, List<String> columns, double[] steps, double[][] values) {
    this.title = title;
    this.stepName = stepName;
    this.columns = List.copyOf(columns);
    this.steps = steps;
    this.values = values;
  }

  /** What was recorded, e.g. "Training (ItopSparseNetwork)" or "BIC by number of components". */
  public String title() {
    return title;
  }

  /** The name of the x axis: "epoch", "iteration", "checkpoint", "k". */
  public String stepName() {
    return stepName;
  }

  /** The recorded quantities, in the order they were first seen. */
  public List<String> columns() {
    return columns;
  }

  public int size() {
    return steps.length;
  }

  public boolean isEmpty() {
    return steps.length == 0;
  }

  public boolean has(String column) {
    return columns.contains(column);
  }

  /** The step values (x axis). */
  public double[] steps() {
    return steps.clone();
  }

  /** The values of one column, NaN where it was not measured. */
  public double[] column(String name) {
    int c = columns.indexOf(name);
    Checks.require(c >= 0, "the training history has no column '" + name + "'; it has " + columns);
    double[] out = new double[steps.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i][c];
    }
    return out;
  }

  /** The last measured value of a column (NaN if it was never measured). */
  public double last(String name) {
    double[] v = column(name);
    for (int i = v.length - 1; i >= 0; i--) {
      if (!Double.isNaN(v[i])) {
        return v[i];
      }
    }
    return Double.NaN;
  }

  /** Panel name of a column: the part before '/', or the whole name. */
  public static String panelOf(String column) {
    int slash = column.indexOf('/');
    return slash < 0 ? column : column.substring(0, slash);
  }

  /** Series name of a column within its panel: the part after '/', or the whole name. */
  public static String seriesOf(String column) {
    int slash = column.indexOf('/');
    return slash < 0 ? column : column.substring(slash + 1);
  }

  /** The columns grouped by panel, panels in order of first appearance. */
  public Map<String, List<String>> panels() {
    Map<String, List<String>> panels = new LinkedHashMap<>();
    for (String c : columns) {
      panels.computeIfAbsent(panelOf(c), k -> new ArrayList<>()).add(c);
    }
    return panels;
  }

  /**
   * RFC 4180 CSV: a header with the step name and the columns, one line per step; numbers in
   * Java's shortest round-trip form, unmeasured values empty.
   */
  public String toCsv() {
    StringBuilder sb = new StringBuilder(csvField(stepName));
    columns.forEach(c -> sb.append(',').append(csvField(c)));
    sb.append("\r\n");
    for (int i = 0; i < steps.length; i++) {
      sb.append(number(steps[i]));
      for (double v : values[i]) {
        sb.append(',').append(Double.isNaN(v) ? "" : number(v));
      }
      sb.append("\r\n");
    }
    return sb.toString();
  }

  public void writeCsv(Path file) throws IOException {
    Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
  }

  /**
   * A few lines for a model's description: each column's value at the first, middle and last
   * step (at most {@code maxColumns} columns; the CSV and the plot have all of them). Steps and
   * values are rounded to five significant digits here; the CSV keeps them exact.
   */
  public String summary(int maxColumns) {
    if (isEmpty()) {
      return title + ": nothing recorded\n";
    }
    int n = steps.length;
    int[] at = n >= 3 ? new int[] {0, n / 2, n - 1} : n == 2 ? new int[] {0, 1} : new int[] {0};
    // "10 epochs", but "10 k values", not "10 ks"
    String counted = stepName.length() == 1 ? stepName + " values" : stepName + "s";
    StringBuilder sb = new StringBuilder(title).append(String.format(Locale.ROOT, " (%d %s", n, counted));
    sb.append("; values at ").append(stepName);
    for (int k = 0; k < at.length; k++) {
      sb.append(k == 0 ? " " : k == at.length - 1 ? " and " : ", ").append(shortNumber(steps[at[k]]));
    }
    sb.append(")\n");
    int width = columns.stream().limit(maxColumns).mapToInt(String::length).max().orElse(0);
    for (int c = 0; c < Math.min(maxColumns, columns.size()); c++) {
      sb.append("  ").append(columns.get(c)).append(" ".repeat(width - columns.get(c).length())).append(' ');
      for (int k = 0; k < at.length; k++) {
        sb.append(k == 0 ? " " : "  ").append(String.format(Locale.ROOT, "%11s", shortNumber(values[at[k]][c])));
      }
      sb.append('\n');
    }
    if (columns.size() > maxColumns) {
      sb.append("  ... and ").append(columns.size() - maxColumns).append(" more columns (all of them: Save CSV in the "
          + "Explorer's Training history tab, or weka.Run .TrainingHistoryExport)\n");
    }
    return sb.toString();
  }

  private static String shortNumber(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? "%.5g" : "%.4e", v);
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : Double.toString(v);
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  @Override
  public String toString() {
    return summary(Integer.MAX_VALUE);
  }

  /** Collects rows; columns are added as they first appear (earlier rows hold NaN there). */
  public static final class Recorder {
    private final String title;
    private final String stepName;
    private final List<String> columns = new ArrayList<>();
    private final List<Double> steps = new ArrayList<>();
    private final List<Map<String, Double>> rows = new ArrayList<>();

    public Recorder(String title, String stepName) {
      this.title = title;
      this.stepName = stepName;
    }

    /** Records one step; non-finite values are kept (a diverging loss is worth seeing). */
    public Recorder add(double step, Map<String, Double> row) {
      for (String c : row.keySet()) {
        if (!columns.contains(c)) {
          columns.add(c);
        }
      }
      steps.add(step);
      rows.add(new LinkedHashMap<>(row));
      return this;
    }

    public int size() {
      return steps.size();
    }

    public TrainingHistory build() {
      double[][] values = new double[rows.size()][columns.size()];
      for (int i = 0; i < values.length; i++) {
        Arrays.fill(values[i], Double.NaN);
        for (Map.Entry<String, Double> e : rows.get(i).entrySet()) {
          Double v = e.getValue();
          values[i][columns.indexOf(e.getKey())] = v == null ? Double.NaN : v;
        }
      }
      return new TrainingHistory(title, stepName, columns,
          steps.stream().mapToDouble(Double::doubleValue).toArray(), values);
    }
  }
}
