// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.overparam.mindiff.GroupMetrics;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.Logistic;
import weka.core.Instances;

class GroupFairnessEvaluationTest {
  private static final String TRAIN = TestData.path("arff/adult-small-train.arff");
  private static final String TEST = TestData.path("arff/adult-small-test.arff");

  private static String run(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    GroupFairnessEvaluation.evaluate(GroupFairnessEvaluation.parse(args),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no match for " + regex + " in\n" + text);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void reportsWekaAccuracyAndGroupRatesOfAStockClassifier() throws Exception {
    // With -V the classifier is trained on the whole training file, as Weka's own Evaluation does.
    String out = run("-t", TRAIN, "-T", TEST, "-V", TRAIN, "-sensitive", "sex", "-sensitive-value", "Female",
        "-positive-class", ">50K", "-W", "weka.classifiers.functions.Logistic");
    Instances train = GroupFairnessEvaluation.load(TRAIN, "last");
    Instances test = GroupFairnessEvaluation.load(TEST, "last");
    Logistic logistic = new Logistic();
    logistic.buildClassifier(train);
    Evaluation eval = new Evaluation(train);
    eval.evaluateModel(logistic, test);
    assertEquals(eval.pctCorrect() / 100, number(out, "Accuracy \\(arg-max\\):\\s+([0-9.]+)"), 1e-4);

    SensitiveAttribute sex = SensitiveAttribute.resolve(train, "-sensitive", "sex", "Female");
    GroupMetrics m = GroupScores.of(logistic, test, sex, 1).atHalf();
    assertEquals(m.sensitive().fnr(), number(out, "FNR\\s+[0-9.]+\\s+([0-9.]+)"), 1e-4);
    assertEquals(m.fnrGap(), number(out, "FNR\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+\\s+([0-9.]+)"), 1e-4);
    double constrained = number(out, "test:\\s+error ([0-9.]+)");
    assertTrue(constrained >= 0 && constrained < 0.5, out);
    assertTrue(number(out, "selection: error [0-9.]+ .*FNR gap ([0-9.]+)") <= 0.01, out);
  }

  @Test
  void worksWithJ48AndAHoldOut() throws Exception {
    String out = run("-t", TRAIN, "-T", TEST, "-sensitive", "10", "-rate", "FPR", "-W",
        "weka.classifiers.trees.J48", "--", "-M", "5");
    assertTrue(out.contains("S = {sex = Female}"), out);
    double trained = number(out, "Trained on:\\s+(\\d+) instances");
    assertTrue(Math.abs(trained - 800) <= 2, "80% of 1000 per (group, class) cell, rounded: " + trained);
    assertTrue(out.contains("equalised rate: FPR"), out);
  }

  @Test
  void evaluatesASavedModel(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Instances train = GroupFairnessEvaluation.load(TRAIN, "last");
    weka.classifiers.trees.J48 j48 = new weka.classifiers.trees.J48();
    j48.buildClassifier(train);
    String file = dir.resolve("j48.model").toString();
    weka.core.SerializationHelper.write(file, j48);
    String saved = run("-l", file, "-T", TEST, "-V", TRAIN, "-sensitive", "sex");
    String trained = run("-t", TRAIN, "-T", TEST, "-V", TRAIN, "-sensitive", "sex", "-W", "weka.classifiers.trees.J48");
    assertTrue(saved.contains("saved model"), saved);
    assertEquals(saved.substring(saved.indexOf("Accuracy")), trained.substring(trained.indexOf("Accuracy")));
    assertTrue(run("-l", file, "-T", TEST, "-sensitive", "sex").contains("TEST set itself"));
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run("-t", TRAIN, "-T", TEST, "-sensitive", "gender", "-W", "weka.classifiers.rules.ZeroR"));
    assertTrue(e.getMessage().contains("-sensitive 'gender'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> run("-t", TRAIN, "-T", TEST, "-sensitive", "age", "-W", "weka.classifiers.rules.ZeroR"));
    assertTrue(e.getMessage().contains("must be nominal"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> run("-t", TRAIN, "-T", TEST, "-sensitive", "sex",
        "-sensitive-value", "Other", "-W", "weka.classifiers.rules.ZeroR"));
    assertTrue(e.getMessage().contains("sensitive-value 'Other'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> run("-t", TRAIN, "-T", TEST, "-c", "9",
        "-sensitive", "sex", "-W", "weka.classifiers.rules.ZeroR"));
    assertTrue(e.getMessage().contains("positive-class"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> run("-t", TRAIN, "-sensitive", "sex"));
    assertTrue(e.getMessage().contains("-T"), e.getMessage());
  }

  @Test
  void holdOutIsStratifiedByGroupAndClass() throws Exception {
    Instances train = GroupFairnessEvaluation.load(TRAIN, "last");
    SensitiveAttribute sex = SensitiveAttribute.resolve(train, "-sensitive", "sex", "1");
    Instances[] split = GroupFairnessEvaluation.holdOut(train, sex, 0.2, 1);
    assertEquals(train.numInstances(), split[0].numInstances() + split[1].numInstances());
    for (boolean s : new boolean[] {true, false}) {
      for (int y = 0; y < 2; y++) {
        int all = count(train, sex, s, y);
        assertEquals(Math.round(0.2 * all), count(split[1], sex, s, y), "cell " + s + "/" + y);
      }
    }
  }

  private static int count(Instances d, SensitiveAttribute sa, boolean s, int y) {
    int c = 0;
    for (int i = 0; i < d.numInstances(); i++) {
      c += sa.isSensitive(d.instance(i)) == s && (int) d.instance(i).classValue() == y ? 1 : 0;
    }
    return c;
  }
}
