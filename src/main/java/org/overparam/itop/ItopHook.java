// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.itop;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.overparam.common.Checks;
import org.overparam.common.Seeds;
import org.overparam.engine.LayerWeights;
import org.overparam.engine.ParameterLayout;
import org.overparam.engine.TrainingHook;
import org.overparam.nn.ExecutionMode;

/**
 * Dynamic sparse training as a {@link TrainingHook}: masks the weights from the start and every ΔT
 * steps prunes and regrows connections, zeroing the optimiser state wherever a connection changed.
 * The engine applies the masks ({@link #activeWeights}): the dense one multiplies by them around
 * every step, the sparse one stores active weights only.
 */
public final class ItopHook implements TrainingHook {
  private final ItopConfig cfg;
  private final long seed;
  private ParameterLayout layout;
  private SparseMasks masks;
  private PruneRegrowSchedule schedule;
  /** Masks of a saved network to continue from; initialize takes them in place of new ones. */
  private SparseMasks resumed;
  /** Prune rate of a topology update requested for the next step; NaN when none is pending. */
  private double requestedRate = Double.NaN;

  public ItopHook(ItopConfig cfg, long seed) {
    this.cfg = cfg;
    this.seed = seed;
  }

  @Override
  public void initialize(ParameterLayout layout, Schedule runSchedule) {
    this.layout = layout;
    int L = layout.weights().size();
    boolean[] forced = new boolean[L];
    forced[0] |= cfg.keepFirstDense();
    forced[L - 1] |= cfg.keepOutputDense();
    double[] d = LayerDensities.compute(layout.shapes(), cfg, forced);
    int[] sizes = layout.weights().stream().mapToInt(ParameterLayout.Segment::length).toArray();
    if (resumed == null) {
      masks = new SparseMasks(sizes, d, Seeds.stream(seed, "itop/masks"));
    } else {
      Checks.require(Arrays.equals(resumed.sizes(), sizes), "the saved masks have layer sizes "
          + Arrays.toString(resumed.sizes()) + ", the network " + Arrays.toString(sizes));
      masks = resumed;
    }
    schedule = new PruneRegrowSchedule(cfg, runSchedule.totalIterations(), runSchedule.iterationsPerEpoch());
  }

  /**
   * Continues from the masks of a saved network (topology, ever-active weights, update count) instead
   * of sampling new ones; call before {@link #initialize}. The random stream of every later update
   * is derived from the seed and the step, so a restored network rewires as the original would.
   */
  public void resumeWith(SparseMasks saved) {
    resumed = saved;
  }

  /** The masks' own active set (not a copy: an engine reads it while it is built, see the interface). */
  @Override
  public long[] activeWeights(int layer) {
    return masks.activeShared(layer);
  }

  @Override
  public ExecutionMode execution() {
    return cfg.execution();
  }

  @Override
  public boolean masksGradients() {
    return cfg.maskGradients();
  }

  @Override
  public boolean wantsDenseGradient(long iteration) {
    return cfg.growth() == Growth.GRADIENT && updatesAfter(iteration + 1); // RigL ranks the dense gradient
  }

  @Override
  public void afterStep(LayerWeights weights, long iteration) {
    double p = dueUpdate(iteration + 1);
    if (!Double.isNaN(p)) {
      topologyUpdate(weights, iteration + 1, p);
    }
  }

  /**
   * Runs a topology update at prune rate {@code pruneRate} after the next optimiser step, in place
   * of any update the schedule has at that step. Learners that decide the timing themselves (a
   * stream learner, which has no planned length, or one reacting to concept drift) call this with
   * the schedule disabled.
   */
  public void requestUpdate(double pruneRate) {
    Checks.inClosed("prune-rate", pruneRate, 0, 1);
    requestedRate = pruneRate;
  }

  private boolean updatesAfter(long t) {
    return !Double.isNaN(requestedRate) || schedule.isUpdate(t);
  }

  /** The prune rate of the topology update after step t (consuming a request), or NaN if none. */
  private double dueUpdate(long t) {
    if (!Double.isNaN(requestedRate)) {
      double p = requestedRate;
      requestedRate = Double.NaN;
      return p;
    }
    return schedule.isUpdate(t) ? schedule.pruneRate(t) : Double.NaN;
  }

  /**
   * Prunes and regrows every sparse layer (Liu et al., ICML 2021): new weights and state resets where a
   * connection changed, handed to the engine layer by layer as the change alone (no dense copy of a
   * layer: the sparse engine keeps a topology update in memory proportional to the active weights, and rewires a
   * layer on its threads).
   */
  private void topologyUpdate(LayerWeights weights, long t, double p) {
    SplittableRandom rng = Seeds.stream(seed, "itop/update/" + t);
    int layers = layout.weights().size();
    for (int l = 0; l < layers; l++) {
      if (masks.isDense(l)) {
        continue;
      }
      SparseMasks.Change change = masks.update(l, weights, p, cfg.growth(), rng);
      int k = change.count();
      int[] pruned = change.pruned(); // the masks' working arrays, until the next update: sorted in place
      Arrays.sort(pruned, 0, k);
      int[] grown = change.grown();
      boolean normal = cfg.regrowInit() == RegrowInit.NORMAL;
      double[] init = initScratch(k);
      for (int i = 0; i < k; i++) { // drawn in the order of growth, as the random stream has it
        init[i] = 0;
        if (normal && (Arrays.binarySearch(pruned, 0, k, grown[i]) < 0 || cfg.reinitWhenSame())) {
          init[i] = gaussian(rng) * cfg.regrowInitStd();
        }
      }
      int[] sortedGrown = grown;
      double[] sortedInit = init;
      if (!ascending(grown, k)) { // RANDOM growth's draw order
        if (normal) {
          long[] order = new long[k]; // (index, position) pairs: sorting them sorts grown and init alike
          for (int i = 0; i < k; i++) {
            order[i] = (long) grown[i] << 32 | i;
          }
          Arrays.sort(order);
          sortedGrown = new int[k];
          sortedInit = new double[k];
          for (int i = 0; i < k; i++) {
            sortedGrown[i] = (int) (order[i] >>> 32);
            sortedInit[i] = init[(int) order[i]];
          }
        } else {
          Arrays.sort(grown, 0, k); // the weights are all zero: their order needs no sorting
        }
      }
      weights.rewire(l, pruned, sortedGrown, k, sortedInit, cfg.reinitWhenSame());
    }
    masks.countUpdate(p);
  }

  /**
   * The new weights of a layer's grown connections: one array kept across updates and layers (not saved), as fresh
   * ones were garbage in proportion to the active weights (issue 16).
   */
  private double[] initScratch;

  private double[] initScratch(int k) {
    if (initScratch == null || initScratch.length < k) {
      initScratch = new double[k];
    }
    return initScratch;
  }

  private static boolean ascending(int[] a, int n) {
    for (int i = 1; i < n; i++) {
      if (a[i] < a[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private static double gaussian(SplittableRandom rng) {
    // Box–Muller from the seeded stream (java.util.Random's nextGaussian would be a second RNG).
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  @Override
  public Map<String, Double> epochMetrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("density/all layers", masks.density());
    for (int l = 0; l < masks.numLayers(); l++) {
      m.put("density/layer " + (l + 1), (double) masks.nonzeros(l) / masks.size(l));
    }
    m.put("R_s/all layers", masks.itopRate());
    for (int l = 0; l < masks.numLayers(); l++) {
      m.put("R_s/layer " + (l + 1), masks.itopRate(l));
    }
    m.put("topology updates", (double) masks.updates());
    return m;
  }

  public SparseMasks masks() {
    return masks;
  }

  public PruneRegrowSchedule schedule() {
    return schedule;
  }

  public ParameterLayout layout() {
    return layout;
  }

  /** A text report of the sparse topology (README.md, ItopSparseNetwork). */
  public ItopReport report(int iterationsPerEpoch) {
    return ItopReport.of(this, iterationsPerEpoch);
  }
}
