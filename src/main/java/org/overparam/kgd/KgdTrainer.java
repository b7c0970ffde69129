// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.overparam.common.Checks;
import org.overparam.common.ProgressListener;
import org.overparam.common.RunningMoments;
import org.overparam.common.Seeds;
import org.overparam.common.TrainingHistory;

/**
 * Fits {@link KgdModel}s: builds the spectral basis of the (pre-processed) rows, forms the
 * sequence observations z_j, runs {@link OverparamDynamics} and picks the stopping time.
 */
public final class KgdTrainer {
  /** Components listed in the summary. */
  static final int TOP_COMPONENTS = 10;
  /** Time scales assume at least this much noise relative to the target's RMS (guards sigma ~ 0). */
  static final double MIN_RELATIVE_NOISE = 0.01;
  /** The checkpoint grid spans this many decades below max-time. */
  static final double GRID_DECADES = 5;

  private final KgdConfig config;
  private final ProgressListener listener;

  public KgdTrainer(KgdConfig config, ProgressListener listener) {
    this.config = config;
    this.listener = listener == null ? ProgressListener.NONE : listener;
  }

  /**
   * The basis, observations and scales of one training set.
   *
   * @param noise the pilot ridge's GCV estimate
   * @param sigma the noise level the time scales use (standardised units)
   */
  private record Stage(SpectralBasis basis, double[] lambda, double[] z, double tail, NoiseEstimate noise,
      double sigma, double epsilon, double b0, double yMean, double yScale) {}

  /** The most GD steps the validation scan may take; the scan stops at the last checkpoint within it. */
  static final long SCAN_STEP_BUDGET = 1_000_000L;

  /**
   * Fits the model.
   *
   * @param x n x d pre-processed attributes (finite)
   * @param y n targets (finite, not constant)
   */
  public KgdModel fit(double[][] x, double[] y) throws InterruptedException {
    validate(x, y);
    int n = x.length;
    int d = x[0].length;
    double gamma = config.kernelGamma() > 0 ? config.kernelGamma() : 1.0 / Math.max(d, 1);
    Kernel kernel = new Kernel(config.kernel(), gamma, config.kernelDegree());
    boolean exact = config.useExact(n);
    if (!exact && kernel.type() != KernelType.LINEAR) {
      requireMemoryForFeatures(n, d, config.numFeatures());
    }
    FeatureMap features = exact ? null : explicitMap(kernel, d);
    List<String> warnings = new ArrayList<>();
    List<String> notes = new ArrayList<>();

    Stage stage;
    double time;
    double[] grid; // the checkpoints the final dynamics run through, ending at the stopping time
    String how;
    FitSummary.ValidationCurve curve = null;
    TrainingHistory.Recorder scan = null; // the validation scan's checkpoints
    switch (config.stop()) {
      case VALIDATION -> {
        int[][] split = split(n);
        Stage inner = prepare(rows(x, split[0]), values(y, split[0]), kernel, features, 0);
        double[] yVal = values(y, split[1]);
        double[][] e = inner.basis.eigenfunctionsAt(rows(x, split[1]));
        // GCV can take an interpolating ridge for noise-free and underestimate real noise many times over
        // (0.004 for a target whose held-out error is 0.4); the ridge's own held-out residuals bound it below.
        double heldOut = heldOutNoise(inner, e, yVal);
        if (heldOut > inner.sigma()) {
          notes.add(String.format("noise level: the held-out residuals (%.5g) are above the pilot ridge's GCV "
              + "estimate (%.5g), so the time scales use the former", heldOut * inner.yScale(),
              inner.noise().sigma() * inner.yScale()));
          inner = withNoise(inner, heldOut);
        }
        scan = new TrainingHistory.Recorder("Validation scan (chooses the stopping time)", "time");
        curve = validationCurve(inner, e, yVal, warnings, scan);
        double best = curve.bestTime();
        if (curve.best() == config.checkpoints() - 1) { // (a scan cut short by its step budget says so itself)
          warnings.add("validation optimum at the end of the grid (t = " + Kernel.sixDigits(best) + "); raise -max-time");
        }
        // The kept model runs through the scan's own checkpoints up to t*: the GD steps land on them,
        // so it is discretised as the model that was validated (one long step from the start would not be).
        double[] scanned = Arrays.copyOf(curve.times(), curve.best() + 1);
        if (config.refit()) {
          stage = prepare(x, y, kernel, features, inner.sigma() * inner.yScale());
          double exponent = (effectiveDepth() + 1.0) / (effectiveDepth() + 2.0);
          double factor = Math.pow((double) n / split[0].length, exponent);
          grid = Arrays.stream(scanned).map(t -> t * factor).toArray();
          how = String.format("validation (t* = %.6g on %d rows, rescaled by (n/n_tr)^%.3f for the refit on all %d)",
              best, split[0].length, exponent, n);
        } else {
          stage = inner;
          grid = scanned;
          how = "validation (t* on " + split[0].length + " rows, no refit)";
        }
        time = grid[grid.length - 1];
      }
      case THEORY -> {
        stage = prepare(x, y, kernel, features, 0);
        time = config.timeConstant() * theoryTime(stage);
        grid = logGrid(time, config.checkpoints());
        how = config.baseline() ? "theory (c / alpha_GCV, the kernel-ridge equivalent)"
            : "theory (c * eps^-(2D+2)/(D+2), eps = sigma/sqrt(n))";
      }
      case FIXED -> {
        stage = prepare(x, y, kernel, features, 0);
        time = config.time();
        grid = logGrid(time, config.checkpoints());
        how = "fixed";
      }
      default -> throw new IllegalStateException("unknown stop rule " + config.stop());
    }
    TrainingHistory.Recorder flow = new TrainingHistory.Recorder("Gradient flow of the kept model", "time");
    Stage kept = stage;
    OverparamDynamics.Result result = OverparamDynamics.run(stage.z, stage.lambda, config.depth(), stage.b0,
        config.baseline(), config.solver(), config.stepSize(), grid, (k, t, theta) -> {
          Map<String, Double> row = new LinkedHashMap<>();
          row.put("MSE/training", trainMse(kept, theta));
          row.put("coefficient norm", norm(theta) * kept.yScale);
          flow.add(t, row);
        });
    double[] weights = stage.basis.weights(result.theta());
    for (int i = 0; i < weights.length; i++) {
      weights[i] *= stage.yScale;
    }
    Checks.finite("fitted weights (numerical breakdown; try a smaller -kernel-gamma or a larger -eig-tol)", weights);
    FitSummary summary = new FitSummary(stage.basis.description(), kernel, stage.basis.n(), stage.lambda.length,
        stage.sigma * stage.yScale, stage.epsilon, config.depth(), stage.b0, config.baseline(), describe(result),
        result.steps(), time, how, curve, trainMse(stage, result.theta()), topComponents(stage, result),
        List.copyOf(warnings), List.copyOf(notes), scan == null ? List.of(flow.build())
        : List.of(scan.build(), flow.build()));
    return new KgdModel(stage.basis.featureMap(), weights, stage.yMean, result.theta(), summary);
  }

  /**
   * Builds the basis on (x, y) and everything derived from it.
   *
   * @param noiseFloor a lower bound on the noise level, in target units (0 for none)
   */
  private Stage prepare(double[][] x, double[] y, Kernel kernel, FeatureMap features, double noiseFloor)
      throws InterruptedException {
    // Standardise the target: the over-parameterized flow is not scale-equivariant (theta grows at
    // a rate proportional to |z|), so its time scales are only meaningful for a unit-scale target.
    // Scale-free moments: a one-pass variance cancels on an offset target (1e9 + y) and overflows at 1e200.
    RunningMoments moments = RunningMoments.of(y, y.length);
    double yMean = moments.mean();
    double yScale = moments.std() > 0 ? moments.std() : 1;
    double[] yc = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      yc[i] = moments.standardize(y[i]);
    }
    SpectralBasis basis = features == null
        ? EigenBasis.build(kernel, x, config.eigenSolver(), config.rank(), config.eigTol())
        : RandomFeatureBasis.build(features, x, config.rank(), config.eigTol());
    double[] lambda = basis.lambda();
    double[] z = basis.coefficients(yc);
    double tail = basis.tail(yc, z);
    int n = x.length;
    NoiseEstimate noise = NoiseEstimate.fromPilotRidge(lambda, z, tail, n);
    Stage gcv = new Stage(basis, lambda, z, tail, noise, 0, 0, 0, yMean, yScale);
    return withNoise(gcv, Math.max(noise.sigma(), noiseFloor / yScale));
  }

  /**
   * The stage with its time scales set by noise level {@code sigma} (standardised units, at least
   * {@link #MIN_RELATIVE_NOISE} of the target's RMS): eps = sigma / sqrt(n), b0 = eps^(1/(D+2)).
   */
  private Stage withNoise(Stage s, double sigma) {
    double rms = Math.sqrt(s.tail + sumOfSquares(s.z));
    double used = Math.max(sigma, MIN_RELATIVE_NOISE * rms);
    double epsilon = used / Math.sqrt(s.basis.n());
    double b0 = config.b0() > 0 ? config.b0() : Math.pow(epsilon, 1.0 / (config.depth() + 2));
    return new Stage(s.basis, s.lambda, s.z, s.tail, s.noise, used, epsilon, b0, s.yMean, s.yScale);
  }

  /** The RMS residual of the GCV pilot ridge on held-out rows, standardised units. */
  private static double heldOutNoise(Stage s, double[][] e, double[] yVal) {
    double alpha = s.noise.alpha();
    double[] theta = new double[s.z.length];
    for (int j = 0; j < theta.length; j++) {
      theta[j] = s.lambda[j] / (s.lambda[j] + alpha) * s.z[j];
    }
    double sum = 0;
    for (int i = 0; i < e.length; i++) {
      double r = (yVal[i] - s.yMean) / s.yScale - Kernel.dot(e[i], theta);
      sum += r * r;
    }
    return Math.sqrt(sum / e.length);
  }

  /** Validation MSE over the checkpoint grid, evaluated through the Nystroem eigenfunctions. */
  private FitSummary.ValidationCurve validationCurve(Stage inner, double[][] e, double[] yVal, List<String> warnings,
      TrainingHistory.Recorder history) throws InterruptedException {
    // The baseline's optimum can sit far beyond its ridge-equivalent time on nearly noise-free data.
    double tMax = config.maxTime() > 0 ? config.maxTime() : (config.baseline() ? 100 : 10) * theoryTime(inner);
    double[] times = logGrid(tMax, config.checkpoints());
    double[] mse = new double[times.length];
    double[] standardisedMse = new double[times.length]; // chooses t*: finite whatever the target's unit
    double[][] bestTheta = new double[1][];
    int[] best = {-1};
    OverparamDynamics.Result scan = OverparamDynamics.run(inner.z, inner.lambda, config.depth(), inner.b0,
        config.baseline(), config.solver(), config.stepSize(), times, SCAN_STEP_BUDGET, (k, t, theta) -> {
          double sum = 0;
          for (int i = 0; i < e.length; i++) {
            double r = (yVal[i] - inner.yMean) / inner.yScale - Kernel.dot(e[i], theta);
            sum += r * r;
          }
          standardisedMse[k] = sum / e.length;
          mse[k] = standardisedMse[k] * inner.yScale * inner.yScale;
          if (best[0] < 0 || standardisedMse[k] < standardisedMse[best[0]]) {
            best[0] = k;
            bestTheta[0] = theta.clone();
          }
          Map<String, Double> metrics = new LinkedHashMap<>();
          metrics.put("MSE/training", trainMse(inner, theta));
          metrics.put("MSE/validation", mse[k]);
          history.add(t, metrics);
          Map<String, Double> report = new LinkedHashMap<>(metrics);
          report.put("time", t);
          listener.onEpoch(k + 1, report);
        });
    int reached = scan.reached();
    Checks.require(reached > 0, "the validation scan used its budget of " + SCAN_STEP_BUDGET + " GD steps before "
        + "the first checkpoint (t = " + times[0] + "); lower -max-time or -depth, or raise -step-size");
    if (reached < times.length) {
      warnings.add(String.format("the validation scan stopped at t = %.6g after %d GD steps (its budget); the "
          + "later checkpoints up to t = %.6g were not tried: lower -max-time or -depth", times[reached - 1],
          scan.steps(), times[times.length - 1]));
    }
    Checks.require(Double.isFinite(standardisedMse[best[0]]), "validation MSE is not finite; the dynamics broke down");
    return new FitSummary.ValidationCurve(Arrays.copyOf(times, reached), Arrays.copyOf(mse, reached), best[0],
        bestTheta[0], inner.basis.n(), yVal.length);
  }

  /** The theory's time scale: eps^{-(2D+2)/(D+2)} (Cor. 3.3), or 1/alpha_GCV for the baseline. */
  private double theoryTime(Stage stage) {
    if (config.baseline()) {
      return 1 / stage.noise.alpha();
    }
    int depth = config.depth();
    return Math.pow(stage.epsilon, -(2.0 * depth + 2) / (depth + 2));
  }

  /** The baseline has no depth: its (n/n_tr) rescaling uses the D = 0 exponent. */
  private int effectiveDepth() {
    return config.baseline() ? 0 : config.depth();
  }

  /**
   * Refuses a random-feature fit whose arrays (the map, the n x M features, the smaller Gram matrix and the
   * eigenvectors) would not fit in the Java heap, with the option to lower, before minutes of allocation end in an
   * OutOfMemoryError.
   */
  private static void requireMemoryForFeatures(int n, int d, int m) {
    long small = Math.min(m, n);
    double bytes = 8.0 * ((double) m * (d + 1) + (double) n * m + (double) small * small + (double) m * small);
    Checks.fitsInHeap("-num-features " + m + " for " + n + " instances", bytes, ": lower -num-features");
  }

  private FeatureMap explicitMap(Kernel kernel, int d) {
    if (kernel.type() == KernelType.LINEAR) {
      return new LinearFeatureMap(d);
    }
    return RandomFourierMap.sample(kernel, d, config.numFeatures(), Seeds.stream(config.seed(), "kgd.features"));
  }

  /** A seeded random split: [0] training indices, [1] validation indices (both sorted). */
  private int[][] split(int n) {
    int nVal = (int) Math.round(n * config.valPercent() / 100);
    // a stopping time chosen on one or two rows is noise; on data that could give more, say what the option means
    // (the networks' -validation-fraction is a fraction: 0.2 here is 0.2%)
    Checks.require(nVal >= MIN_VALIDATION_ROWS || n < MIN_VALIDATION_ROWS * 5, String.format(java.util.Locale.ROOT,
        "-val-percent %s holds out %d of %d instances, too few to choose the stopping time; it is a "
        + "percentage (20 holds out a fifth)", Kernel.sixDigits(config.valPercent()), nVal, n));
    nVal = Math.max(1, Math.min(nVal, n - 2));
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom rng = Seeds.stream(config.seed(), "kgd.validation");
    for (int i = n - 1; i > 0; i--) {
      int k = rng.nextInt(i + 1);
      int tmp = perm[i];
      perm[i] = perm[k];
      perm[k] = tmp;
    }
    int[] val = Arrays.copyOfRange(perm, 0, nVal);
    int[] train = Arrays.copyOfRange(perm, nVal, n);
    Arrays.sort(val);
    Arrays.sort(train);
    return new int[][] {train, val};
  }

  /** The fewest validation rows -stop VALIDATION accepts where the data has five times as many. */
  static final int MIN_VALIDATION_ROWS = 5;

  static double[] logGrid(double tMax, int count) {
    double[] t = new double[count];
    for (int k = 0; k < count; k++) {
      t[k] = tMax * Math.pow(10, -GRID_DECADES * (count - 1 - k) / (count - 1));
    }
    return t;
  }

  private double trainMse(Stage stage, double[] theta) {
    double sum = stage.tail;
    for (int j = 0; j < theta.length; j++) {
      double r = stage.z[j] - theta[j];
      sum += r * r;
    }
    return sum * stage.yScale * stage.yScale;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private List<FitSummary.Component> topComponents(Stage stage, OverparamDynamics.Result result) {
    double[] theta = result.theta();
    Integer[] order = new Integer[theta.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -Math.abs(theta[j])));
    double initialFactor = config.baseline() ? 1 : Math.pow(stage.b0, 2.0 * config.depth());
    List<FitSummary.Component> top = new ArrayList<>();
    for (int k = 0; k < Math.min(TOP_COMPONENTS, order.length); k++) {
      int j = order[k];
      top.add(new FitSummary.Component(j + 1, stage.lambda[j], stage.z[j], theta[j],
          stage.lambda[j] * initialFactor, result.eigenTerm()[j]));
    }
    return List.copyOf(top);
  }

  private static String describe(OverparamDynamics.Result result) {
    return result.steps() == 0 ? "exact closed form"
        : String.format("%d GD steps (last eta = %.4g)", result.steps(), result.lastStep());
  }

  private void validate(double[][] x, double[] y) {
    Checks.require(x.length == y.length, "attributes and target differ in length");
    int minimum = config.stop() == StopRule.VALIDATION ? 3 : 2;
    Checks.require(x.length >= minimum, "need at least " + minimum + " training instances with a class value"
        + (config.stop() == StopRule.VALIDATION ? " for -stop VALIDATION" : "") + ", got " + x.length);
    Checks.finite("class values", y);
    for (int i = 0; i < x.length; i++) {
      Checks.require(x[i].length == x[0].length, "row " + (i + 1) + " has a different number of attributes");
      Checks.finite("attributes of instance " + (i + 1), x[i]);
    }
    boolean constant = true;
    for (double v : y) {
      constant &= v == y[0];
    }
    Checks.require(!constant, "the class is constant (" + y[0] + "); there is nothing to fit");
  }

  private static double[][] rows(double[][] x, int[] index) {
    double[][] out = new double[index.length][];
    for (int i = 0; i < index.length; i++) {
      out[i] = x[index[i]];
    }
    return out;
  }

  private static double[] values(double[] y, int[] index) {
    double[] out = new double[index.length];
    for (int i = 0; i < index.length; i++) {
      out[i] = y[index[i]];
    }
    return out;
  }

  private static double sumOfSquares(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return s;
  }
}
