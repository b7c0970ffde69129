// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.overparam.common.RunningMoments;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Turns Weka instances into the numeric rows the networks and kernel GD learn from, with
 * statistics fitted on the training data only and applied unchanged at prediction time. One
 * conversion, one missing-value policy, for every learner that needs numeric rows:
 *
 * <ul>
 *   <li>numeric (and date) attributes: standardised to mean 0, standard deviation 1, computed
 *       scale-free ({@link RunningMoments}), so an offset (1e9 + x) or an extreme unit (x · 1e200,
 *       x · 1e-13) keeps its information; standardised values are clipped to ±1e6. A constant
 *       attribute becomes 0 and is named in {@link #notes()}, as is an attribute whose standard
 *       deviation is dominated by a few extreme values;</li>
 *   <li>nominal attributes: one-hot, one column per training value;</li>
 *   <li>missing values: a numeric one is the training mean (0 after standardisation), a nominal one
 *       is no category (the all-zero block), so it carries no evidence either way; a nominal value
 *       the training header did not have counts as missing;</li>
 *   <li>the class attribute and attributes skipped via {@code ignored} produce no column.</li>
 * </ul>
 *
 * Infinite values, attributes whose training values are all missing and invalid instance weights
 * are rejected with a message naming the attribute or the (1-based) instance. Every instance given
 * later must fit the training header ({@link TrainingHeader}).
 */
public final class InstancesConverter implements Serializable {
  @Serial private static final long serialVersionUID = 2L;

  /** Attributes whose largest |standardised value| exceeds this are checked for lost resolution. */
  private static final double HEAVY_TAIL = 10;

  private final TrainingHeader header;
  private final int[] attributes;
  private final int[] firstColumn;
  /** Per input attribute: its number of training values if nominal, 0 if numeric. */
  private final int[] numValues;
  /** Per input attribute: its standardisation if numeric, null if nominal. */
  private final RunningMoments.Standardisation[] standardisations;
  private final int numColumns;
  private final List<String> notes;
  /**
   * When every input is numeric: the standardisations as three arrays (factor, mean, 1 / std per input), which
   * {@link #encodeNumeric} reads in one tight loop; null otherwise. Derived, so not serialised.
   */
  private final transient double[][] numericOnly;
  /** Whether every input is numeric and varied in training (no inverse deviation of 0): {@link #encodeVarying}. */
  private final transient boolean everyInputVaries;
  /** Whether no input attribute varies in the training data (set by {@link #fit}; not kept in a saved model). */
  private transient boolean constantInputs;

  private InstancesConverter(TrainingHeader header, int[] attributes, int[] firstColumn, int[] numValues,
      RunningMoments.Standardisation[] standardisations, int numColumns, List<String> notes) {
    this.header = header;
    this.attributes = attributes;
    this.firstColumn = firstColumn;
    this.numValues = numValues;
    this.standardisations = standardisations;
    this.numColumns = numColumns;
    this.notes = notes;
    this.numericOnly = numericOnly(standardisations);
    this.everyInputVaries = numericOnly != null && Arrays.stream(numericOnly[2]).allMatch(s -> s != 0);
  }

  private static double[][] numericOnly(RunningMoments.Standardisation[] standardisations) {
    int m = standardisations.length;
    double[][] z = new double[3][m];
    for (int k = 0; k < m; k++) {
      if (standardisations[k] == null) {
        return null;
      }
      z[0][k] = standardisations[k].factor();
      z[1][k] = standardisations[k].mean();
      z[2][k] = standardisations[k].inverseStd();
    }
    return z;
  }

  /** Rebuilds the derived {@link #numericOnly} of a deserialised converter. */
  @Serial
  private Object readResolve() {
    return new InstancesConverter(header, attributes, firstColumn, numValues, standardisations, numColumns, notes);
  }

  /**
   * Fits the conversion on training data.
   *
   * @param data training instances (class index set, or none for a clusterer)
   * @param ignored attribute indices that are not inputs (may be empty)
   * @throws IllegalArgumentException for a string or relational attribute, an attribute without a
   *     training value, an infinite value, or no input attribute at all
   */
  public static InstancesConverter fit(Instances data, int... ignored) {
    List<Integer> used = new ArrayList<>();
    for (int a = 0; a < data.numAttributes(); a++) {
      if (a == data.classIndex() || contains(ignored, a)) {
        continue;
      }
      Attribute att = data.attribute(a);
      if (!att.isNumeric() && !att.isNominal()) {
        throw new IllegalArgumentException("attribute '" + att.name() + "' is " + Attribute.typeToString(att)
            + "; only numeric, date and nominal attributes can be inputs (convert it first, e.g. with "
            + "StringToWordVector)");
      }
      used.add(a);
    }
    if (used.isEmpty()) {
      throw new IllegalArgumentException("the data has no input attributes besides the class attribute"
          + (ignored.length > 0 ? " and those left out of the inputs (" + names(data, ignored) + ")" : ""));
    }
    int m = used.size();
    int[] attributes = used.stream().mapToInt(Integer::intValue).toArray();
    int[] firstColumn = new int[m];
    int[] numValues = new int[m];
    RunningMoments.Standardisation[] standardisations = new RunningMoments.Standardisation[m];
    List<String> notes = new ArrayList<>();
    List<String[]> constant = new ArrayList<>(); // name, value
    boolean varies = false;
    double[] values = new double[data.numInstances()];
    // an instance of weight 0 takes no part in training, so none in the standardisation either (an extreme value
    // there would squeeze every other value into a sliver of the input range); if all are 0, the weight check says so
    boolean[] counted = counted(data);
    int col = 0;
    for (int k = 0; k < m; k++) {
      Attribute att = data.attribute(attributes[k]);
      firstColumn[k] = col;
      int present = 0;
      for (int i = 0; i < data.numInstances(); i++) {
        Instance inst = data.instance(i);
        if (counted[i] && !inst.isMissing(attributes[k])) {
          double v = inst.value(attributes[k]);
          if (Double.isInfinite(v)) {
            throw new IllegalArgumentException("attribute '" + att.name() + "' has an infinite value in instance "
                + (i + 1) + "; remove or replace it first");
          }
          values[present++] = v;
        }
      }
      if (present == 0) {
        throw new IllegalArgumentException("attribute '" + att.name() + "' has only missing values in the training "
            + "data" + (anyFalse(counted) ? " (instances of weight 0 not counted)" : "")
            + "; remove it (e.g. with RemoveUseless)");
      }
      varies |= varies(values, present);
      if (att.isNominal()) {
        numValues[k] = att.numValues();
        col += att.numValues();
      } else {
        RunningMoments moments = RunningMoments.of(values, present);
        standardisations[k] = moments.standardisation();
        if (moments.isConstant()) {
          constant.add(new String[] {att.name(), Double.toString(moments.min())});
        } else {
          String note = inspect(att.name(), moments, values, present);
          if (note != null) {
            notes.add(note);
          }
        }
        col += 1;
      }
    }
    notes.addAll(0, constantNotes(constant));
    if (!varies) {
      notes.add(0, "no input attribute varies in the training data: the inputs carry no information, and a model "
          + "can only learn the class frequencies");
    }
    InstancesConverter fitted = new InstancesConverter(TrainingHeader.of(data), attributes, firstColumn, numValues,
        standardisations, col, List.copyOf(notes));
    fitted.constantInputs = !varies;
    return fitted;
  }

  private static boolean varies(double[] values, int n) {
    for (int i = 1; i < n; i++) {
      if (values[i] != values[0]) {
        return true;
      }
    }
    return false;
  }

  /** Whether no input attribute varies in the training data this conversion was fitted on. */
  public boolean constantInputs() {
    return constantInputs;
  }

  /**
   * Which instances count for the statistics of training data: those of weight > 0 (an instance of weight 0 takes no
   * part in training), or all if none has (the weight check then says so).
   */
  public static boolean[] counted(Instances data) {
    boolean[] positive = new boolean[data.numInstances()];
    boolean any = false;
    for (int i = 0; i < positive.length; i++) {
      positive[i] = data.instance(i).weight() > 0;
      any |= positive[i];
    }
    if (!any) {
      Arrays.fill(positive, true);
    }
    return positive;
  }

  private static boolean anyFalse(boolean[] a) {
    for (boolean b : a) {
      if (!b) {
        return true;
      }
    }
    return false;
  }

  /** Constant attributes listed one per note up to this many; more (sparse or text data) share one note. */
  static final int CONSTANT_NOTES = 5;

  /** Notes on the constant numeric attributes, given as {name, value}. */
  private static List<String> constantNotes(List<String[]> constant) {
    if (constant.size() <= CONSTANT_NOTES) {
      return constant.stream().map(c -> "attribute '" + c[0] + "' is constant (" + c[1] + ") in the training data "
          + "and carries no information").toList();
    }
    return List.of(constant.size() + " numeric attributes are constant in the training data and carry no "
        + "information: " + constant.stream().limit(CONSTANT_NOTES).map(c -> "'" + c[0] + "' (" + c[1] + ")")
        .collect(java.util.stream.Collectors.joining(", ")) + ", ... (remove them with RemoveUseless)");
  }

  /**
   * A note on an attribute whose standardisation loses most of its resolution (a few extreme values dominate its
   * standard deviation), else null.
   */
  private static String inspect(String name, RunningMoments mom, double[] values, int n) {
    RunningMoments.Standardisation z = mom.standardisation();
    if (Math.max(Math.abs(z.apply(mom.min())), Math.abs(z.apply(mom.max()))) <= HEAVY_TAIL) {
      return null;
    }
    // Float resolution is the test for every learner: it is the networks' precision, and values that
    // differ by less than that relative to the spread are also one point to a kernel.
    double[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    int distinctRaw = 1;
    int distinctInputs = 1;
    for (int i = 1; i < n; i++) {
      if (sorted[i] != sorted[i - 1]) {
        distinctRaw++;
        if ((float) z.apply(sorted[i]) != (float) z.apply(sorted[i - 1])) {
          distinctInputs++;
        }
      }
    }
    String extreme = "attribute '" + name + "': a few extreme values (range " + mom.min() + " to " + mom.max()
        + ") dominate its standard deviation, so ";
    String advice = "; remove or transform the extreme values (e.g. a log scale)";
    if (distinctInputs * 2 <= distinctRaw) {
      return extreme + "its " + distinctRaw + " distinct training values become " + distinctInputs
          + " distinct inputs" + advice;
    }
    // Few distinct values (an indicator with one outlier) keep their count but can still be squeezed together:
    // the middle 90% of the values then spans a sliver of the input range, which the network cannot resolve.
    double low = sorted[(int) (0.05 * (n - 1))];
    double high = sorted[(int) Math.ceil(0.95 * (n - 1))];
    double bulk = z.apply(high) - z.apply(low);
    if (high > low && bulk < SLIVER) {
      return extreme + String.format(java.util.Locale.ROOT, "the middle 90%% of its training values spans %.3g "
          + "standard deviations and its inputs hardly differ", bulk) + advice;
    }
    return null;
  }

  /** A middle 90% of an attribute's values narrower than this many standard deviations is a sliver. */
  private static final double SLIVER = 1e-3;

  /** Number of input columns. */
  public int numColumns() {
    return numColumns;
  }

  /** What the conversion noticed about the training data (constant or extreme attributes); may be empty. */
  public List<String> notes() {
    return notes;
  }

  /** The training header. */
  public TrainingHeader header() {
    return header;
  }

  /**
   * One instance as an input row in double precision.
   *
   * @throws IllegalArgumentException if the instance does not fit the training header or has an
   *     infinite value
   */
  public double[] doubleRow(Instance inst) {
    header.check(inst);
    double[] x = new double[numColumns];
    encode(inst, x, null);
    return x;
  }

  /** One instance as a float input row (see {@link #doubleRow}). */
  public float[] row(Instance inst) {
    header.check(inst);
    float[] x = new float[numColumns];
    encode(inst, null, x);
    return x;
  }

  /**
   * Writes the input row of {@code inst}, already checked against the header, into whichever of {@code d}, {@code f}
   * is not null.
   */
  private void encode(Instance inst, double[] d, float[] f) {
    if (numericOnly != null) {
      encodeNumeric(inst, d, f);
      return;
    }
    for (int k = 0; k < attributes.length; k++) {
      int a = attributes[k];
      double v = inst.value(a);
      if (Double.isNaN(v)) { // Weka's missing value
        continue; // numeric: the mean (0); nominal: no category
      }
      int column;
      double value;
      if (standardisations[k] == null) {
        int category = (int) v;
        if (category < 0 || category >= numValues[k]) { // a value unknown in training counts as missing
          continue;
        }
        column = firstColumn[k] + category;
        value = 1;
      } else {
        if (Double.isInfinite(v)) {
          throw infinite(a, v);
        }
        column = firstColumn[k];
        value = standardisations[k].apply(v);
      }
      if (d != null) {
        d[column] = value;
      } else {
        f[column] = (float) value;
      }
    }
  }

  /**
   * {@link #encode} when every input is numeric (input k is column k): the same values bit for bit, with the
   * standardisations read from arrays instead of one object each (W1's 5,000 × 100 rows: 1.4× faster).
   */
  private void encodeNumeric(Instance inst, double[] d, float[] f) {
    if (f != null && everyInputVaries) {
      if (encodeVarying(inst, f)) {
        return;
      }
      Arrays.fill(f, 0f); // a missing value is 0 and is skipped below: clear what the loop wrote
    }
    double[] factor = numericOnly[0];
    double[] mean = numericOnly[1];
    double[] inverseStd = numericOnly[2];
    for (int k = 0; k < attributes.length; k++) {
      double v = inst.value(attributes[k]);
      if (!(Math.abs(v) <= Double.MAX_VALUE)) { // one test for the rare cases, NaN and infinities
        if (Double.isNaN(v)) {
          continue; // missing: the mean (0)
        }
        throw infinite(attributes[k], v);
      }
      double value = RunningMoments.clippedZ(v, factor[k], mean[k], inverseStd[k]);
      if (d != null) {
        d[k] = value;
      } else {
        f[k] = (float) value;
      }
    }
  }

  /**
   * {@link #encodeNumeric} into floats where every input varied in training (no inverse deviation of 0): the same
   * values, with one test for all of a row's values instead of a branch per value; false where a value is missing
   * or infinite (f then holds what the caller must clear).
   */
  private boolean encodeVarying(Instance inst, float[] f) {
    double[] factor = numericOnly[0];
    double[] mean = numericOnly[1];
    double[] inverseStd = numericOnly[2];
    boolean finite = true;
    for (int k = 0; k < attributes.length; k++) {
      double v = inst.value(attributes[k]);
      finite &= Math.abs(v) <= Double.MAX_VALUE;
      f[k] = (float) RunningMoments.clip((v * factor[k] - mean[k]) * inverseStd[k]);
    }
    return finite;
  }

  private IllegalArgumentException infinite(int a, double v) {
    return new IllegalArgumentException("attribute '" + header.header().attribute(a).name() + "' is " + v
        + "; only finite values can be inputs");
  }

  /** All instances as float rows. */
  public float[][] rows(Instances data) {
    return rows(data, 0, data.numInstances());
  }

  /**
   * Instances {@code from} (inclusive) to {@code to} (exclusive) of {@code data} as float rows; the header is checked
   * once for the data set rather than once per row (which took about a quarter of the encoding at 100 inputs).
   */
  public float[][] rows(Instances data, int from, int to) {
    header.check(data);
    float[][] x = new float[to - from][];
    for (int i = from; i < to; i++) {
      x[i - from] = new float[numColumns];
      encodeAt(data, i, null, x[i - from]);
    }
    return x;
  }

  /** {@link #encode} of instance i of {@code data}; an error names the instance's position in it. */
  private void encodeAt(Instances data, int i, double[] d, float[] f) {
    try {
      encode(checked(data, i), d, f);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("instance " + (i + 1) + " of the " + data.numInstances() + " given: "
          + e.getMessage(), e);
    }
  }

  /** Instance i of {@code data}, whose header has been checked: checked on its own if it belongs to another set. */
  private Instance checked(Instances data, int i) {
    Instance inst = data.instance(i);
    if (inst.dataset() != data) {
      header.check(inst);
    }
    return inst;
  }

  /** All instances as double rows. */
  public double[][] doubleRows(Instances data) {
    header.check(data);
    double[][] x = new double[data.numInstances()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[numColumns];
      encodeAt(data, i, x[i], null);
    }
    return x;
  }

  /**
   * The instance weights of {@code data}.
   *
   * @throws IllegalArgumentException naming the first (1-based) instance whose weight is negative or
   *     not finite, or if all weights are 0
   */
  public static double[] weights(Instances data) {
    double[] w = new double[data.numInstances()];
    boolean positive = false;
    for (int i = 0; i < w.length; i++) {
      w[i] = data.instance(i).weight();
      if (!(w[i] >= 0 && Double.isFinite(w[i]))) {
        throw new IllegalArgumentException("instance " + (i + 1) + " has weight " + w[i]
            + "; instance weights must be finite and >= 0");
      }
      positive |= w[i] > 0;
    }
    if (!positive) {
      throw new IllegalArgumentException("every training instance has weight 0; at least one weight must be > 0");
    }
    return w;
  }

  /** The attributes' names, quoted, comma-separated. */
  private static String names(Instances data, int[] attributes) {
    return java.util.Arrays.stream(attributes).mapToObj(a -> "'" + data.attribute(a).name() + "'")
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
