// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.testing;

import java.util.ArrayList;
import java.util.List;
import weka.core.Attribute;
import weka.core.Instances;

/** Empty tables for synthetic data in tests and benchmarks. */
public final class Headers {
  private Headers() {
  }

  /**
   * {@code d} numeric attributes x0 … x(d−1), then a nominal class with the values c0 … c(k−1), set as the
   * class; no rows, room for {@code capacity}.
   */
  public static Instances numericWithClass(String relation, int d, int k, int capacity) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      atts.add(new Attribute("x" + j));
    }
    List<String> classes = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      classes.add("c" + c);
    }
    atts.add(new Attribute("class", classes));
    Instances data = new Instances(relation, atts, capacity);
    data.setClassIndex(d);
    return data;
  }
}
