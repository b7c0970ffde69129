// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
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
  public static final Kernel DEFAULT_KERNEL = Kernel.GAUSSIAN;
  /** No flooding. */
  public static final double DEFAULT_FLOOD_LEVEL = 0;
  public static final MinDiffLabel DEFAULT_LABEL = MinDiffLabel.POSITIVE;
  /** The second class value, Weka's usual positive class of a binary problem. */
  public static final int DEFAULT_POSITIVE_CLASS = 1;

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

  /** A builder that starts from the defaults (the {@code DEFAULT_} constants). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder().lambda(lambda).kernel(kernel).kernelLength(kernelLength).mindiffBatchSize(mindiffBatchSize)
        .floodLevel(floodLevel).label(label).positiveClass(positiveClass).gapTolerance(gapTolerance);
  }

  /** Builds a {@link MinDiffConfig} by name; {@link #build()} validates it. */
  public static final class Builder {
    private double lambda = DEFAULT_LAMBDA;
    private Kernel kernel = DEFAULT_KERNEL;
    private double kernelLength = DEFAULT_KERNEL_LENGTH;
    private int mindiffBatchSize = DEFAULT_MINDIFF_BATCH_SIZE;
    private double floodLevel = DEFAULT_FLOOD_LEVEL;
    private MinDiffLabel label = DEFAULT_LABEL;
    private int positiveClass = DEFAULT_POSITIVE_CLASS;
    private double gapTolerance = DEFAULT_GAP_TOLERANCE;

    private Builder() {}

    public Builder lambda(double lambda) {
      this.lambda = lambda;
      return this;
    }

    public Builder kernel(Kernel kernel) {
      this.kernel = kernel;
      return this;
    }

    public Builder kernelLength(double kernelLength) {
      this.kernelLength = kernelLength;
      return this;
    }

    public Builder mindiffBatchSize(int mindiffBatchSize) {
      this.mindiffBatchSize = mindiffBatchSize;
      return this;
    }

    public Builder floodLevel(double floodLevel) {
      this.floodLevel = floodLevel;
      return this;
    }

    public Builder label(MinDiffLabel label) {
      this.label = label;
      return this;
    }

    public Builder positiveClass(int positiveClass) {
      this.positiveClass = positiveClass;
      return this;
    }

    public Builder gapTolerance(double gapTolerance) {
      this.gapTolerance = gapTolerance;
      return this;
    }

    /** The validated configuration; throws naming the flag of the first bad value. */
    public MinDiffConfig build() {
      return new MinDiffConfig(lambda, kernel, kernelLength, mindiffBatchSize, floodLevel, label, positiveClass,
          gapTolerance);
    }
  }
}
