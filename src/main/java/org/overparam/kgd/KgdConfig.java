// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.kgd;

import java.io.Serializable;
import org.overparam.common.Checks;

/**
 * The validated hyperparameters of over-parameterized kernel gradient descent. Every message names
 * the command-line option of the Weka adapter.
 *
 * @param kernel kernel family
 * @param kernelGamma kernel scale; 0 = 1/d (d = number of attributes after filtering)
 * @param kernelDegree polynomial degree
 * @param depth D, the number of extra shared factors b^D (0, 1, 2, ...)
 * @param b0 initial value of b; 0 = automatic (sigma/sqrt(n))^{1/(D+2)}
 * @param features exact eigenbasis, random features, or automatic by size
 * @param numFeatures number of random features M
 * @param rank keep at most this many components; 0 = all above {@code eigTol}
 * @param eigTol keep components with eigenvalue above eigTol times the largest
 * @param maxExactInstances above this many training rows AUTO switches to random features and
 *     EXACT_EIGEN refuses
 * @param eigenSolver library for the exact eigendecomposition
 * @param solver closed form (AUTO) or discrete GD
 * @param stepSize fixed GD step if > 0; 0 = the curvature rule (0.5 / largest curvature)
 * @param stop stopping rule
 * @param valPercent hold-out percentage for {@link StopRule#VALIDATION}
 * @param refit refit on all rows after validation, at the rescaled time
 * @param checkpoints number of log-spaced checkpoints of the validation grid
 * @param maxTime end of the checkpoint grid; 0 = automatic
 * @param time the stopping time for {@link StopRule#FIXED}
 * @param timeConstant the constant c of {@link StopRule#THEORY}
 * @param baseline freeze the eigenvalue factors (vanilla kernel gradient descent)
 * @param seed the one seed of all randomness (validation split, random features)
 */
public record KgdConfig(
    KernelType kernel,
    double kernelGamma,
    int kernelDegree,
    int depth,
    double b0,
    FeatureMode features,
    int numFeatures,
    int rank,
    double eigTol,
    int maxExactInstances,
    EigenSolver eigenSolver,
    Solver solver,
    double stepSize,
    StopRule stop,
    double valPercent,
    boolean refit,
    int checkpoints,
    double maxTime,
    double time,
    double timeConstant,
    boolean baseline,
    long seed)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_DEPTH = 1;
  public static final int DEFAULT_NUM_FEATURES = 500;
  public static final double DEFAULT_EIG_TOL = 1e-10;
  public static final int DEFAULT_MAX_EXACT = 5000;
  public static final double DEFAULT_VAL_PERCENT = 20;
  public static final int DEFAULT_CHECKPOINTS = 200;
  public static final KernelType DEFAULT_KERNEL = KernelType.RBF;
  /** 0 = 1/d. */
  public static final double DEFAULT_KERNEL_GAMMA = 0;
  public static final int DEFAULT_KERNEL_DEGREE = 2;
  /** 0 = automatic. */
  public static final double DEFAULT_B0 = 0;
  public static final FeatureMode DEFAULT_FEATURES = FeatureMode.AUTO;
  /** 0 = every component above the eigenvalue tolerance. */
  public static final int DEFAULT_RANK = 0;
  public static final EigenSolver DEFAULT_EIGEN_SOLVER = EigenSolver.ND4J;
  public static final Solver DEFAULT_SOLVER = Solver.AUTO;
  /** 0 = the curvature rule. */
  public static final double DEFAULT_STEP_SIZE = 0;
  public static final StopRule DEFAULT_STOP = StopRule.VALIDATION;
  public static final boolean DEFAULT_REFIT = true;
  /** 0 = automatic. */
  public static final double DEFAULT_MAX_TIME = 0;
  /** Used by -stop FIXED only, which needs a time > 0. */
  public static final double DEFAULT_TIME = 0;
  public static final double DEFAULT_TIME_CONSTANT = 1;
  public static final boolean DEFAULT_BASELINE = false;
  /** Weka's default seed ({@code -S 1}). */
  public static final long DEFAULT_SEED = 1;

  public KgdConfig {
    Checks.require(kernel != null, "-kernel must not be null");
    Checks.nonNegative("-kernel-gamma", kernelGamma);
    Checks.positive("-kernel-degree", kernelDegree);
    Checks.nonNegative("-depth", depth);
    Checks.require(depth <= 20, "-depth must be <= 20, got " + depth);
    Checks.nonNegative("-b0", b0);
    Checks.require(features != null, "-features must not be null");
    Checks.positive("-num-features", numFeatures);
    Checks.nonNegative("-rank", rank);
    Checks.require(eigTol >= 0 && eigTol < 1, "-eig-tol must be in [0, 1), got " + eigTol);
    Checks.positive("-max-exact-instances", maxExactInstances);
    Checks.require(eigenSolver != null, "-eigen-solver must not be null");
    Checks.require(solver != null, "-solver must not be null");
    Checks.nonNegative("-step-size", stepSize);
    Checks.require(stop != null, "-stop must not be null");
    Checks.require(valPercent > 0 && valPercent < 100, "-val-percent must be in (0, 100), got " + valPercent);
    Checks.require(checkpoints >= 2, "-checkpoints must be >= 2, got " + checkpoints);
    Checks.nonNegative("-max-time", maxTime);
    Checks.nonNegative("-time", time);
    Checks.require(stop != StopRule.FIXED || time > 0, "-time must be > 0 with -stop FIXED, got " + time);
    Checks.positive("-time-constant", timeConstant);
    Checks.require(
        features != FeatureMode.RANDOM_FOURIER || kernel != KernelType.POLYNOMIAL,
        "-features " + features + " needs RBF, LAPLACE or LINEAR; use -features EXACT_EIGEN for POLYNOMIAL");
  }

  /** The defaults (RBF, D = 1, validation stopping, automatic b0, gamma and basis). */
  public static KgdConfig defaults() {
    return builder().build();
  }

  /** A copy with a different stopping rule and time. */
  public KgdConfig withStop(StopRule newStop, double newTime) {
    return toBuilder().stop(newStop).time(newTime).build();
  }

  /** A copy with a different depth and baseline flag. */
  public KgdConfig withDepth(int newDepth, boolean newBaseline) {
    return toBuilder().depth(newDepth).baseline(newBaseline).build();
  }

  /** A copy that refits on all rows after validation, or keeps the validated model. */
  public KgdConfig withRefit(boolean newRefit) {
    return toBuilder().refit(newRefit).build();
  }

  /** A copy with a different basis choice. */
  public KgdConfig withFeatures(FeatureMode newFeatures, EigenSolver newSolver) {
    return toBuilder().features(newFeatures).eigenSolver(newSolver).build();
  }

  /** Whether the exact eigenbasis is used for {@code n} training rows (throws if refused). */
  public boolean useExact(int n) {
    return switch (features) {
      case EXACT_EIGEN -> {
        Checks.require(n <= maxExactInstances, n + " training instances exceed -max-exact-instances ("
            + maxExactInstances + "); use -features RANDOM_FOURIER (or AUTO) or raise the limit");
        yield true;
      }
      case RANDOM_FOURIER -> false;
      case AUTO -> {
        Checks.require(n <= maxExactInstances || kernel != KernelType.POLYNOMIAL, n
            + " training instances exceed -max-exact-instances (" + maxExactInstances
            + ") and POLYNOMIAL has no random features; raise the limit or change the kernel");
        yield n <= maxExactInstances;
      }
    };
  }

  /** A builder that starts from the defaults (the {@code DEFAULT_} constants). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder().kernel(kernel).kernelGamma(kernelGamma).kernelDegree(kernelDegree).depth(depth).b0(b0)
        .features(features).numFeatures(numFeatures).rank(rank).eigTol(eigTol).maxExactInstances(maxExactInstances)
        .eigenSolver(eigenSolver).solver(solver).stepSize(stepSize).stop(stop).valPercent(valPercent).refit(refit)
        .checkpoints(checkpoints).maxTime(maxTime).time(time).timeConstant(timeConstant).baseline(baseline)
        .seed(seed);
  }

  /** Builds a {@link KgdConfig} by name; {@link #build()} validates it. */
  public static final class Builder {
    private KernelType kernel = DEFAULT_KERNEL;
    private double kernelGamma = DEFAULT_KERNEL_GAMMA;
    private int kernelDegree = DEFAULT_KERNEL_DEGREE;
    private int depth = DEFAULT_DEPTH;
    private double b0 = DEFAULT_B0;
    private FeatureMode features = DEFAULT_FEATURES;
    private int numFeatures = DEFAULT_NUM_FEATURES;
    private int rank = DEFAULT_RANK;
    private double eigTol = DEFAULT_EIG_TOL;
    private int maxExactInstances = DEFAULT_MAX_EXACT;
    private EigenSolver eigenSolver = DEFAULT_EIGEN_SOLVER;
    private Solver solver = DEFAULT_SOLVER;
    private double stepSize = DEFAULT_STEP_SIZE;
    private StopRule stop = DEFAULT_STOP;
    private double valPercent = DEFAULT_VAL_PERCENT;
    private boolean refit = DEFAULT_REFIT;
    private int checkpoints = DEFAULT_CHECKPOINTS;
    private double maxTime = DEFAULT_MAX_TIME;
    private double time = DEFAULT_TIME;
    private double timeConstant = DEFAULT_TIME_CONSTANT;
    private boolean baseline = DEFAULT_BASELINE;
    private long seed = DEFAULT_SEED;

    private Builder() {}

    public Builder kernel(KernelType kernel) {
      this.kernel = kernel;
      return this;
    }

    public Builder kernelGamma(double kernelGamma) {
      this.kernelGamma = kernelGamma;
      return this;
    }

    public Builder kernelDegree(int kernelDegree) {
      this.kernelDegree = kernelDegree;
      return this;
    }

    public Builder depth(int depth) {
      this.depth = depth;
      return this;
    }

    public Builder b0(double b0) {
      this.b0 = b0;
      return this;
    }

    public Builder features(FeatureMode features) {
      this.features = features;
      return this;
    }

    public Builder numFeatures(int numFeatures) {
      this.numFeatures = numFeatures;
      return this;
    }

    public Builder rank(int rank) {
      this.rank = rank;
      return this;
    }

    public Builder eigTol(double eigTol) {
      this.eigTol = eigTol;
      return this;
    }

    public Builder maxExactInstances(int maxExactInstances) {
      this.maxExactInstances = maxExactInstances;
      return this;
    }

    public Builder eigenSolver(EigenSolver eigenSolver) {
      this.eigenSolver = eigenSolver;
      return this;
    }

    public Builder solver(Solver solver) {
      this.solver = solver;
      return this;
    }

    public Builder stepSize(double stepSize) {
      this.stepSize = stepSize;
      return this;
    }

    public Builder stop(StopRule stop) {
      this.stop = stop;
      return this;
    }

    public Builder valPercent(double valPercent) {
      this.valPercent = valPercent;
      return this;
    }

    public Builder refit(boolean refit) {
      this.refit = refit;
      return this;
    }

    public Builder checkpoints(int checkpoints) {
      this.checkpoints = checkpoints;
      return this;
    }

    public Builder maxTime(double maxTime) {
      this.maxTime = maxTime;
      return this;
    }

    public Builder time(double time) {
      this.time = time;
      return this;
    }

    public Builder timeConstant(double timeConstant) {
      this.timeConstant = timeConstant;
      return this;
    }

    public Builder baseline(boolean baseline) {
      this.baseline = baseline;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The validated configuration; throws naming the flag of the first bad value. */
    public KgdConfig build() {
      return new KgdConfig(kernel, kernelGamma, kernelDegree, depth, b0, features, numFeatures, rank, eigTol,
          maxExactInstances, eigenSolver, solver, stepSize, stop, valPercent, refit, checkpoints, maxTime, time,
          timeConstant, baseline, seed);
    }
  }
}
