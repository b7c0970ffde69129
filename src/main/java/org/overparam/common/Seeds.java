// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.common;

/**
 * Derives independent random streams from the one user seed ({@code -S}).
 *
 * <p>Every consumer of randomness (shuffling, weight init, masks, noise variables, ...) asks for
 * its own stream by name, so adding a consumer never shifts the numbers another one sees.
 */
public final class Seeds {
  private Seeds() {}

  /** A 64-bit seed for the stream {@code name}, a pure function of {@code seed} and the name. */
  public static long derive(long seed, String name) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (int i = 0; i < name.length(); i++) {
      h = mix(h ^ name.charAt(i));
    }
    return h;
  }

  /** A seeded {@link java.util.SplittableRandom} for the stream {@code name}. */
  public static java.util.SplittableRandom stream(long seed, String name) {
    return new java.util.SplittableRandom(derive(seed, name));
  }

  /** SplitMix64 finaliser: a bijective, well-mixed 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
