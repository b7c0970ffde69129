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
    return new KgdConfig(KernelType.RBF, 0, 2, DEFAULT_DEPTH, 0, FeatureMode.AUTO, DEFAULT_NUM_FEATURES, 0,
        DEFAULT_EIG_TOL, DEFAULT_MAX_EXACT, EigenSolver.ND4J, Solver.AUTO, 0, StopRule.VALIDATION,
        DEFAULT_VAL_PERCENT, true, DEFAULT_CHECKPOINTS, 0, 0, 1, false, 1);
  }

  /** A copy with a different stopping rule and time. */
  public KgdConfig withStop(StopRule newStop, double newTime) {
    return new KgdConfig(kernel, kernelGamma, kernelDegree, depth, b0, features, numFeatures, rank, eigTol,
        maxExactInstances, eigenSolver, solver, stepSize, newStop, valPercent, refit, checkpoints, maxTime,
        newTime, timeConstant, baseline, seed);
  }

  /** A copy with a different depth and baseline flag. */
  public KgdConfig withDepth(int newDepth, boolean newBaseline) {
    return new KgdConfig(kernel, kernelGamma, kernelDegree, newDepth, b0, features, numFeatures, rank, eigTol,
        maxExactInstances, eigenSolver, solver, stepSize, stop, valPercent, refit, checkpoints, maxTime, time,
        timeConstant, newBaseline, seed);
  }

  /** A copy that refits on all rows after validation, or keeps the validated model. */
  public KgdConfig withRefit(boolean newRefit) {
    return new KgdConfig(kernel, kernelGamma, kernelDegree, depth, b0, features, numFeatures, rank, eigTol,
        maxExactInstances, eigenSolver, solver, stepSize, stop, valPercent, newRefit, checkpoints, maxTime, time,
        timeConstant, baseline, seed);
  }

  /** A copy with a different basis choice. */
  public KgdConfig withFeatures(FeatureMode newFeatures, EigenSolver newSolver) {
    return new KgdConfig(kernel, kernelGamma, kernelDegree, depth, b0, newFeatures, numFeatures, rank, eigTol,
        maxExactInstances, newSolver, solver, stepSize, stop, valPercent, refit, checkpoints, maxTime, time,
        timeConstant, baseline, seed);
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
}
