// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import org.overparam.nn.Activation;

/**
 * The hidden-layer activations on Java float arrays, forward and backward, for the engines that run
 * them in Java: the sparse engine (every activation, unit by unit) and the dense engine's float32
 * ReLU (on a host copy, see {@link HostCopy}). The backward pass is written with the activation's
 * output a = f(z), so z need not be kept.
 */
final class ActivationKernels {
  private static final float LEAKY_SLOPE = 0.01f;

  private ActivationKernels() {}

  /** u ← f(u) on the first n entries. */
  static void forward(Activation activation, float[] u, int n) {
    switch (activation) {
      case RELU -> {
        for (int b = 0; b < n; b++) {
          u[b] = Math.max(u[b], 0f);
        }
      }
      case LEAKYRELU -> {
        for (int b = 0; b < n; b++) {
          u[b] = u[b] > 0 ? u[b] : LEAKY_SLOPE * u[b];
        }
      }
      case ELU -> {
        for (int b = 0; b < n; b++) {
          u[b] = u[b] > 0 ? u[b] : (float) Math.expm1(u[b]);
        }
      }
      case TANH -> {
        for (int b = 0; b < n; b++) {
          u[b] = (float) Math.tanh(u[b]);
        }
      }
      case SIGMOID -> {
        for (int b = 0; b < n; b++) {
          u[b] = (float) (1 / (1 + Math.exp(-u[b])));
        }
      }
      default -> throw new IllegalStateException("unknown activation " + activation);
    }
  }

  /** d ← d · f'(z) on the first n entries, with f' written in terms of a = f(z). */
  static void backward(Activation activation, float[] a, float[] d, int n) {
    switch (activation) {
      case RELU -> reluBackward(a, d, n);
      case LEAKYRELU -> { // slope 1 at z = 0, as DL4J (a unit with no active inputs sits there)
        for (int b = 0; b < n; b++) {
          d[b] = a[b] >= 0 ? d[b] : LEAKY_SLOPE * d[b];
        }
      }
      case ELU -> { // f'(z) = e^z = a + 1 for z ≤ 0
        for (int b = 0; b < n; b++) {
          d[b] = a[b] > 0 ? d[b] : d[b] * (a[b] + 1);
        }
      }
      case TANH -> {
        for (int b = 0; b < n; b++) {
          d[b] *= 1 - a[b] * a[b];
        }
      }
      case SIGMOID -> {
        for (int b = 0; b < n; b++) {
          d[b] *= a[b] * (1 - a[b]);
        }
      }
      default -> throw new IllegalStateException("unknown activation " + activation);
    }
  }

  /**
   * d[i] ← d[i] · 1[a[i] > 0], branch-free: a branch on the sign of activations mispredicts about
   * half the time and made this loop slower than the GEMMs. The mask is all ones where a's bits are
   * positive (a > 0), zero where a is 0 or negative.
   */
  private static void reluBackward(float[] a, float[] d, int n) {
    for (int i = 0; i < n; i++) {
      int bits = Float.floatToRawIntBits(a[i]);
      int mask = ((-bits) & ~bits) >> 31;
      d[i] = Float.intBitsToFloat(Float.floatToRawIntBits(d[i]) & mask);
    }
  }
}
