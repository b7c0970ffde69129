// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.overparam.testing.Serialization;
import weka.core.Instances;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.RemoveType;
import weka.overparam.MinDiffReport;
import weka.overparam.TestData;

/** MinDiffNetwork on a 1000-row sample of UCI Adult (sex, class >50K): errors, determinism, reports. */
class MinDiffNetworkBehaviourTest {
  private static Instances adult;

  @BeforeAll
  static void load() throws Exception {
    adult = TestData.arff("adult-small-train.arff");
  }

  /** A small, fast configuration on the sensitive attribute sex. */
  private static MinDiffNetwork small() {
    return MinDiffNetworkTest.small("sex", "8", 3, 100, 32);
  }

  @Test
  void aResumedRunReportsAgain() throws Exception {
    // the second build of a -resume run threw a NullPointerException: the group membership was dropped after the first
    MinDiffNetwork net = small();
    net.setResume(true);
    net.setValidationFraction(0.2);
    net.buildClassifier(adult);
    net.buildClassifier(adult);
    assertTrue(net.toString().contains("epochs trained: 6"), net.toString());
    assertTrue(net.toString().contains("Validation split, rates"), net.toString());
  }

  /** {@link #small()} with one change, trained on the adult sample. */
  private static MinDiffNetwork trained(Consumer<MinDiffNetwork> change) throws Exception {
    MinDiffNetwork net = small();
    change.accept(net);
    net.buildClassifier(adult);
    return net;
  }

  /** The defaults before the regularisers: all rows trained on, no L2. */
  private static void noValidation(MinDiffNetwork net) {
    net.setValidationFraction(0);
    net.setL2(0);
  }

  private static String buildError(MinDiffNetwork net, Instances data) {
    return assertThrows(IllegalArgumentException.class, () -> net.buildClassifier(data)).getMessage();
  }

  @Test
  void optionFlagsAreUnique() throws Exception {
    String[] flags = weka.overparam.OptionContract.flags(MinDiffNetwork.class);
    assertEquals(flags.length, new java.util.HashSet<>(java.util.Arrays.asList(flags)).size(),
        java.util.Arrays.toString(flags));
  }

  @Test
  void anUnsetSensitiveAttributeIsAnErrorListingTheNominalAttributes() {
    MinDiffNetwork net = small();
    net.setSensitiveAttribute("");
    String message = buildError(net, adult);
    assertTrue(message.contains("-sensitive-attribute is not set"), message);
    assertTrue(message.contains("sex [Female, Male]") || message.contains("sex [Male, Female]"), message);
    assertTrue(message.contains("workclass"), message);
  }

  @Test
  void badSensitiveSettingsAreClearErrors() {
    MinDiffNetwork net = small();
    net.setSensitiveAttribute("gender");
    assertTrue(buildError(net, adult).contains("sensitive-attribute 'gender'"));
    net.setSensitiveAttribute("age");
    assertTrue(buildError(net, adult).contains("'age' must be nominal"));
    net.setSensitiveAttribute("sex");
    net.setSensitiveValue("Other");
    assertTrue(buildError(net, adult).contains("sensitive-value 'Other'"));
  }

  @Test
  void groupWithoutTheChosenLabelIsAClearError() {
    Instances noRichWomen = new Instances(adult);
    noRichWomen.removeIf(i -> i.stringValue(noRichWomen.attribute("sex")).equals("Female")
        && i.stringValue(noRichWomen.classAttribute()).equals(">50K"));
    String msg = buildError(small(), noRichWomen);
    assertTrue(msg.contains("sensitive group (sex = Female) has no positive ('>50K') training instances"), msg);
    MinDiffNetwork negatives = small();
    negatives.setMindiffLabel(org.overparam.mindiff.MinDiffLabel.NEGATIVE);
    assertTrue(assertDoesNotThrowBuild(negatives, noRichWomen).getReport().active(),
        "with NEGATIVE the MinDiff batches need negatives only");
  }

  private static MinDiffNetwork assertDoesNotThrowBuild(MinDiffNetwork net, Instances data) {
    try {
      net.buildClassifier(data);
    } catch (Exception e) {
      throw new AssertionError("build failed: " + e.getMessage(), e);
    }
    return net;
  }

  @Test
  void nonBinaryClassNeedsAPositiveClass() throws Exception {
    Instances race = new Instances(adult);
    race.setClassIndex(race.attribute("race").index());
    assertTrue(buildError(small(), race).contains("set -positive-class"));
    MinDiffNetwork oneVsRest = small();
    oneVsRest.setPositiveClass("White");
    oneVsRest.buildClassifier(race);
    double[] p = oneVsRest.distributionForInstance(race.instance(0));
    assertEquals(5, p.length);
    assertEquals(1.0, p[0] + p[1] + p[2] + p[3] + p[4], 1e-9);
    assertTrue(oneVsRest.toString().contains("Positive class: White"));
  }

  @Test
  void sameSeedGivesIdenticalModelsAndSerializationKeepsPredictions() throws Exception {
    MinDiffNetwork a = trained(net -> net.setFloodLevel(0.3));
    MinDiffNetwork b = trained(net -> net.setFloodLevel(0.3));
    assertArrayEquals(a.getModel().parameters(), b.getModel().parameters(), 0.0);
    assertEquals(a.getReport().trainMmd(), b.getReport().trainMmd());

    MinDiffNetwork copy = Serialization.roundTrip(a);
    assertArrayEquals(a.distributionsForInstances(adult)[7], copy.distributionsForInstances(adult)[7], 0.0);
    assertEquals(a.toString(), copy.toString());
  }

  @Test
  void earlyStoppingRestoresTheBestConstrainedValidationError() throws Exception {
    MinDiffNetwork net = small();
    net.setEpochs(6);
    net.setValidationFraction(0.3);
    net.setPatience(10);
    net.buildClassifier(adult);
    MinDiffReport r = net.getReport();
    assertEquals(6, r.validationError().size());
    double best = Collections.min(r.validationError());
    assertEquals(best, r.validationChoice().error(), 1e-9, "the restored weights reproduce the best epoch's score");
    assertTrue(r.validationChoice().gap() <= 0.01);
    assertTrue(net.toString().contains("Early stopping selected epoch " + r.bestEpoch()));
  }

  /**
   * The case that showed the limitation (docs/guide-mindiff.md, before the tie-break): 300 separable
   * rows, where the constrained validation error is 0 from an early epoch on. Early stopping used to keep
   * the first such epoch, under-trained (97.7% test accuracy against 100% without the split); among
   * epochs with the same error it now keeps the one with the lowest validation cross-entropy.
   */
  @Test
  void amongEquallyGoodEpochsEarlyStoppingKeepsTheBetterFittedOne() throws Exception {
    MinDiffNetwork net = new MinDiffNetwork(); // the defaults: -validation-fraction 0.2 -patience 10
    net.setOptions(weka.core.Utils.splitOptions("-epochs 30 -hidden-layers 64 -sensitive-attribute grp "
        + "-sensitive-value a"));
    net.buildClassifier(separable(300, 1));
    MinDiffReport r = net.getReport();
    int firstLowest = org.overparam.nn.EpochSelection.select(r.validationError(), null);
    double lowest = r.validationError().get(firstLowest - 1);
    assertEquals(0.0, lowest, "the constrained validation error reaches 0");
    assertTrue(r.bestEpoch() > firstLowest, "selected " + r.bestEpoch() + ", first epoch at 0: " + firstLowest);
    assertEquals(lowest, r.validationError().get(r.bestEpoch() - 1), 0.0, "as fair and accurate on the split");
    assertTrue(r.validationLoss().get(r.bestEpoch() - 1) < r.validationLoss().get(firstLowest - 1));
    for (int e = 0; e < r.validationError().size(); e++) {
      if (r.validationError().get(e) == lowest) {
        assertTrue(r.validationLoss().get(e) >= r.validationLoss().get(r.bestEpoch() - 1), "epoch " + (e + 1));
      }
    }
    String text = net.toString();
    assertTrue(text.contains("Early stopping selected epoch " + r.bestEpoch() + " (lowest constrained validation "
        + "error; among equal ones, lowest validation cross-entropy)"), text);
    assertTrue(text.contains("best epoch " + r.bestEpoch()), "the trainer restored the same epoch: " + text);
    Instances test = separable(300, 2);
    int right = 0;
    for (int i = 0; i < test.numInstances(); i++) {
      right += net.classifyInstance(test.instance(i)) == test.instance(i).classValue() ? 1 : 0;
    }
    assertTrue(right >= 297, "test accuracy " + right + "/300 (the first epoch at 0 reached 97.7%)");
  }

  /**
   * Class pos iff x &gt; 0 (|x| &gt;= 0.05), a noise attribute z and a random group grp {a, b}: the table
   * of the bad-input suite's numeric cases, drawn the same way.
   */
  static Instances separable(int n, long seed) {
    java.util.ArrayList<weka.core.Attribute> atts = new java.util.ArrayList<>();
    atts.add(new weka.core.Attribute("x"));
    atts.add(new weka.core.Attribute("z"));
    atts.add(new weka.core.Attribute("grp", java.util.List.of("a", "b")));
    atts.add(new weka.core.Attribute("class", java.util.List.of("neg", "pos")));
    Instances d = new Instances("separable", atts, n);
    d.setClassIndex(3);
    java.util.Random r = new java.util.Random(seed);
    for (int i = 0; i < n; i++) {
      double x;
      do {
        x = r.nextDouble() * 2 - 1;
      } while (Math.abs(x) < 0.05);
      d.add(new weka.core.DenseInstance(1, new double[] {x, r.nextGaussian(), r.nextInt(2), x > 0 ? 1 : 0}));
    }
    return d;
  }

  @Test
  void groupConstrainedDecisionThresholdsShiftEachGroupsScore() throws Exception {
    MinDiffNetwork plain = trained(net -> net.setValidationFraction(0.3));
    MinDiffNetwork shifted = trained(net -> {
      net.setValidationFraction(0.3);
      net.setDecisionThresholds(org.overparam.mindiff.DecisionThresholds.GROUP_CONSTRAINED);
    });
    org.overparam.mindiff.ThresholdSearch.Choice c = shifted.getReport().validationChoice();
    assertTrue(c.feasible());
    double[][] p = plain.distributionsForInstances(adult);
    double[][] q = shifted.distributionsForInstances(adult);
    for (int i = 0; i < 50; i++) {
      boolean female = adult.instance(i).stringValue(adult.attribute("sex")).equals("Female");
      double z = Math.log(p[i][1]) - Math.log1p(-p[i][1]) - (female ? c.tauS() : c.tauR());
      assertEquals(1 / (1 + Math.exp(-z)), q[i][1], 1e-9, "instance " + i);
      assertEquals(1.0, q[i][0] + q[i][1], 1e-12);
      assertArrayEquals(q[i], shifted.distributionForInstance(adult.instance(i)), 1e-12);
    }
    assertTrue(shifted.toString().contains("Predictions use the group thresholds"));
    MinDiffNetwork noSplit = small();
    noSplit.setValidationFraction(0);
    noSplit.setDecisionThresholds(org.overparam.mindiff.DecisionThresholds.GROUP_CONSTRAINED);
    assertTrue(buildError(noSplit, adult).contains("validation-fraction"));
  }

  @Test
  void byDefaultL2AndAValidationSplitRegulariseMinDiff() throws Exception {
    MinDiffNetwork fresh = new MinDiffNetwork();
    assertEquals(0.01, fresh.getL2(), 0.0);
    assertEquals(0.2, fresh.getValidationFraction(), 0.0);
    assertEquals(0.01, fresh.networkConfig().l2(), 0.0, "the default reaches the training configuration");
    MinDiffNetwork net = trained(n -> {});
    MinDiffReport r = net.getReport();
    assertEquals(3, r.validationError().size(), "the constrained validation error is scored every epoch");
    assertTrue(r.validationChoice().feasible());
    String text = net.toString();
    assertTrue(text.contains("Early stopping selected epoch " + r.bestEpoch()), text);

    MinDiffNetwork noSplit = small();
    noSplit.setValidationFraction(0);
    noSplit.buildClassifier(adult);
    assertTrue(noSplit.getReport().validationError().isEmpty(), "0 turns the split off");
  }

  @Test
  void reportShowsTrainingMmdAndGroupRates() throws Exception {
    MinDiffNetwork net = small();
    net.buildClassifier(adult);
    MinDiffReport r = net.getReport();
    assertTrue(r.active());
    assertEquals(3, r.trainMmd().size());
    assertTrue(r.trainMmd().stream().allMatch(m -> m >= 0 && Double.isFinite(m)));
    assertTrue(r.train().sensitive().weight() > 0 && r.train().reference().weight() > 0);
    String text = net.toString();
    assertTrue(text.contains("S = {sex = Female}"), text);
    assertTrue(text.contains("train MMD"), text);
    assertTrue(text.contains("sex is not a network input"), text);

    MinDiffNetwork withSex = trained(n -> {
      n.setSensitiveAsInput(true);
      n.setEpochs(1);
    });
    assertEquals(net.getModel().numInputs() + 2, withSex.getModel().numInputs(), "sex one-hot: 2 more inputs");
    assertTrue(withSex.toString().contains("sex is a network input"));
  }

  @Test
  void composesWithItopSparsity() throws Exception {
    MinDiffNetwork net = trained(n -> {
      n.setSparsity(0.5);
      n.setNumTopologyUpdates(2);
    });
    assertTrue(net.getItopReport() != null, "sparse training ran");
    assertTrue(net.getReport().trainMmd().size() == 3 && net.getReport().active());
  }

  @Test
  void withoutANominalAttributeTheDefaultSwitchesMinDiffOff() throws Exception {
    RemoveType numericOnly = new RemoveType();
    numericOnly.setOptions(new String[] {"-T", "nominal"});
    Instances unchanged = new Instances(adult);
    unchanged.setClassIndex(-1);
    numericOnly.setInputFormat(unchanged);
    Instances numeric = Filter.useFilter(unchanged, numericOnly);
    numeric.insertAttributeAt(adult.classAttribute().copy("income"), numeric.numAttributes());
    for (int i = 0; i < numeric.numInstances(); i++) {
      numeric.instance(i).setValue(numeric.numAttributes() - 1, adult.instance(i).classValue());
    }
    numeric.setClassIndex(numeric.numAttributes() - 1);
    MinDiffNetwork net = small();
    net.setSensitiveAttribute("first");
    net.buildClassifier(numeric);
    assertFalse(net.getReport().active());
    assertTrue(net.toString().contains("MinDiff is INACTIVE"));
    net.setSensitiveAttribute("1");
    assertTrue(buildError(net, numeric).contains("must be nominal"), "an explicit choice never falls back");
  }

  @Test
  void minDiffShrinksTheTrainingFnrGap() throws Exception {
    // All rows, no early stopping: the training gap of the final weights is what MinDiff acts on.
    MinDiffNetwork plain = trained(net -> {
      net.setLambda(0);
      net.setEpochs(8);
      noValidation(net);
    });
    MinDiffNetwork fair = trained(net -> {
      net.setLambda(10);
      net.setEpochs(8);
      noValidation(net);
    });
    double gapPlain = plain.getReport().train().fnrGap();
    double gapFair = fair.getReport().train().fnrGap();
    assertTrue(gapFair < gapPlain - 0.05, "FNR gap plain " + gapPlain + ", MinDiff " + gapFair);
  }
}
