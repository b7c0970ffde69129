// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** ERK (Evci et al., ICML 2020, Section 3) and uniform densities against worked examples. */
class LayerDensitiesTest {
  static ItopConfig cfg(double density, Distribution d) {
    ItopConfig base = ItopConfig.defaults(1 - density);
    return ItopConfig.builder().sparsity(1 - density).distribution(d).growth(base.growth()).build();
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "10,256,256,256,256,2; 0.1; 0.847918,0.063753,1.0; 2171,4179,512",
      "784,300,300,100,100,10; 0.05; 0.038484,0.111334,0.918507; 9052,3341,919",
      "20,64,64,64,64,3; 0.2; 0.285283,0.135849,1.0; 366,557,192"})
  void erkMatchesTheSpecVectors(String shapes, double density, String expected, String counts) {
    int[] s = parse(shapes);
    int[][] sh = {{s[0], s[1]}, {s[2], s[3]}, {s[4], s[5]}};
    double[] d = LayerDensities.compute(sh, cfg(density, Distribution.ERK), new boolean[3]);
    double[] want = java.util.Arrays.stream(expected.split(",")).mapToDouble(Double::parseDouble).toArray();
    assertArrayEquals(want, d, 1e-6);
    int[] nnz = new int[3];
    double total = 0;
    double budget = 0;
    for (int l = 0; l < 3; l++) {
      nnz[l] = LayerDensities.nonzeros(sh[l][0] * sh[l][1], d[l]);
      total += d[l] * sh[l][0] * sh[l][1];
      budget += density * sh[l][0] * sh[l][1];
      assertTrue(d[l] <= 1);
    }
    assertArrayEquals(parse(counts), nnz);
    assertEquals(budget, total, 1e-9 * budget, "sum d_l n_l = D sum n_l");
  }

  @Test
  void forcedDenseLayersCountTowardsTheBudget() {
    int[][] sh = {{10, 256}, {256, 256}, {256, 2}};
    double[] d = LayerDensities.compute(sh, cfg(0.1, Distribution.ERK), new boolean[] {true, false, false});
    assertEquals(1.0, d[0]);
    double total = 0;
    double n = 0;
    for (int l = 0; l < 3; l++) {
      total += d[l] * sh[l][0] * sh[l][1];
      n += sh[l][0] * sh[l][1];
    }
    assertEquals(0.1 * n, total, 1e-9 * n);
  }

  @Test
  void uniformGivesTheSameDensityEverywhere() {
    int[][] sh = {{10, 20}, {20, 30}};
    assertArrayEquals(new double[] {0.25, 0.25},
        LayerDensities.compute(sh, cfg(0.25, Distribution.UNIFORM), new boolean[2]), 1e-12);
  }

  @Test
  void unreachableSparsityIsAClearError() {
    int[][] sh = {{100, 100}, {100, 2}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerDensities.compute(sh, cfg(0.01, Distribution.UNIFORM), new boolean[] {true, false}));
    assertTrue(e.getMessage().contains("sparsity"), e.getMessage());
  }

  private static int[] parse(String csv) {
    return java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
