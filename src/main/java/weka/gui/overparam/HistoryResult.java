// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.gui.overparam;

/**
 * One entry of the tab's list: a trained model that keeps training histories, and where it came
 * from (the Classify or Cluster tab's result name, or a model file).
 */
public record HistoryResult(String source, String name, Object model) {

  @Override
  public String toString() {
    return source + ": " + name;
  }
}
