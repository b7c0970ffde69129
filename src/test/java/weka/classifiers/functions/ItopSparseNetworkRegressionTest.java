// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.overparam.common.TrainingHistory;
import org.overparam.nn.ExecutionMode;
import org.overparam.testing.Serialization;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;
import weka.overparam.TestData;

/** ItopSparseNetwork with a numeric class: regression on the standardised class. */
class ItopSparseNetworkRegressionTest {
  static ItopSparseNetwork net(double sparsity) {
    ItopSparseNetwork n = new ItopSparseNetwork();
    n.setHiddenLayers("32");
    n.setEpochs(60);
    n.setBatchSizeTrain(16);
    n.setLearningRate(0.01);
    n.setSparsity(sparsity);
    n.setNumTopologyUpdates(10);
    return n;
  }

  static Evaluation crossValidate(Classifier c, Instances data) throws Exception {
    Evaluation e = new Evaluation(data);
    e.crossValidateModel(c, data, 3, new Random(1));
    return e;
  }

  /** Beats the mean predictor clearly on cpu.arff (3-fold CV), dense, masked-dense sparse and sparse engine. */
  @Test
  void learnsCpuPerformance() throws Exception {
    Instances cpu = TestData.arff("cpu.arff");
    ItopSparseNetwork sparseEngine = net(0.9);
    sparseEngine.setSparseExecution(ExecutionMode.SPARSE);
    ItopSparseNetwork maskedDense = net(0.9);
    maskedDense.setSparseExecution(ExecutionMode.DENSE);
    for (ItopSparseNetwork n : new ItopSparseNetwork[] {net(0), maskedDense, sparseEngine}) {
      Evaluation e = crossValidate(n, cpu);
      String what = n.getSparsity() + " " + n.getSparseExecution() + ": " + e.toSummaryString();
      assertTrue(e.correlationCoefficient() > 0.8, what);
      assertTrue(e.rootRelativeSquaredError() < 60, what); // RMSE below 60% of the mean predictor's
    }
  }

  @Test
  void predictsInTheClassUnitAndDescribesItself() throws Exception {
    Instances cpu = TestData.arff("cpu.arff");
    ItopSparseNetwork n = net(0.5);
    n.setValidationFraction(0.2);
    n.buildClassifier(cpu);
    Instance first = cpu.instance(0);
    double[] d = n.distributionForInstance(first);
    assertEquals(1, d.length);
    assertEquals(d[0], n.classifyInstance(first));
    double[][] batch = n.distributionsForInstances(cpu);
    assertEquals(d[0], batch[0][0], 1e-5 * Math.abs(d[0])); // float32: one row and a batch round differently
    Evaluation e = new Evaluation(cpu);
    e.evaluateModel(n, cpu);
    assertTrue(e.correlationCoefficient() > 0.85, e.toSummaryString()); // in the class unit, else far off
    assertNull(n.getCollapse(), "the collapse guard's class rules must not fire for regression");
    TrainingHistory h = n.trainingHistory().get(0);
    assertTrue(h.has("RMSE/training") && h.has("RMSE/validation") && h.has("loss/validation"), h.columns().toString());
    assertFalse(h.has("accuracy/training") || h.has("accuracy/validation"), h.columns().toString());
    String text = n.toString();
    assertTrue(text.contains("1 output (regression"), text);
    assertTrue(text.contains("training RMSE"), text);
  }

  @Test
  void capabilities() {
    assertTrue(new ItopSparseNetwork().getCapabilities().handles(Capability.NUMERIC_CLASS));
    assertFalse(new SopRobustNetwork().getCapabilities().handles(Capability.NUMERIC_CLASS));
    assertFalse(new MinDiffNetwork().getCapabilities().handles(Capability.NUMERIC_CLASS));
  }

  @Test
  void sopAndMinDiffExplainWhyNot() throws Exception {
    Instances cpu = TestData.arff("cpu.arff");
    Exception sop = assertThrows(Exception.class, () -> new SopRobustNetwork().buildClassifier(cpu));
    assertTrue(sop.getMessage().contains("numeric class") && sop.getMessage().contains("label noise"),
        sop.getMessage());
    MinDiffNetwork md = new MinDiffNetwork();
    md.setOptions(Utils.splitOptions("-sensitive-attribute first"));
    Exception mindiff = assertThrows(Exception.class, () -> md.buildClassifier(cpu));
    assertTrue(mindiff.getMessage().contains("numeric class") && mindiff.getMessage().contains("false negative"),
        mindiff.getMessage());
  }

  /** Serialization keeps the model; the same seed gives the same model bit for bit, in both engines. */
  @Test
  void serializesAndIsDeterministic() throws Exception {
    Instances cpu = TestData.arff("cpu.arff");
    for (ExecutionMode mode : new ExecutionMode[] {ExecutionMode.DENSE, ExecutionMode.SPARSE}) {
      ItopSparseNetwork a = net(0.9);
      a.setEpochs(10);
      a.setSparseExecution(mode);
      a.buildClassifier(cpu);
      ItopSparseNetwork b = net(0.9);
      b.setEpochs(10);
      b.setSparseExecution(mode);
      b.buildClassifier(cpu);
      assertArrayEquals(a.getModel().parameters(), b.getModel().parameters(), 0.0, mode.toString());
      ItopSparseNetwork copy = Serialization.roundTrip(a);
      assertArrayEquals(a.distributionsForInstances(cpu), copy.distributionsForInstances(cpu));
    }
  }

  /** Rows with a missing class are dropped, so they change nothing. */
  @Test
  void missingClassValuesAreDropped() throws Exception {
    Instances cpu = TestData.arff("cpu.arff");
    Instances withMissing = new Instances(cpu);
    Instances copy = new Instances(cpu, 0);
    for (int i = 0; i < cpu.numInstances(); i++) {
      copy.add(cpu.instance(i));
      if (i % 10 == 0) {
        Instance m = (Instance) cpu.instance(i).copy();
        m.setClassMissing();
        withMissing.add(m);
      }
    }
    ItopSparseNetwork a = net(0.5);
    a.setEpochs(5);
    a.buildClassifier(copy);
    ItopSparseNetwork b = net(0.5);
    b.setEpochs(5);
    b.buildClassifier(withMissing);
    assertArrayEquals(a.getModel().parameters(), b.getModel().parameters(), 0.0);
  }

  @Test
  void badTargets() throws Exception {
    Instances cpu = TestData.arff("cpu.arff");
    Instances constant = new Instances(cpu);
    constant.forEach(i -> i.setClassValue(42));
    Exception c = assertThrows(IllegalArgumentException.class, () -> net(0.5).buildClassifier(constant));
    assertTrue(c.getMessage().contains("constant") && c.getMessage().contains("class"), c.getMessage());
    Instances infinite = new Instances(cpu);
    infinite.instance(4).setClassValue(Double.POSITIVE_INFINITY);
    Exception inf = assertThrows(IllegalArgumentException.class, () -> net(0.5).buildClassifier(infinite));
    assertTrue(inf.getMessage().contains("finite") && inf.getMessage().contains("instance 5"), inf.getMessage());
  }

  @Test
  void divergenceNamesTheRegressionRemedies() throws Exception {
    ItopSparseNetwork n = net(0);
    n.setLearningRate(1e9);
    n.setEpochs(3);
    Exception e = assertThrows(ArithmeticException.class, () -> n.buildClassifier(TestData.arff("cpu.arff")));
    assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains("numeric class")
        && e.getMessage().contains("clipping"), e.getMessage());
  }

  /**
   * The default gradient clip is automatic: the dense network at every other default diverged on cpu.arff
   * (loss 2515 at epoch 4) and now trains, as with an explicit {@code -gradient-clip 5}; a nominal class
   * is not clipped by default.
   */
  @Test
  void theDefaultClipIsFiveForANumericClassAndNoneForANominalOne() throws Exception {
    Instances cpu = TestData.arff("cpu.arff");
    ItopSparseNetwork auto = new ItopSparseNetwork();
    auto.setOptions(new String[] {"-sparsity", "0", "-epochs", "10"});
    assertEquals(-1, auto.getGradientClip(), 0);
    ItopSparseNetwork five = (ItopSparseNetwork) AbstractClassifier.makeCopy(auto);
    five.setGradientClip(5);
    auto.buildClassifier(cpu);
    five.buildClassifier(cpu);
    assertArrayEquals(auto.getModel().parameters(), five.getModel().parameters());
    assertTrue(auto.toString().contains("gradient clipped at norm 5.0, automatic"), auto.toString());
    assertFalse(five.toString().contains("automatic"), five.toString());

    Instances iris = TestData.arff("iris.arff");
    ItopSparseNetwork nominal = new ItopSparseNetwork();
    nominal.setOptions(new String[] {"-hidden-layers", "16", "-epochs", "5"});
    ItopSparseNetwork none = (ItopSparseNetwork) AbstractClassifier.makeCopy(nominal);
    none.setGradientClip(0);
    nominal.buildClassifier(iris);
    none.buildClassifier(iris);
    assertArrayEquals(nominal.getModel().parameters(), none.getModel().parameters());
  }

  /** Standardisation makes an offset of 1e12 or a scale of 1e12 irrelevant (float64 training). */
  @Test
  void extremeMagnitudes() throws Exception {
    Instances cpu = TestData.arff("cpu.arff");
    double[] plain = trainAndPredict(cpu);
    double sd = Utils.variance(cpu.attributeToDoubleArray(cpu.classIndex()));
    sd = Math.sqrt(sd);
    Instances offset = new Instances(cpu);
    offset.forEach(i -> i.setClassValue(i.classValue() + 1e12));
    double[] shifted = trainAndPredict(offset);
    Instances scaled = new Instances(cpu);
    scaled.forEach(i -> i.setClassValue(i.classValue() * 1e12));
    double[] large = trainAndPredict(scaled);
    for (int i = 0; i < plain.length; i++) {
      assertEquals(plain[i], shifted[i] - 1e12, 1e-3 * sd, "offset, row " + i);
      assertEquals(plain[i], large[i] / 1e12, 1e-3 * sd, "scale, row " + i);
    }
  }

  private static double[] trainAndPredict(Instances data) throws Exception {
    ItopSparseNetwork n = net(0.5);
    n.setEpochs(10);
    n.setDataType(AbstractNetworkClassifier.Precision.DOUBLE);
    n.buildClassifier(data);
    double[] p = new double[data.numInstances()];
    for (int i = 0; i < p.length; i++) {
      p[i] = n.classifyInstance(data.instance(i));
    }
    return p;
  }
}
