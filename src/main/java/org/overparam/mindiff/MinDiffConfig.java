package org.overparam.mindiff;

import java.util.Objects;
import org.overparam.common.Checks;

/**
 * Validated settings of the MinDiff objective and its fairness evaluation. Messages name the
 * command-line option.
 *
 * @param lambda weight of the MMD penalty ({@code -lambda}, >= 0; 0 trains a plain network)
 * @param kernel MMD kernel ({@code -kernel})
 * @param kernelLength kernel length l ({@code -kernel-length}, > 0)
 * @param mindiffBatchSize rows drawn per group per step ({@code -mindiff-batch-size}, > 0)
 * @param floodLevel flood level b on the task loss ({@code -flood-level}, >= 0; 0 = off)
 * @param label which true label the MinDiff batches hold ({@code -mindiff-label})
 * @param positiveClass 0-based index of the positive class value ({@code -positive-class})
 * @param gapTolerance allowed rate gap for the constrained error ({@code -gap-tolerance}, [0, 1])
 */
public record MinDiffConfig(double lambda, Kernel kernel, double kernelLength, int mindiffBatchSize,
    double floodLevel, MinDiffLabel label, int positiveClass, double gapTolerance) {
  public static final double DEFAULT_LAMBDA = 1.5;
  public static final double DEFAULT_KERNEL_LENGTH = 0.1;
  public static final int DEFAULT_MINDIFF_BATCH_SIZE = 128;
  public static final double DEFAULT_GAP_TOLERANCE = 0.01;

  public MinDiffConfig {
    Checks.nonNegative("-lambda", lambda);
    Objects.requireNonNull(kernel, "-kernel");
    Checks.positive("-kernel-length", kernelLength);
    Checks.positive("-mindiff-batch-size", mindiffBatchSize);
    Checks.nonNegative("-flood-level", floodLevel);
    Objects.requireNonNull(label, "-mindiff-label");
    Checks.nonNegative("-positive-class", positiveClass);
    Checks.inClosed("-gap-tolerance", gapTolerance, 0, 1);
  }
}
