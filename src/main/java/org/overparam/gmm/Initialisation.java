// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.gmm;

/** How the component means are chosen before the first EM step. */
public enum Initialisation {
  /** D^2-weighted seeding (Arthur and Vassilvitskii 2007) on the numeric attributes. */
  K_MEANS_PLUS_PLUS,
  /** k distinct training rows, drawn uniformly among those with positive weight. */
  RANDOM_DATA_POINTS,
  /** Means given by the user ({@code -init-means}). */
  USER
}
