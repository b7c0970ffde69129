// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.clusterers;

/** Weka's clusterer harness (CheckClusterer, CheckOptionHandler, CheckGOE) on a tiny configuration. */
public class OverparameterizedEMTest extends AbstractClustererTest {
  public OverparameterizedEMTest(String name) {
    super(name);
  }

  @Override
  public Clusterer getClusterer() {
    OverparameterizedEM em = new OverparameterizedEM();
    em.setMaxIterations(20);
    return em;
  }
}
