// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.overparam.bench.BenchExperiments;
import org.overparam.mindiff.GroupMetrics;
import weka.classifiers.functions.Logistic;
import weka.classifiers.rules.ZeroR;
import weka.classifiers.trees.J48;
import weka.classifiers.evaluation.AbstractEvaluationMetric;
import weka.classifiers.evaluation.AggregateableEvaluation;
import weka.classifiers.evaluation.Evaluation;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.PluginManager;
import weka.core.SerializedObject;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.experiment.ClassifierSplitEvaluator;

/**
 * The metric plugin, registered from the package's own PluginManager.props, run through Weka's
 * Evaluation and the Experimenter's ClassifierSplitEvaluator on a hand-computed case.
 */
class GroupFairnessMetricTest {
  private static final String METRIC_TYPE = AbstractEvaluationMetric.class.getName();
  private static final String[] KEYS = {GroupFairnessSettings.ATTRIBUTE, GroupFairnessSettings.VALUE,
      GroupFairnessSettings.POSITIVE};

  @BeforeAll
  static void registerAsTheWekaPackageDoes() throws Exception {
    PluginManager.addFromProperties(new File("weka-package/props/PluginManager.props"));
    assertTrue(PluginManager.pluginRegistered(METRIC_TYPE, GroupFairnessMetric.class.getName()),
        "weka-package/props/PluginManager.props must register the metric");
  }

  @AfterAll
  static void unregister() {
    // Other test classes in this JVM compare Weka's summary text.
    PluginManager.removePlugin(METRIC_TYPE, GroupFairnessMetric.class.getName());
  }

  /** Sets the metric's system properties; a null leaves that one unset. */
  private static void configure(String attribute, String value, String positive) {
    String[][] settings = {{GroupFairnessSettings.ATTRIBUTE, attribute}, {GroupFairnessSettings.VALUE, value},
        {GroupFairnessSettings.POSITIVE, positive}};
    for (String[] kv : settings) {
      if (kv[1] != null) {
        System.setProperty(kv[0], kv[1]);
      }
    }
  }

  @AfterEach
  void clearSettings() {
    for (String k : KEYS) {
      System.clearProperty(k);
    }
  }

  /**
   * Rows (sex, race, p = P(yes), class, weight); Weka predicts yes iff p > 0.5 (a tie goes to the first
   * value, no).
   *
   * <pre>
   * S (sex = F): 0.9 yes TP | 0.2 yes FN | 0.7 no FP | 0.1 no TN | 0.95 yes TP
   *              -> weight 5, errors 2: error 2/5; FPR 1/2 (1 of 2 no); FNR 1/3 (1 of 3 yes)
   * R (others):  0.8 yes TP | 0.6 yes TP | 0.5 yes FN (tie -> no), weight 2 | 0.4 no TN
   *              | 0.55 no FP, sex missing (so in R) | 0.0 no TN
   *              -> weight 7, errors 1 + 2 = 3: error 3/7; FPR 1/3 (1 of 3 no); FNR 2/4 (FN weight 2 of 4 yes)
   * one more row, sex F, p 0.9, class missing: not counted (Weka skips it too).
   * gaps: error |2/5 - 3/7| = 1/35; FPR |1/2 - 1/3| = 1/6; FNR |1/3 - 1/2| = 1/6; worst-group error 3/7 (R).
   * </pre>
   */
  static Instances handCase() {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("sex", List.of("F", "M")));
    atts.add(new Attribute("race", List.of("a", "b")));
    atts.add(new Attribute("p"));
    atts.add(new Attribute("class", List.of("no", "yes")));
    Instances data = new Instances("hand", atts, 0);
    data.setClassIndex(3);
    double m = Utils.missingValue();
    double[][] rows = {
        {0, 0, 0.9, 1, 1}, {0, 1, 0.2, 1, 1}, {0, 0, 0.7, 0, 1}, {0, 1, 0.1, 0, 1}, {0, 0, 0.95, 1, 1},
        {1, 0, 0.8, 1, 1}, {1, 1, 0.6, 1, 1}, {1, 0, 0.5, 1, 2}, {1, 1, 0.4, 0, 1}, {m, 0, 0.55, 0, 1},
        {1, 1, 0.0, 0, 1}, {0, 0, 0.9, m, 1}};
    for (double[] r : rows) {
      data.add(new DenseInstance(r[4], Arrays.copyOf(r, 4)));
    }
    return data;
  }

  private static Evaluation evaluate(Instances data) throws Exception {
    Evaluation eval = new Evaluation(data);
    eval.evaluateModel(new FixedProbabilityClassifier(), data);
    return eval;
  }

  private static double stat(Evaluation eval, String name) {
    AbstractEvaluationMetric m = eval.getPluginMetric(GroupFairnessMetric.NAME);
    assertNotNull(m, "the plugin metric is not active in Evaluation");
    return m.getStatistic(name);
  }

  private static void assertHandStatistics(double[] expected, java.util.function.ToDoubleFunction<String> actual) {
    String[] names = {GroupFairnessMetric.ERROR_S, GroupFairnessMetric.ERROR_R, GroupFairnessMetric.ERROR_GAP,
        GroupFairnessMetric.WORST_ERROR, GroupFairnessMetric.FPR_S, GroupFairnessMetric.FPR_R,
        GroupFairnessMetric.FPR_GAP, GroupFairnessMetric.FNR_S, GroupFairnessMetric.FNR_R,
        GroupFairnessMetric.FNR_GAP};
    for (int i = 0; i < names.length; i++) {
      assertEquals(expected[i], actual.applyAsDouble(names[i]), 1e-12, names[i]);
    }
  }

  private static final double[] HAND = {2.0 / 5, 3.0 / 7, 1.0 / 35, 3.0 / 7, 1.0 / 2, 1.0 / 3, 1.0 / 6, 1.0 / 3,
      2.0 / 4, 1.0 / 6};

  @Test
  void handComputedCaseThroughWekasEvaluation() throws Exception {
    configure("sex", "F", null);
    Evaluation eval = evaluate(handCase());
    assertHandStatistics(HAND, name -> stat(eval, name));
    // Weka's own error over the same predictions: (2 + 3) / 12 of the weight with a class.
    assertEquals(5.0 / 12, eval.errorRate(), 1e-12);
    // The Explorer keeps evaluations in its result history: the metric survives serialization.
    Evaluation copy = (Evaluation) new SerializedObject(eval).getObject();
    assertHandStatistics(HAND, name -> stat(copy, name));

    String summary = eval.toSummaryString();
    assertTrue(summary.contains("Group fairness (S: sex = F; R: all other instances, missing included)"), summary);
    assertTrue(summary.matches("(?s).*Error rate\\s+0\\.4\\s+0\\.4286\\s+0\\.0286 *\\n.*"), summary);
    assertTrue(summary.matches("(?s).*FP rate \\(yes\\)\\s+0\\.5\\s+0\\.3333\\s+0\\.1667 *\\n.*"), summary);
    assertTrue(summary.matches("(?s).*FN rate \\(yes\\)\\s+0\\.3333\\s+0\\.5\\s+0\\.1667 *\\n.*"), summary);
    assertTrue(summary.matches("(?s).*Weight of instances\\s+5\\s+7 *\\n.*"), summary);
    assertTrue(summary.matches("(?s).*Worst-group error rate\\s+0\\.4286 *\\n.*"), summary);

    // The Explorer's "Evaluation metrics" selection hides it like any other metric.
    List<String> shown = new ArrayList<>(eval.getMetricsToDisplay());
    shown.remove(GroupFairnessMetric.NAME.toLowerCase());
    eval.setMetricsToDisplay(shown);
    assertFalse(eval.toSummaryString().contains("Group fairness"));
  }

  @Test
  void valueAndPositiveClassByIndexAndTheOtherGroupAsS() throws Exception {
    // S = sex M (value 2) is the hand case's R, so the group rates swap and the gaps stay.
    configure("1", "2", "2");
    Evaluation eval = evaluate(handCase());
    // R now holds the S rows of the hand case plus the missing-sex row (0.55, no: FP):
    // weight 6, errors 3: error 1/2; FPR 2/3; FNR 1/3. S = M rows without it: TP, TP, FN(2), TN, TN:
    // weight 6, error 2/6; FPR 0/2; FNR 2/4.
    double[] expected = {2.0 / 6, 3.0 / 6, 1.0 / 6, 3.0 / 6, 0, 2.0 / 3, 2.0 / 3, 2.0 / 4, 1.0 / 3, 1.0 / 6};
    assertHandStatistics(expected, name -> stat(eval, name));
  }

  @Test
  void positiveClassNoSwapsFprAndFnr() throws Exception {
    configure("sex", "F", "no");
    Evaluation eval = evaluate(handCase());
    // One-vs-rest with positive 'no': its FPR is the FNR of yes and vice versa; errors do not change.
    double[] swapped = {HAND[0], HAND[1], HAND[2], HAND[3], HAND[7], HAND[8], HAND[9], HAND[4], HAND[5], HAND[6]};
    assertHandStatistics(swapped, name -> stat(eval, name));
    assertTrue(eval.toSummaryString().contains("FP rate (no)"));
  }

  @Test
  void experimenterColumnsFromClassifierSplitEvaluator() throws Exception {
    configure("sex", "F", null);
    Instances data = handCase();
    ClassifierSplitEvaluator split = new ClassifierSplitEvaluator();
    split.setClassifier(new FixedProbabilityClassifier());
    List<String> names = Arrays.asList(split.getResultNames());
    Object[] types = split.getResultTypes();
    Object[] result = split.getResult(data, data);
    assertEquals(names.size(), result.length);
    assertHandStatistics(HAND, name -> {
      int i = names.indexOf(name);
      assertTrue(i >= 0, "no Experimenter column " + name + " in " + names);
      assertTrue(types[i] instanceof Double, name + " must be a numeric column");
      return (Double) result[i];
    });
  }

  @Test
  void unconfiguredStaysOutOfTheSummaryAndGivesMissingValues() throws Exception {
    Evaluation eval = evaluate(handCase());
    String summary = eval.toSummaryString();
    assertFalse(summary.contains("Group fairness"), "every evaluation carries the plugin; unset, it is silent: "
        + summary);
    for (String name : new GroupFairnessMetric().getStatisticNames()) {
      assertTrue(Utils.isMissingValue(stat(eval, name)), name);
    }
    // Weka's own statistics are unaffected.
    assertEquals(5.0 / 12, eval.errorRate(), 1e-12);
    assertTrue(summary.contains("Kappa statistic"), summary);
  }

  @Test
  void badSettingsNameTheKeyAndTheNominalAttributes() throws Exception {
    String[][] cases = {
        {"gender", "", "overparam.fairness.attribute 'gender' is neither an attribute name nor a 1-based index"},
        {"p", "", "overparam.fairness.attribute 'p' must be nominal, but it is numeric"},
        {"class", "", "overparam.fairness.attribute 'class' is the class attribute"},
        {"sex", "X", "overparam.fairness.value 'X' is neither a value nor a 1-based value index of attribute 'sex'"}};
    for (String[] c : cases) {
      configure(c[0], c[1], null);
      Evaluation eval = evaluate(handCase());
      String summary = eval.toSummaryString();
      assertTrue(summary.contains("Group fairness: not measured, " + c[2]), summary);
      assertTrue(summary.contains("Nominal attributes of this data: sex, race."), summary);
      assertTrue(Utils.isMissingValue(stat(eval, GroupFairnessMetric.ERROR_GAP)));
      assertEquals(5.0 / 12, eval.errorRate(), 1e-12);
    }
    System.setProperty(GroupFairnessSettings.VALUE, "");
    System.setProperty(GroupFairnessSettings.POSITIVE, "maybe");
    assertTrue(evaluate(handCase()).toSummaryString().contains(
        "overparam.fairness.positive 'maybe' is neither a value nor a 1-based value index of the class 'class'"));
  }

  @Test
  void anEmptyGroupIsReportedAndItsGapsAreMissing() throws Exception {
    System.setProperty(GroupFairnessSettings.ATTRIBUTE, "race");
    Instances data = handCase();
    data.removeIf(inst -> inst.value(1) == 0); // no race = a left: S (the first value) is empty
    Evaluation eval = evaluate(data);
    assertTrue(eval.toSummaryString().contains("Group S has no test instances"), eval.toSummaryString());
    assertTrue(Utils.isMissingValue(stat(eval, GroupFairnessMetric.ERROR_GAP)));
    assertTrue(Utils.isMissingValue(stat(eval, GroupFairnessMetric.WORST_ERROR)));
    assertFalse(Utils.isMissingValue(stat(eval, GroupFairnessMetric.ERROR_R)));
  }

  @Test
  void binaryRatesAgreeWithTheCommandLineToolOnAdult() throws Exception {
    Instances train = TestData.arff("adult-small-train.arff");
    Instances test = TestData.arff("adult-small-test.arff");
    configure("sex", "Female", null);
    Logistic logistic = new Logistic();
    logistic.buildClassifier(train);
    Evaluation eval = new Evaluation(train);
    eval.evaluateModel(logistic, test);
    // GroupFairnessEvaluation's rates at probability 0.5 (they differ only where P(>50K) is exactly 0.5).
    GroupMetrics tool = GroupScores.of(logistic, test,
        SensitiveAttribute.resolve(train, "-sensitive", "sex", "Female"), 1).atHalf();
    double[] expected = {tool.sensitive().error(), tool.reference().error(), tool.errorGap(), tool.worstGroupError(),
        tool.sensitive().fpr(), tool.reference().fpr(), tool.fprGap(), tool.sensitive().fnr(),
        tool.reference().fnr(), tool.fnrGap()};
    assertHandStatistics(expected, name -> stat(eval, name));
    assertTrue(tool.fnrGap() > 0.01, "a case with a visible gap: " + tool.fnrGap());
  }

  @Test
  void anExperimentWritesTheColumnsAndTheTesterComparesThem(@TempDir Path dir) throws Exception {
    configure("sex", "Female", null);
    File results = dir.resolve("results.arff").toFile();
    ClassifierSplitEvaluator evaluator = new ClassifierSplitEvaluator();
    BenchExperiments.run(new File(TestData.path("arff/adult-small-train.arff")), evaluator, "classifier",
        evaluator.getClassifier(), new Object[] {new ZeroR(), new J48()}, 1, results);
    Instances rows = DataSource.read(results.getPath());
    assertEquals(20, rows.numInstances(), "1 run x 10 folds x 2 schemes");
    for (String name : new GroupFairnessMetric().getStatisticNames()) {
      Attribute column = rows.attribute(name);
      assertNotNull(column, "no column " + name);
      assertTrue(column.isNumeric(), name);
      assertEquals(0, rows.attributeStats(column.index()).missingCount, name + " has missing values");
    }
    String table = BenchExperiments.tTest(results, GroupFairnessMetric.FNR_GAP);
    assertTrue(table.contains("rules.ZeroR") && table.contains("trees.J48"), table);
  }

  @Test
  void anEvaluationWithoutPredictionsSaysSoInsteadOfShowingEmptyGroups() throws Exception {
    System.setProperty(GroupFairnessSettings.ATTRIBUTE, "sex");
    AggregateableEvaluation merged = new AggregateableEvaluation(evaluate(handCase()));
    merged.aggregate(evaluate(handCase()));
    String summary = merged.toSummaryString();
    assertTrue(summary.contains("Group fairness: not measured, no prediction of an instance with a class value"),
        summary);
    assertTrue(Utils.isMissingValue(merged.getPluginMetric(GroupFairnessMetric.NAME)
        .getStatistic(GroupFairnessMetric.ERROR_S)));
  }

  @Test
  void aNegativeWeightStopsTheMetricNotWekasEvaluation() throws Exception {
    System.setProperty(GroupFairnessSettings.ATTRIBUTE, "sex");
    Instances data = handCase();
    data.instance(3).setWeight(-1);
    Evaluation eval = evaluate(data);
    assertTrue(eval.toSummaryString().contains("Group fairness: not measured, an instance has weight -1.0"),
        eval.toSummaryString());
    assertTrue(Utils.isMissingValue(stat(eval, GroupFairnessMetric.ERROR_S)));
  }

  @Test
  void worksWithoutAnEvaluationReadingTheHeaderOfTheFirstInstance() {
    configure("sex", "F", null);
    GroupFairnessMetric metric = new GroupFairnessMetric();
    Instances data = handCase();
    FixedProbabilityClassifier c = new FixedProbabilityClassifier();
    for (int i = 0; i < data.numInstances(); i++) {
      metric.updateStatsForClassifier(c.distributionForInstance(data.instance(i)), data.instance(i));
    }
    assertHandStatistics(HAND, metric::getStatistic);
  }

  @Test
  void unknownStatisticIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new GroupFairnessMetric().getStatistic("Fairness_gap"));
  }
}
