// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import java.util.Arrays;
import org.overparam.common.Checks;

/** Per-layer densities and exact nonzero counts for a target global density (ERK: Evci et al., ICML 2020). */
public final class LayerDensities {
  private LayerDensities() {}

  /**
   * Densities d_l for weight matrices of shapes [nIn, nOut].
   *
   * @param forcedDense layers that must stay dense (they count towards the budget)
   */
  public static double[] compute(int[][] shapes, ItopConfig cfg, boolean[] forcedDense) {
    int L = shapes.length;
    double[] n = new double[L];
    double[] raw = new double[L];
    for (int l = 0; l < L; l++) {
      n[l] = (double) shapes[l][0] * shapes[l][1];
      raw[l] = (shapes[l][0] + shapes[l][1]) / n[l];
    }
    double[] d = new double[L];
    switch (cfg.distribution()) {
      case ER_EPSILON -> {
        for (int l = 0; l < L; l++) {
          d[l] = forcedDense[l] ? 1 : Math.min(1, cfg.erEpsilon() * raw[l]);
        }
      }
      case UNIFORM -> {
        double total = Arrays.stream(n).sum();
        double forced = 0;
        double maskable = 0;
        for (int l = 0; l < L; l++) {
          if (forcedDense[l]) {
            forced += n[l];
          } else {
            maskable += n[l];
          }
        }
        double u = maskable == 0 ? 1 : (cfg.density() * total - forced) / maskable;
        Checks.require(u > 0, "-sparsity " + cfg.sparsity() + " is too high for the layers forced dense (-keep-first-dense, -keep-output-dense)");
        Checks.require(u <= 1 + 1e-12, "-sparsity " + cfg.sparsity() + " cannot be reached: no density below 1 remains");
        for (int l = 0; l < L; l++) {
          d[l] = forcedDense[l] ? 1 : Math.min(1, u);
        }
      }
      case ERK -> {
        boolean[] dense = forcedDense.clone();
        double D = cfg.density();
        while (true) {
          double rhs = 0;
          double divisor = 0;
          double maxRaw = 0;
          for (int l = 0; l < L; l++) {
            if (dense[l]) {
              rhs -= (1 - D) * n[l];
            } else {
              double r = Math.pow(raw[l], cfg.erkPower());
              rhs += D * n[l];
              divisor += r * n[l];
              maxRaw = Math.max(maxRaw, r);
            }
          }
          if (divisor == 0) {
            break; // every layer dense
          }
          Checks.require(rhs > 0, "sparsity " + cfg.sparsity() + " cannot be reached with the layers that must stay "
              + "dense (-keep-first-dense, -keep-output-dense, and layers ERK makes dense): lower -sparsity, or let "
              + "those layers be sparse");
          double eps = rhs / divisor;
          if (eps * maxRaw > 1) {
            for (int l = 0; l < L; l++) {
              double r = Math.pow(raw[l], cfg.erkPower());
              if (!dense[l] && Math.abs(r - maxRaw) <= 1e-12 * maxRaw) {
                dense[l] = true;
              }
            }
            continue;
          }
          for (int l = 0; l < L; l++) {
            d[l] = dense[l] ? 1 : eps * Math.pow(raw[l], cfg.erkPower());
          }
          return d;
        }
        Arrays.fill(d, 1);
      }
      default -> throw new IllegalStateException(cfg.distribution().toString());
    }
    return d;
  }

  /** Exact nonzero count: n − floor((1 − d)·n + 1e-9). */
  public static int nonzeros(int n, double density) {
    int zeros = (int) Math.floor((1 - density) * n + 1e-9);
    return n - Math.max(0, zeros);
  }
}
