// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Stopping rules, solvers and input checks of the trainer. */
class KgdTrainerTest {
  private final double[][] x = KgdTestData.x(80, 2, 11);
  private final double[] y = KgdTestData.y(x, 0.2, 11);

  private KgdModel fit(KgdConfig config) throws InterruptedException {
    return new KgdTrainer(config, null).fit(x, y);
  }

  @Test
  void modelTextRoundsKernelParametersToSixDigits() {
    assertEquals("RBF (gamma = 0.166667)", new Kernel(KernelType.RBF, 1.0 / 6, 2).toString());
    assertEquals("POLYNOMIAL (gamma = 0.5, degree = 3)", new Kernel(KernelType.POLYNOMIAL, 0.5, 3).toString());
    assertEquals("903.943", Kernel.sixDigits(903.9426381449146));
  }

  @Test
  void closedFormAndDiscreteGdAgreeForDepthZero() throws InterruptedException {
    KgdConfig exact = KgdTestData.fixed(30, 0, false);
    KgdConfig gd = KgdConfig.builder().kernel(exact.kernel()).depth(0).solver(Solver.GD).stepSize(1e-3)
        .stop(StopRule.FIXED).time(30).build();
    assertArrayEquals(fit(exact).predict(x), fit(gd).predict(x), 2e-3);
  }

  @Test
  void validationPicksTheCurveMinimumAndRefitRescalesTime() throws InterruptedException {
    KgdModel model = fit(KgdConfig.defaults());
    FitSummary.ValidationCurve curve = model.summary().validation();
    for (double mse : curve.mse()) {
      assertTrue(curve.mse()[curve.best()] <= mse);
    }
    assertEquals(16, curve.validationRows());
    // D = 1: t = t* (n / n_tr)^(2/3).
    assertEquals(curve.bestTime() * Math.pow(80.0 / 64, 2.0 / 3), model.summary().time(), 1e-9);
    assertTrue(model.summary().trainMse() < 0.2, "fits the training data");
  }

  @Test
  void theKeptModelIsTheValidatedModel() throws InterruptedException {
    for (int depth : new int[] {0, 1, 2}) { // closed form, then discrete GD
      KgdModel model = fit(KgdConfig.defaults().withDepth(depth, false).withRefit(false));
      FitSummary.ValidationCurve curve = model.summary().validation();
      assertArrayEquals(curve.bestTheta(), model.theta(), 0, "depth " + depth);
      assertEquals(curve.bestTime(), model.summary().time(), 0);
    }
  }

  @Test
  void theRefitStepsThroughTheValidationCheckpoints() throws InterruptedException {
    // A small b0 makes the first curvature step (0.5 / (lambda_max b0^2D)) longer than the whole horizon.
    // The refit used to run to t* in that single step and predict about the mean (training MSE 0.57, while
    // the validated model's validation MSE was 0.07): the mechanism of the ozone folds.
    KgdConfig smallB0 = KgdConfig.builder().b0(0.01).build();
    FitSummary s = fit(smallB0).summary();
    assertTrue(s.steps() > s.validation().best(), s.steps() + " steps for " + (s.validation().best() + 1)
        + " checkpoints");
    assertTrue(s.trainMse() < 0.2, "fits the training data, MSE " + s.trainMse());
  }

  @Test
  void theoryRuleUsesTheNoiseScale() throws InterruptedException {
    KgdModel model = fit(KgdConfig.defaults().withStop(StopRule.THEORY, 0).withDepth(0, false));
    FitSummary s = model.summary();
    assertEquals(Math.pow(s.epsilon(), -1), s.time(), 1e-9 * s.time());
    // The pilot ridge sees noise of standard deviation 0.2 (GCV is rough on 80 rows).
    assertTrue(s.sigma() > 0.1 && s.sigma() < 0.4, "sigma " + s.sigma());
  }

  @Test
  void eigenTermsGrowOnSignalComponents() throws InterruptedException {
    KgdModel model = fit(KgdTestData.fixed(200, 1, false));
    FitSummary.Component top = model.summary().components().get(0);
    assertTrue(top.learnedTerm() > 10 * top.initialTerm(), "top component eigen term did not grow: " + top);
  }

  @Test
  void randomFeaturesApproachTheExactFit() throws InterruptedException {
    KgdConfig exact = KgdTestData.fixed(20, 1, true);
    KgdConfig features = KgdConfig.builder().features(FeatureMode.RANDOM_FOURIER).numFeatures(1000)
        .stop(StopRule.FIXED).time(20).baseline(true).seed(3).build();
    double[] a = fit(exact).predict(x);
    double[] b = fit(features).predict(x);
    double diff = 0;
    for (int i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
    }
    assertTrue(diff < 0.1, "max difference " + diff);
  }

  @Test
  void badInputIsRejected() {
    KgdTrainer trainer = new KgdTrainer(KgdConfig.defaults(), null);
    double[][] withNaN = KgdTestData.x(10, 2, 1);
    withNaN[4][1] = Double.NaN;
    Exception e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(withNaN, new double[10]));
    assertTrue(e.getMessage().contains("instance 5"), e.getMessage()); // 1-based, as Weka shows rows
    double[] target = KgdTestData.y(x, 0.1, 1);
    target[3] = Double.POSITIVE_INFINITY;
    e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(x, target));
    assertTrue(e.getMessage().contains("class values"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(new double[][] {{1, 2}}, new double[] {3}));
    assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
    KgdConfig exactOnly = KgdConfig.defaults().withFeatures(FeatureMode.EXACT_EIGEN, EigenSolver.ND4J);
    KgdConfig tiny = KgdConfig.builder().features(FeatureMode.EXACT_EIGEN).maxExactInstances(50).build();
    e = assertThrows(IllegalArgumentException.class, () -> new KgdTrainer(tiny, null).fit(x, y));
    assertTrue(e.getMessage().contains("max-exact-instances") && exactOnly.useExact(80), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KgdConfig.builder().kernel(KernelType.POLYNOMIAL)
        .features(FeatureMode.RANDOM_FOURIER).maxExactInstances(50).build());
    assertTrue(e.getMessage().contains("POLYNOMIAL"), e.getMessage());
  }
}
