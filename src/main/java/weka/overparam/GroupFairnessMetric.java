// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.util.ArrayList;
import java.util.List;
import org.overparam.mindiff.GroupConfusion;
import org.overparam.mindiff.GroupMetrics;
import weka.classifiers.evaluation.AbstractEvaluationMetric;
import weka.classifiers.evaluation.Evaluation;
import weka.classifiers.evaluation.StandardEvaluationMetric;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Group fairness of a classifier's test predictions as a Weka evaluation metric plugin: the error
 * rate of the sensitive group S and of the reference group R (all other instances, a missing value
 * included), their gap, the worst-group error and, for a positive class, the per-group FPR and FNR
 * and their gaps. It appears in the Explorer's evaluation summary and as Experimenter columns.
 *
 * <p>Predictions are Weka's own: the class of highest probability (ties go to the first value, as in
 * the confusion matrix), weighted by instance weight. Instances with a missing class, and those Weka
 * leaves unclassified, are not counted (Weka never passes the latter to a plugin).
 *
 * <p>Weka instantiates the metric without options, so what it measures is set by
 * {@link GroupFairnessSettings}. Nothing is chosen silently: without a valid setting the summary says
 * what is wrong and how to set it, and every statistic is missing, while Weka's other metrics are
 * computed as usual.
 */
public class GroupFairnessMetric extends AbstractEvaluationMetric implements StandardEvaluationMetric {
  private static final long serialVersionUID = 8830421964412L;

  public static final String NAME = "Group fairness";

  public static final String ERROR_S = "Fairness_error_S";
  public static final String ERROR_R = "Fairness_error_R";
  public static final String ERROR_GAP = "Fairness_error_gap";
  public static final String WORST_ERROR = "Fairness_worst_group_error";
  public static final String FPR_S = "Fairness_FPR_S";
  public static final String FPR_R = "Fairness_FPR_R";
  public static final String FPR_GAP = "Fairness_FPR_gap";
  public static final String FNR_S = "Fairness_FNR_S";
  public static final String FNR_R = "Fairness_FNR_R";
  public static final String FNR_GAP = "Fairness_FNR_gap";

  /** Fixed: the Experimenter asks for the names once, before any data or settings are known. */
  private static final List<String> STATISTICS = List.of(ERROR_S, ERROR_R, ERROR_GAP, WORST_ERROR, FPR_S, FPR_R,
      FPR_GAP, FNR_S, FNR_R, FNR_GAP);

  private static final String NOT_CONFIGURED = "no sensitive attribute is configured";

  /** Why there are no statistics, or null once resolved. */
  private String problem = "no evaluation has been set up yet";
  private SensitiveAttribute group;
  /** 0-based positive class, or -1 when the class has more than two values and none is set. */
  private int positive = -1;
  private String positiveName;
  private GroupConfusion confusion;
  /** Whether the settings were read (once per evaluation). */
  private boolean resolved;

  /** Resolves the settings against the evaluation's header as soon as Weka attaches the metric. */
  @Override
  public void setBaseEvaluation(Evaluation eval) {
    super.setBaseEvaluation(eval);
    resolve(eval.getHeader());
  }

  private void resolve(Instances header) {
    resolved = true;
    group = null;
    confusion = null;
    if (header == null || header.classIndex() < 0) {
      problem = "the data have no class attribute";
      return;
    }
    if (!header.classAttribute().isNominal()) {
      problem = "the class '" + header.classAttribute().name() + "' is not nominal";
      return;
    }
    GroupFairnessSettings settings;
    try {
      settings = GroupFairnessSettings.current();
    } catch (java.io.IOException e) {
      problem = "cannot read the settings: " + e.getMessage();
      return;
    }
    if (!settings.configured()) {
      // Silent: once the package is installed every Weka evaluation carries this metric, and one
      // that nobody configured must not clutter them (its statistics are missing).
      problem = NOT_CONFIGURED;
      return;
    }
    try {
      group = SensitiveAttribute.resolveInHeader(header, GroupFairnessSettings.ATTRIBUTE, settings.attribute(),
          GroupFairnessSettings.VALUE, settings.value());
      Attribute c = header.classAttribute();
      positive = settings.positive().isEmpty() && c.numValues() != 2 ? -1
          : SensitiveAttribute.positiveClass(header, GroupFairnessSettings.POSITIVE, settings.positive());
      positiveName = positive < 0 ? null : c.value(positive);
      confusion = new GroupConfusion(c.numValues());
      problem = null;
    } catch (IllegalArgumentException e) {
      group = null;
      problem = e.getMessage() + ".\n" + advice(header);
    }
  }

  /** What the user can choose and how, indented under the summary's first line. */
  private static String advice(Instances header) {
    return "  Nominal attributes of this data: " + nominalAttributes(header) + ".\n  To choose the groups, "
        + GroupFairnessSettings.howToConfigure("\n  ") + ".";
  }

  private static String nominalAttributes(Instances header) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < header.numAttributes(); i++) {
      if (i != header.classIndex() && header.attribute(i).isNominal()) {
        names.add(header.attribute(i).name());
      }
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  @Override
  public void updateStatsForClassifier(double[] dist, Instance inst) {
    if (!resolved && inst.dataset() != null) {
      resolve(inst.dataset()); // used without an Evaluation
    }
    if (problem != null || inst.classIsMissing()) {
      return;
    }
    if (!(inst.weight() >= 0) || Double.isInfinite(inst.weight())) {
      // Not an exception: that would stop Weka's evaluation of every other metric too.
      problem = "an instance has weight " + inst.weight() + "; weights must be finite and >= 0";
      return;
    }
    int predicted = wekaPrediction(dist);
    if (predicted >= 0) {
      confusion.add(group.isSensitive(inst), (int) inst.classValue(), predicted, inst.weight());
    }
  }

  /** Evaluation's rule: the first class of strictly highest probability above 0, else -1 (unclassified). */
  private static int wekaPrediction(double[] dist) {
    int best = -1;
    double bestProb = 0;
    for (int i = 0; i < dist.length; i++) {
      if (dist[i] > bestProb) {
        best = i;
        bestProb = dist[i];
      }
    }
    return best;
  }

  @Override
  public void updateStatsForPredictor(double predictedValue, Instance instance) {
    // Numeric class: nothing to measure (appliesToNumericClass is false).
  }

  @Override
  public boolean appliesToNominalClass() {
    return true;
  }

  @Override
  public boolean appliesToNumericClass() {
    return false;
  }

  @Override
  public String getMetricName() {
    return NAME;
  }

  @Override
  public String getMetricDescription() {
    return "Group fairness of the test predictions (Weka's arg-max predictions, weighted). Group S: the instances"
        + " whose sensitive attribute has the sensitive value; group R: all others, missing values included. "
        + ERROR_S + ", " + ERROR_R + ": error rate of each group; " + ERROR_GAP + ": |error S - error R|; "
        + WORST_ERROR + ": the larger group error; " + FPR_S + ", " + FPR_R + ", " + FPR_GAP + " and " + FNR_S + ", "
        + FNR_R + ", " + FNR_GAP + ": false-positive and false-negative rates of the positive class per group and"
        + " their absolute gaps (missing for a class of more than two values unless a positive class is set)."
        + " A group without test instances makes its rates and the gaps missing. Lower is fairer. To choose the"
        + " groups, " + GroupFairnessSettings.howToConfigure(" ") + ".";
  }

  @Override
  public List<String> getStatisticNames() {
    return STATISTICS;
  }

  /** Lower is better for every statistic (they are error rates and gaps). */
  @Override
  public boolean statisticIsMaximisable(String statName) {
    return false;
  }

  @Override
  public double getStatistic(String name) {
    if (!STATISTICS.contains(name)) {
      throw new UnknownStatisticException("'" + name + "' is not a statistic of " + NAME + "; it has " + STATISTICS);
    }
    if (problem != null) {
      return Utils.missingValue();
    }
    GroupMetrics m = confusion.metrics(positive);
    double v = switch (name) {
      case ERROR_S -> m.sensitive().error();
      case ERROR_R -> m.reference().error();
      case ERROR_GAP -> m.errorGap();
      case WORST_ERROR -> m.worstGroupError();
      case FPR_S -> m.sensitive().fpr();
      case FPR_R -> m.reference().fpr();
      case FPR_GAP -> m.fprGap();
      case FNR_S -> m.sensitive().fnr();
      case FNR_R -> m.reference().fnr();
      case FNR_GAP -> m.fnrGap();
      default -> throw new IllegalStateException(name);
    };
    return Double.isNaN(v) ? Utils.missingValue() : v;
  }

  @Override
  public String toSummaryString() {
    if (NOT_CONFIGURED.equals(problem)) {
      return "";
    }
    if (problem != null) {
      return "\n" + NAME + ": not measured, " + problem + "\n\n";
    }
    GroupMetrics m = confusion.metrics(positive);
    if (m.overall().weight() == 0) {
      return "\n" + NAME + ": not measured, no prediction of an instance with a class value reached it (an"
          + " evaluation that merges others, such as Weka's AggregateableEvaluation, does not pass them on).\n\n";
    }
    StringBuilder s = new StringBuilder("\n");
    s.append(NAME).append(" (S: ").append(group.describe()).append("; R: all other instances, missing included)\n");
    s.append(String.format("%-35s%12s%12s%12s%n", "", "S", "R", "|S - R|"));
    line(s, "Error rate", m.sensitive().error(), m.reference().error(), m.errorGap());
    if (positive >= 0) {
      line(s, "FP rate (" + positiveName + ")", m.sensitive().fpr(), m.reference().fpr(), m.fprGap());
      line(s, "FN rate (" + positiveName + ")", m.sensitive().fnr(), m.reference().fnr(), m.fnrGap());
    }
    line(s, "Weight of instances", m.sensitive().weight(), m.reference().weight());
    line(s, "Worst-group error rate", m.worstGroupError());
    if (positive < 0) {
      s.append("FP and FN rates: the class has more than two values; set ").append(GroupFairnessSettings.POSITIVE)
          .append(" to measure them one-vs-rest\n");
    }
    emptyGroupNote(s, "S", m.sensitive().weight());
    emptyGroupNote(s, "R", m.reference().weight());
    return s.append('\n').toString();
  }

  private static void emptyGroupNote(StringBuilder s, String name, double weight) {
    if (weight == 0) {
      s.append("Group ").append(name).append(" has no test instances, so its rates and the gaps are missing\n");
    }
  }

  private static void line(StringBuilder s, String label, double... values) {
    s.append(String.format("%-35s", label));
    for (double v : values) {
      s.append(number(v));
    }
    s.append('\n');
  }

  /** Weka's number format; '?' (Weka's missing value), where the units digit goes, for an undefined rate. */
  private static String number(double v) {
    return Double.isNaN(v) ? String.format("%7s%5s", "?", "") : Utils.doubleToString(v, 12, 4);
  }
}
