// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.overparam.kgd.FeatureMode;
import org.overparam.kgd.StopRule;
import org.overparam.testing.Serialization;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.Option;
import weka.core.Utils;
import weka.overparam.TestData;

/** The adapter's contracts: determinism, serialization, bad input, options, accuracy floors. */
class OverparameterizedKernelGDContractTest {
  private static double[] predictions(OverparameterizedKernelGD learner, Instances data) throws Exception {
    double[] p = new double[data.numInstances()];
    for (int i = 0; i < p.length; i++) {
      p[i] = learner.classifyInstance(data.instance(i));
    }
    return p;
  }

  @Test
  void sameSeedGivesBitIdenticalModels() throws Exception {
    Instances data = TestData.arff("servo.arff");
    OverparameterizedKernelGD a = new OverparameterizedKernelGD();
    OverparameterizedKernelGD b = new OverparameterizedKernelGD();
    a.buildClassifier(data);
    b.buildClassifier(data);
    assertArrayEquals(a.getModel().weights(), b.getModel().weights(), 0.0);
    assertArrayEquals(predictions(a, data), predictions(b, data), 0.0);
    a.setFeatures(FeatureMode.RANDOM_FOURIER);
    b.setFeatures(FeatureMode.RANDOM_FOURIER);
    a.buildClassifier(data);
    b.buildClassifier(data);
    assertArrayEquals(predictions(a, data), predictions(b, data), 0.0);
  }

  @Test
  void serializationRoundTripKeepsPredictions() throws Exception {
    Instances data = TestData.arff("cpu.arff");
    OverparameterizedKernelGD learner = new OverparameterizedKernelGD();
    learner.buildClassifier(data);
    OverparameterizedKernelGD copy = Serialization.roundTrip(learner);
    assertArrayEquals(predictions(learner, data), predictions(copy, data), 0.0);
    assertEquals(learner.toString(), copy.toString());
  }

  @Test
  void badInputIsRejectedClearly() throws Exception {
    OverparameterizedKernelGD learner = new OverparameterizedKernelGD();
    Exception nominal = assertThrows(Exception.class, () -> learner.buildClassifier(TestData.arff("iris.arff")));
    assertTrue(nominal.getMessage().toLowerCase().contains("class"), nominal.getMessage());

    Instances cpu = TestData.arff("cpu.arff");
    Instances single = new Instances(cpu, 0, 1);
    Exception one = assertThrows(IllegalArgumentException.class, () -> learner.buildClassifier(single));
    assertTrue(one.getMessage().contains("at least"), one.getMessage());

    Instances constant = new Instances(cpu);
    constant.forEach(row -> row.setClassValue(42));
    Exception flat = assertThrows(IllegalArgumentException.class, () -> learner.buildClassifier(constant));
    assertTrue(flat.getMessage().contains("constant"), flat.getMessage());

    Instances infinite = new Instances(cpu);
    infinite.instance(3).setValue(0, Double.POSITIVE_INFINITY);
    Exception inf = assertThrows(IllegalArgumentException.class, () -> learner.buildClassifier(infinite));
    assertTrue(inf.getMessage().contains("infinite") && inf.getMessage().contains("MYCT"), inf.getMessage());

    learner.setTime(-1);
    learner.setStop(StopRule.FIXED);
    Exception option = assertThrows(IllegalArgumentException.class, () -> learner.buildClassifier(cpu));
    assertTrue(option.getMessage().contains("time"), option.getMessage());
  }

  @Test
  void missingValuesAreImputedNotRejected() throws Exception {
    Instances cpu = TestData.arff("cpu.arff");
    Instances holes = new Instances(cpu);
    holes.instance(0).setMissing(1);
    holes.instance(5).setClassMissing();
    OverparameterizedKernelGD learner = new OverparameterizedKernelGD();
    learner.buildClassifier(holes);
    assertTrue(Double.isFinite(learner.classifyInstance(holes.instance(0))));
    assertEquals(cpu.numInstances() - 1, learner.getModel().summary().n(), "the row without class is dropped");
  }

  @Test
  void optionFlagsAreUniqueAndRoundTrip() throws Exception {
    OverparameterizedKernelGD learner = new OverparameterizedKernelGD();
    Set<String> names = new HashSet<>();
    for (Option option : Collections.list(learner.listOptions())) {
      assertTrue(names.add(option.name()), "duplicate flag -" + option.name());
    }
    learner.setOptions(Utils.splitOptions("-kernel LAPLACE -depth 2 -stop THEORY -baseline -no-refit -S 7"));
    OverparameterizedKernelGD copy = new OverparameterizedKernelGD();
    copy.setOptions(learner.getOptions());
    assertEquals(learner.toConfig(), copy.toConfig());
    OverparameterizedKernelGD fresh = new OverparameterizedKernelGD();
    fresh.setOptions(new String[0]);
    assertEquals(new OverparameterizedKernelGD().toConfig(), fresh.toConfig());
  }

  @Test
  void theNoiseLevelIsNotBelowTheHeldOutError() throws Exception {
    // On cpu the pilot ridge's GCV took sigma = 22 while the held-out RMSE is about 71: a horizon and a
    // b0 for a nearly noise-free target. The held-out residuals now bound the estimate below.
    OverparameterizedKernelGD learner = new OverparameterizedKernelGD();
    learner.setOptions(new String[] {"-depth", "2"});
    learner.buildClassifier(TestData.arff("cpu.arff"));
    org.overparam.kgd.FitSummary s = learner.getModel().summary();
    double heldOutRmse = Math.sqrt(s.validation().mse()[s.validation().best()]);
    assertTrue(s.sigma() > 0.5 * heldOutRmse, "sigma " + s.sigma() + ", held-out RMSE " + heldOutRmse);
    assertTrue(learner.toString().contains("Note:                      noise level: the held-out residuals"),
        learner.toString());
  }

  @Test
  void toStringShowsStoppingTimeAndComponents() throws Exception {
    OverparameterizedKernelGD learner = new OverparameterizedKernelGD();
    learner.buildClassifier(TestData.arff("cpu.arff"));
    String text = learner.toString();
    for (String expected : new String[] {"Stopping time t", "Depth D / b0", "Validation MSE at t*", "Training MSE",
        "Top components", "learned"}) {
      assertTrue(text.contains(expected), "missing '" + expected + "' in\n" + text);
    }
  }

  @Test
  void aStoppingTimeAtTheGridsEndHasNoValueNearTwiceIt() throws Exception {
    // cpu with the defaults: t* is the last checkpoint, and the line for 2t* used to repeat t*'s own MSE and time
    OverparameterizedKernelGD learner = new OverparameterizedKernelGD();
    learner.buildClassifier(TestData.arff("cpu.arff"));
    org.overparam.kgd.FitSummary.ValidationCurve curve = learner.getModel().summary().validation();
    assertEquals(curve.times().length - 1, curve.best(), "t* at the grid's end");
    String text = learner.toString();
    assertTrue(text.contains("Validation MSE near 2t*:   none: 2t* = "), text);
    assertTrue(text.contains("lies beyond the grid's end"), text);
    assertTrue(java.util.regex.Pattern.compile("Validation MSE near t\\*/2: +[0-9]").matcher(text).find(), text);
  }

  /** Floors well above ZeroR (relative RMSE 100%) and below what the method reaches (see README). */
  @Test
  void crossValidatedAccuracyFloors() throws Exception {
    Instances cpu = TestData.arff("cpu.arff");
    Evaluation eval = new Evaluation(cpu);
    eval.crossValidateModel(new OverparameterizedKernelGD(), cpu, 5, new Random(1));
    assertTrue(eval.rootRelativeSquaredError() < 70, "cpu RRSE " + eval.rootRelativeSquaredError());

    Instances servo = TestData.arff("servo.arff");
    Evaluation servoEval = new Evaluation(servo);
    OverparameterizedKernelGD randomFeatures = new OverparameterizedKernelGD();
    randomFeatures.setFeatures(FeatureMode.RANDOM_FOURIER);
    servoEval.crossValidateModel(randomFeatures, servo, 5, new Random(1));
    assertTrue(servoEval.rootRelativeSquaredError() < 60, "servo RRSE " + servoEval.rootRelativeSquaredError());
  }
}
