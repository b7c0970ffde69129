// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import java.util.Objects;
import org.overparam.common.Checks;

/**
 * Hyperparameters of the SOP objective (Liu et al. 2022). Validated on construction; every message
 * names the command-line option.
 *
 * @param variant which losses train u ({@code sop-variant})
 * @param lrU plain-SGD learning rate of u ({@code lr-u}): the default is at the reference scale,
 *     another value is used as given
 * @param lrV plain-SGD learning rate of v ({@code lr-v}): the default is at the reference scale,
 *     another value is used as given
 * @param scaling how a default lrU/lrV is rescaled to the run's batch size and epochs ({@code uv-lr-scaling})
 * @param referenceBatch batch size at which the default lrU/lrV are given ({@code uv-reference-batch})
 * @param referenceEpochs epoch count at which the default lrU/lrV are given ({@code uv-reference-epochs})
 * @param initStd standard deviation of the Gaussian initialisation of u and v ({@code uv-init-std})
 * @param projectUv clip u and v to [−1, 1] after each step ({@code project-uv})
 * @param lambdaConsistency λ_C, weight of the SOP+ consistency term ({@code lambda-consistency})
 * @param lambdaBalance λ_B, weight of the SOP+ class-balance term ({@code lambda-balance})
 * @param balancePrior target distribution of the class-balance term ({@code balance-prior})
 * @param viewNoiseStd Gaussian noise std of the second view ({@code view-noise-std})
 * @param viewMaskProb feature-masking probability of the second view ({@code view-mask-prob})
 * @param ceOnly baseline: plain softmax cross-entropy, no noise variables ({@code ce-only})
 */
public record SopConfig(
    SopVariant variant,
    double lrU,
    double lrV,
    UvLrScaling scaling,
    int referenceBatch,
    int referenceEpochs,
    double initStd,
    boolean projectUv,
    double lambdaConsistency,
    double lambdaBalance,
    BalancePrior balancePrior,
    double viewNoiseStd,
    double viewMaskProb,
    boolean ceOnly) {

  /** Floor of the adjusted prediction and of the clamps (official code). */
  public static final double EPS = 1e-4;

  public static final double DEFAULT_LR_U = 1;
  public static final double DEFAULT_LR_V = 10;
  public static final int DEFAULT_REFERENCE_BATCH = 128;
  public static final int DEFAULT_REFERENCE_EPOCHS = 300;
  /**
   * The official code starts u, v at 1e-8 for 300 epochs; from there they need about 45 visits to
   * reach O(1) at the capped rate, by which time a 100-epoch tabular run has memorised the noise.
   * 0.1 measured best of 1e-4, 1e-3, 1e-2 and 1e-1 on fashion-mnist at 40% symmetric noise (README,
   * section SopRobustNetwork).
   */
  public static final double DEFAULT_INIT_STD = 0.1;
  public static final double DEFAULT_VIEW_NOISE_STD = 0.1;
  public static final SopVariant DEFAULT_VARIANT = SopVariant.PAPER;
  public static final UvLrScaling DEFAULT_SCALING = UvLrScaling.MATCH_GROWTH;
  public static final boolean DEFAULT_PROJECT_UV = false;
  /** Plain SOP: the SOP+ terms are off unless asked for. */
  public static final double DEFAULT_LAMBDA_CONSISTENCY = 0;
  public static final double DEFAULT_LAMBDA_BALANCE = 0;
  public static final BalancePrior DEFAULT_BALANCE_PRIOR = BalancePrior.UNIFORM;
  public static final double DEFAULT_VIEW_MASK_PROB = 0;
  public static final boolean DEFAULT_CE_ONLY = false;

  public SopConfig {
    Objects.requireNonNull(variant, "-sop-variant");
    Objects.requireNonNull(scaling, "-uv-lr-scaling");
    Objects.requireNonNull(balancePrior, "-balance-prior");
    Checks.nonNegative("-lr-u", lrU);
    Checks.nonNegative("-lr-v", lrV);
    Checks.positive("-uv-reference-batch", referenceBatch);
    Checks.positive("-uv-reference-epochs", referenceEpochs);
    // u, v grow multiplicatively from their start; an exact zero would never move.
    Checks.positive("-uv-init-std", initStd);
    Checks.nonNegative("-lambda-consistency", lambdaConsistency);
    Checks.nonNegative("-lambda-balance", lambdaBalance);
    Checks.nonNegative("-view-noise-std", viewNoiseStd);
    Checks.require(viewMaskProb >= 0 && viewMaskProb < 1,
        "-view-mask-prob must be in [0, 1), got " + viewMaskProb);
  }

  /** The defaults of the official SOP configuration: plain SOP (no SOP+ terms), paper variant, MATCH_GROWTH scaling. */
  public static SopConfig defaults() {
    return builder().build();
  }

  /** Whether a second input view is forwarded (SOP+ consistency on, SOP mode). */
  public boolean usesSecondView() {
    return !ceOnly && lambdaConsistency > 0;
  }

  /**
   * Effective learning rate of u for a run with this batch size and epoch count: {@link #scaling}
   * rescales the default {@value #DEFAULT_LR_U}; any other value is the user's and is used as given.
   */
  public UvLearningRate effectiveLrU(int batch, int epochs) {
    return effective(lrU, DEFAULT_LR_U, batch, epochs);
  }

  /**
   * Effective learning rate of v for a run with this batch size and epoch count: {@link #scaling}
   * rescales the default {@value #DEFAULT_LR_V}; any other value is the user's and is used as given.
   * (A Weka option string carries values, not whether they were typed, so "set" means "not the
   * default"; with the default mode, rescaling a set value would hit the cap B/8 at 100 epochs for
   * any value above about 4.6, and -lr-v 100 would run exactly as the default 10.)
   */
  public UvLearningRate effectiveLrV(int batch, int epochs) {
    return effective(lrV, DEFAULT_LR_V, batch, epochs);
  }

  /** {@code lr} rescaled by {@link #scaling} when it is the default {@code defaultLr}, else as given. */
  private UvLearningRate effective(double lr, double defaultLr, int batch, int epochs) {
    return UvLearningRate.of(lr == defaultLr ? scaling : UvLrScaling.NONE, lr, batch, epochs, referenceBatch,
        referenceEpochs);
  }

  /** A builder that starts from the defaults (the {@code DEFAULT_} constants). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder().variant(variant).lrU(lrU).lrV(lrV).scaling(scaling).referenceBatch(referenceBatch)
        .referenceEpochs(referenceEpochs).initStd(initStd).projectUv(projectUv).lambdaConsistency(lambdaConsistency)
        .lambdaBalance(lambdaBalance).balancePrior(balancePrior).viewNoiseStd(viewNoiseStd)
        .viewMaskProb(viewMaskProb).ceOnly(ceOnly);
  }

  /** Builds a {@link SopConfig} by name; {@link #build()} validates it. */
  public static final class Builder {
    private SopVariant variant = DEFAULT_VARIANT;
    private double lrU = DEFAULT_LR_U;
    private double lrV = DEFAULT_LR_V;
    private UvLrScaling scaling = DEFAULT_SCALING;
    private int referenceBatch = DEFAULT_REFERENCE_BATCH;
    private int referenceEpochs = DEFAULT_REFERENCE_EPOCHS;
    private double initStd = DEFAULT_INIT_STD;
    private boolean projectUv = DEFAULT_PROJECT_UV;
    private double lambdaConsistency = DEFAULT_LAMBDA_CONSISTENCY;
    private double lambdaBalance = DEFAULT_LAMBDA_BALANCE;
    private BalancePrior balancePrior = DEFAULT_BALANCE_PRIOR;
    private double viewNoiseStd = DEFAULT_VIEW_NOISE_STD;
    private double viewMaskProb = DEFAULT_VIEW_MASK_PROB;
    private boolean ceOnly = DEFAULT_CE_ONLY;

    private Builder() {}

    public Builder variant(SopVariant variant) {
      this.variant = variant;
      return this;
    }

    public Builder lrU(double lrU) {
      this.lrU = lrU;
      return this;
    }

    public Builder lrV(double lrV) {
      this.lrV = lrV;
      return this;
    }

    public Builder scaling(UvLrScaling scaling) {
      this.scaling = scaling;
      return this;
    }

    public Builder referenceBatch(int referenceBatch) {
      this.referenceBatch = referenceBatch;
      return this;
    }

    public Builder referenceEpochs(int referenceEpochs) {
      this.referenceEpochs = referenceEpochs;
      return this;
    }

    public Builder initStd(double initStd) {
      this.initStd = initStd;
      return this;
    }

    public Builder projectUv(boolean projectUv) {
      this.projectUv = projectUv;
      return this;
    }

    public Builder lambdaConsistency(double lambdaConsistency) {
      this.lambdaConsistency = lambdaConsistency;
      return this;
    }

    public Builder lambdaBalance(double lambdaBalance) {
      this.lambdaBalance = lambdaBalance;
      return this;
    }

    public Builder balancePrior(BalancePrior balancePrior) {
      this.balancePrior = balancePrior;
      return this;
    }

    public Builder viewNoiseStd(double viewNoiseStd) {
      this.viewNoiseStd = viewNoiseStd;
      return this;
    }

    public Builder viewMaskProb(double viewMaskProb) {
      this.viewMaskProb = viewMaskProb;
      return this;
    }

    public Builder ceOnly(boolean ceOnly) {
      this.ceOnly = ceOnly;
      return this;
    }

    /** The validated configuration; throws naming the flag of the first bad value. */
    public SopConfig build() {
      return new SopConfig(variant, lrU, lrV, scaling, referenceBatch, referenceEpochs, initStd, projectUv,
          lambdaConsistency, lambdaBalance, balancePrior, viewNoiseStd, viewMaskProb, ceOnly);
    }
  }
}
