// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.common;

import java.util.Map;

/** Receives one report per epoch (or evaluation interval) from a core trainer. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (epoch, metrics) -> {};

  /**
   * @param epoch 1-based epoch (or interval) just finished
   * @param metrics named values in a stable order (loss, accuracy, R_s, ...)
   */
  void onEpoch(int epoch, Map<String, Double> metrics);
}
