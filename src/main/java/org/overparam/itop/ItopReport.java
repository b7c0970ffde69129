// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.overparam.engine.ParameterLayout;

/** An immutable summary of a finished sparse run, for toString() (README.md, ItopSparseNetwork). */
public record ItopReport(List<Layer> layers, double sparsity, double itopRate, double expectedRandomItopRate,
    int updates, long plannedUpdates, long deltaT, double deltaTEpochs, double deltaTFraction,
    double lastPruneRate, long regrown, boolean fixedMask) implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** One weight matrix. */
  public record Layer(int index, int nIn, int nOut, int size, int nonzeros, double initialDensity,
      double itopRate, boolean dense) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
  }

  static ItopReport of(ItopHook hook, int iterationsPerEpoch) {
    SparseMasks m = hook.masks();
    PruneRegrowSchedule s = hook.schedule();
    List<Layer> layers = new ArrayList<>();
    for (int l = 0; l < m.numLayers(); l++) {
      ParameterLayout.Segment seg = hook.layout().weights().get(l);
      layers.add(new Layer(l, seg.nIn(), seg.nOut(), m.size(l), m.nonzeros(l), m.initialDensity(l),
          m.itopRate(l), m.isDense(l)));
    }
    boolean never = !s.enabled();
    return new ItopReport(layers, 1 - m.density(), m.itopRate(), m.expectedRandomItopRate(), m.updates(),
        s.plannedUpdates(), never ? 0 : s.deltaT(), never ? 0 : (double) s.deltaT() / iterationsPerEpoch,
        never ? 0 : (double) s.deltaT() / s.totalIterations(), m.lastPruneRate(), m.regrownTotal(), never);
  }

  /** Multi-line text for toString(). */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-6s %-12s %10s %10s %9s %9s %8s  %s%n", "layer", "shape", "weights", "nonzeros",
        "density", "initial", "R_s", ""));
    for (Layer l : layers) {
      // numbered from 1, as the training summary and the history's "layer 1, 2, ..." are
      sb.append(String.format("%-6d %-12s %10d %10d %9.4f %9.4f %8.4f  %s%n", l.index() + 1,
          l.nIn() + "x" + l.nOut(), l.size(), l.nonzeros(), (double) l.nonzeros() / l.size(), l.initialDensity(),
          l.itopRate(), l.dense() ? "dense" : ""));
    }
    sb.append(String.format("sparsity (from the masks): %.4f%n", sparsity));
    sb.append(String.format("ITOP rate R_s: %.4f (expected under random growth: %.4f)%n", itopRate,
        expectedRandomItopRate));
    if (fixedMask) {
      sb.append("topology updates: none (static sparse mask)\n");
    } else {
      sb.append(String.format("topology updates: %d of %d planned, every %d iterations (%.2f epochs, %.4f of the run)%n",
          updates, plannedUpdates, deltaT, deltaTEpochs, deltaTFraction));
      sb.append(updates == 0 ? "last prune rate: none (no update ran), connections regrown: 0\n"
          : String.format("last prune rate: %.4f, connections regrown: %d%n", lastPruneRate, regrown));
    }
    return sb.toString();
  }
}
