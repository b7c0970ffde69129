package org.overparam.itop;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.common.Checks;
import org.overparam.common.Seeds;
import org.overparam.nn.FlatOptimizer;
import org.overparam.nn.ParameterLayout;
import org.overparam.nn.TrainingHook;

/**
 * Dynamic sparse training as a {@link TrainingHook}: masks the weights from the start, masks the
 * gradients before every optimiser step, re-applies the masks after it, and every ΔT steps prunes
 * and regrows connections, zeroing the optimiser state wherever a connection changed.
 */
public final class ItopHook implements TrainingHook {
  private final ItopConfig cfg;
  private final long seed;
  private ParameterLayout layout;
  private SparseMasks masks;
  private PruneRegrowSchedule schedule;
  /** 1 at active weights and at every bias, 0 at inactive weights; same shape as the parameters. */
  private INDArray flatMask;
  private double[] denseGradient;
  /** Prune rate of a topology update requested for the next step; NaN when none is pending. */
  private double requestedRate = Double.NaN;

  public ItopHook(ItopConfig cfg, long seed) {
    this.cfg = cfg;
    this.seed = seed;
  }

  @Override
  public void initialize(ParameterLayout layout, INDArray params, Schedule runSchedule) {
    this.layout = layout;
    int L = layout.weights().size();
    boolean[] forced = new boolean[L];
    forced[0] |= cfg.keepFirstDense();
    forced[L - 1] |= cfg.keepOutputDense();
    double[] d = LayerDensities.compute(layout.shapes(), cfg, forced);
    int[] sizes = layout.weights().stream().mapToInt(ParameterLayout.Segment::length).toArray();
    masks = new SparseMasks(sizes, d, Seeds.stream(seed, "itop/masks"));
    schedule = new PruneRegrowSchedule(cfg, runSchedule.totalIterations(), runSchedule.iterationsPerEpoch());
    flatMask = buildFlatMask(params);
    params.muli(flatMask);
  }

  @Override
  public void beforeUpdate(INDArray params, INDArray gradient, long iteration) {
    if (cfg.growth() == Growth.GRADIENT && updatesAfter(iteration + 1)) {
      denseGradient = gradient.toDoubleVector(); // RigL ranks the dense gradient, inactive entries included
    }
    if (cfg.maskGradients()) {
      gradient.muli(flatMask);
    }
  }

  @Override
  public void afterUpdate(INDArray params, FlatOptimizer optimizer, long iteration) {
    params.muli(flatMask);
    long t = iteration + 1;
    if (!Double.isNaN(requestedRate)) {
      double p = requestedRate;
      requestedRate = Double.NaN;
      topologyUpdate(params, optimizer, t, p);
    } else if (schedule.isUpdate(t)) {
      topologyUpdate(params, optimizer, t, schedule.pruneRate(t));
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

  private void topologyUpdate(INDArray params, FlatOptimizer optimizer, long t, double p) {
    double[] w = params.toDoubleVector();
    double[] keepState = new double[w.length];
    Arrays.fill(keepState, 1);
    SplittableRandom rng = Seeds.stream(seed, "itop/update/" + t);
    List<ParameterLayout.Segment> segs = layout.weights();
    for (int l = 0; l < segs.size(); l++) {
      ParameterLayout.Segment s = segs.get(l);
      int off = (int) s.offset();
      double[] layerW = Arrays.copyOfRange(w, off, off + s.length());
      double[] layerG = denseGradient == null ? null
          : Arrays.copyOfRange(denseGradient, off, off + s.length());
      SparseMasks.Change change = masks.update(l, layerW, layerG, p, cfg.growth(), rng);
      boolean[] prunedNow = new boolean[s.length()];
      for (int j : change.pruned()) {
        prunedNow[j] = true;
      }
      for (int j : change.pruned()) {
        if (!masks.isActive(l, j) || cfg.reinitWhenSame()) {
          keepState[off + j] = 0;
          w[off + j] = 0;
        }
      }
      for (int j : change.grown()) {
        if (!prunedNow[j] || cfg.reinitWhenSame()) {
          keepState[off + j] = 0;
          w[off + j] = cfg.regrowInit() == RegrowInit.NORMAL ? gaussian(rng) * cfg.regrowInitStd() : 0;
        }
      }
    }
    masks.countUpdate(p);
    denseGradient = null;
    params.assign(Nd4j.create(w).castTo(params.dataType()).reshape(params.shape()));
    flatMask = buildFlatMask(params);
    params.muli(flatMask);
    optimizer.maskState(Nd4j.create(keepState).castTo(params.dataType()).reshape(params.shape()));
  }

  private INDArray buildFlatMask(INDArray params) {
    double[] m = new double[(int) layout.totalLength()];
    Arrays.fill(m, 1);
    List<ParameterLayout.Segment> segs = layout.weights();
    for (int l = 0; l < segs.size(); l++) {
      int off = (int) segs.get(l).offset();
      for (int j = 0; j < segs.get(l).length(); j++) {
        if (!masks.isActive(l, j)) {
          m[off + j] = 0;
        }
      }
    }
    return Nd4j.create(m).castTo(params.dataType()).reshape(params.shape());
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
    m.put("R_s", masks.itopRate());
    m.put("density", masks.density());
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

  /** A text report of the sparse topology (itop.md §6). */
  public ItopReport report(int iterationsPerEpoch) {
    return ItopReport.of(this, iterationsPerEpoch);
  }
}
