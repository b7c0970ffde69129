// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.common.ArgMax;
import org.overparam.common.Checks;
import org.overparam.common.Seeds;
import org.overparam.engine.LayerWeights;
import org.overparam.engine.NetworkStep;
import org.overparam.engine.ParameterLayout;
import org.overparam.engine.TrainingHook;
import org.overparam.itop.Growth;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.ItopHook;
import org.overparam.itop.SparseMasks;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.NetworkFactory;
import org.overparam.nn.Objective;
import org.overparam.nn.OptimizerState;
import org.overparam.nn.SoftmaxCrossEntropy;
import org.overparam.nn.TrainingSet;

/**
 * ITOP sparse training data-parallel, simulated in one JVM (docs/scaling.md): K workers, each a copy
 * of the network on its own shard of the training rows, run s local minibatch steps from the shared
 * weights; then their parameters (and, if chosen, their optimiser state) are averaged over the
 * workers on the current mask and every worker continues from the average, as Spark parameter
 * averaging does. At each ITOP topology update the masks are decided once, by one {@link ItopHook},
 * from the averaged weights (RigL: and the workers' mean dense gradient), and the same rewiring is
 * applied to every copy. A scheduled topology update ends a round early, so ITOP's schedule (in
 * per-worker steps) is kept for every s.
 *
 * <p>Each worker is the package's own {@link NetworkStep} (forward, backward, optimiser, masks), so
 * nothing of the math is copied. Worker 0 uses the single-machine trainer's data order, and one
 * worker's average is its own parameters: K = 1 trains exactly as {@code NetworkTrainer} does, for
 * every s. With K &gt; 1 the n mod K rows left over by equal shards are not used.
 *
 * <p>Traffic is counted per worker and round between the workers and the driver, up and down, in
 * float32 values and int32 indices: "dense" sends every weight and bias (as DL4J's parameter
 * averaging does), "sparse" the active weights' values with their indices and the biases. Averaged
 * optimiser state adds one value per parameter and state vector. At a topology update a RigL worker
 * also uploads the dense gradient of its sparse layers, and the dense format broadcasts the changed
 * positions of the mask (the sparse format carries the mask in its indices).
 */
public final class DataParallelItop {
  /** Bytes of a float32 value or an int32 index. */
  static final int WORD = 4;

  /**
   * @param workers K, the number of simulated workers (data partitions)
   * @param averagingInterval s, local steps between averaging rounds
   * @param averageOptimizerState average the optimiser state (momentum) too, as DL4J's
   *     ParameterAveragingTrainingMaster does by default; else each worker keeps its own
   */
  public record Settings(int workers, int averagingInterval, boolean averageOptimizerState) {
    public Settings {
      Checks.positive("workers", workers);
      Checks.positive("averaging interval", averagingInterval);
    }
  }

  /** Bytes moved between the workers and the driver. */
  public record Traffic(long denseRoundBytes, long sparseRoundBytes, long denseTotal, long sparseTotal) {}

  /** One layer's rewiring, decided once and applied to every worker. */
  private record Rewire(int layer, int[] pruned, int[] grown, double[] weights, boolean[] reset) {}

  private final NetworkConfig config;
  private final TrainingSet data;
  private final Settings settings;
  private final ItopHook itop;
  private final ParameterLayout layout;
  private final NetworkStep[] steps;
  private final WorkerHook[] hooks;
  private final int[][] shards;
  private final int[][] order;
  private final int[] orderEpoch;
  private final int batchesPerEpoch;
  private final long totalIterations;
  /** RigL: topology updates need the workers' dense gradients. */
  private final boolean rigl;
  /** Optimiser state vectors per parameter (1 for Nesterov momentum, 2 for Adam). */
  private final int stateVectors;
  private long iteration;
  private int rounds;
  private long denseRoundBytes;
  private long sparseRoundBytes;
  private long denseTotal;
  private long sparseTotal;

  /**
   * @param itopSeed the ITOP hook's seed (ItopSparseNetwork derives it from -S as {@code Seeds.derive(seed, "itop")})
   */
  public DataParallelItop(NetworkConfig config, ItopConfig itopConfig, long itopSeed, TrainingSet data,
      Settings settings) {
    Checks.require(config.validationFraction() == 0, "the simulation has no validation split (early stopping)");
    Checks.require(itopConfig.isSparse(), "the simulation trains a sparse network: -sparsity must be > 0");
    int k = settings.workers();
    Checks.require(data.size() >= k, "K = " + k + " workers need at least " + k + " rows, got " + data.size());
    this.config = config;
    this.data = data;
    this.settings = settings;
    shards = shards(data.size(), k, config.seed());
    int shardSize = shards[0].length;
    batchesPerEpoch = (shardSize + config.batchSize() - 1) / config.batchSize();
    totalIterations = (long) config.epochs() * batchesPerEpoch;
    TrainingHook.Schedule schedule = new TrainingHook.Schedule(totalIterations, batchesPerEpoch, shardSize,
        config.batchSize());
    itop = new ItopHook(itopConfig, itopSeed);
    steps = new NetworkStep[k];
    hooks = new WorkerHook[k];
    order = new int[k][];
    orderEpoch = new int[k];
    Arrays.fill(orderEpoch, -1);
    ParameterLayout[] layouts = new ParameterLayout[1];
    Dl4jRuntime.run(() -> {
      for (int w = 0; w < k; w++) {
        // every worker starts from the same weights, those of the single-machine trainer
        Nd4j.getRandom().setSeed(Seeds.derive(config.seed(), "nd4j"));
        var net = NetworkFactory.build(data.numInputs(), data.numClasses(), config);
        if (w == 0) {
          layouts[0] = ParameterLayout.of(net);
          itop.initialize(layouts[0], schedule); // once: the masks belong to the driver
        }
        Objective objective = new SoftmaxCrossEntropy();
        objective.begin(data, shards[w].clone(), Seeds.stream(config.seed(), "objective"));
        hooks[w] = new WorkerHook();
        steps[w] = new NetworkStep(net, config, objective, hooks[w], schedule);
      }
    });
    layout = layouts[0];
    rigl = itopConfig.growth() == Growth.GRADIENT;
    stateVectors = optimizerState(0).vectors().length;
  }

  /** Equal shards of a seeded permutation, each in row order; K = 1 keeps every row in order. */
  static int[][] shards(int n, int k, long seed) {
    int[] perm = java.util.stream.IntStream.range(0, n).toArray();
    if (k > 1) {
      shuffle(perm, Seeds.stream(seed, "shards"));
    }
    int m = n / k;
    int[][] s = new int[k][];
    for (int w = 0; w < k; w++) {
      s[w] = Arrays.copyOfRange(perm, w * m, (w + 1) * m);
      Arrays.sort(s[w]);
    }
    return s;
  }

  /** Trains every epoch: rounds of at most s local steps, each followed by averaging. */
  public void train() {
    while (iteration < totalIterations) {
      long end = Math.min(iteration + settings.averagingInterval(), totalIterations);
      for (long t = iteration + 1; t < end; t++) {
        if (itop.schedule().isUpdate(t)) {
          end = t; // a topology update needs the averaged weights: the round ends there
          break;
        }
      }
      for (int w = 0; w < steps.length; w++) {
        for (long t = iteration; t < end; t++) {
          step(w, t);
        }
      }
      double[] average = average();
      countRound();
      if (itop.schedule().isUpdate(end)) {
        topologyUpdate(average, end);
      }
      iteration = end;
    }
  }

  private void step(int w, long t) {
    int epoch = (int) (t / batchesPerEpoch);
    if (orderEpoch[w] != epoch) {
      order[w] = shards[w].clone();
      // worker 0 shuffles as the single-machine trainer does
      shuffle(order[w], Seeds.stream(config.seed(), "shuffle/" + epoch + (w == 0 ? "" : "/worker " + w)));
      orderEpoch[w] = epoch;
    }
    int from = (int) (t % batchesPerEpoch) * config.batchSize();
    int[] batch = Arrays.copyOfRange(order[w], from, Math.min(order[w].length, from + config.batchSize()));
    int[] labels = new int[batch.length];
    double[] weights = new double[batch.length];
    for (int r = 0; r < batch.length; r++) {
      labels[r] = data.labels()[batch[r]];
      weights[r] = data.weights()[batch[r]];
    }
    Objective.Step step = new Objective.Step(batch, batch.length, labels, weights, epoch, t);
    double lr = config.schedule().rate(config.learningRate(), t, totalIterations, config.lrMinFactor());
    Dl4jRuntime.run(() -> steps[w].run(data.x(), batch, step, lr));
  }

  /**
   * Averages the workers' parameters on the current mask (inactive weights stay zero) and, if
   * chosen, their optimiser state; every worker continues from the average, which is returned.
   */
  private double[] average() {
    int k = steps.length;
    double[] avg = Dl4jRuntime.call(() -> {
      double[] sum = new double[(int) layout.totalLength()];
      for (NetworkStep s : steps) {
        VectorSum.add(sum, s.parameters());
      }
      return sum;
    });
    VectorSum.scale(avg, 1.0 / k);
    SparseMasks masks = itop.masks();
    for (ParameterLayout.Segment seg : layout.weights()) {
      int off = (int) seg.offset();
      for (int j = 0; j < seg.length(); j++) {
        if (!masks.isActive(seg.layer(), j)) {
          avg[off + j] = 0;
        }
      }
    }
    OptimizerState state = settings.averageOptimizerState() ? averageState() : null;
    Dl4jRuntime.run(() -> {
      for (NetworkStep s : steps) {
        s.restoreParameters(avg);
        if (state != null) {
          s.restoreOptimizerState(state);
        }
      }
    });
    rounds++;
    return avg;
  }

  private OptimizerState averageState() {
    return Dl4jRuntime.call(() -> {
      OptimizerState first = steps[0].optimizerState();
      double[][] sum = new double[first.vectors().length][];
      for (int v = 0; v < sum.length; v++) {
        sum[v] = first.vectors()[v].clone();
      }
      for (int w = 1; w < steps.length; w++) {
        OptimizerState s = steps[w].optimizerState();
        for (int v = 0; v < sum.length; v++) {
          VectorSum.add(sum[v], s.vectors()[v]);
        }
      }
      for (double[] v : sum) {
        VectorSum.scale(v, 1.0 / steps.length);
      }
      return new OptimizerState(first.steps(), sum);
    });
  }

  /**
   * One topology update at step t: the shared hook decides it on the averaged weights (and the mean
   * dense gradient), and every worker applies the same rewiring.
   */
  private void topologyUpdate(double[] average, long t) {
    List<Rewire> changes = new ArrayList<>();
    LayerWeights driver = new LayerWeights() {
      @Override
      public double[] weights(int l) {
        ParameterLayout.Segment s = layout.weights().get(l);
        return Arrays.copyOfRange(average, (int) s.offset(), (int) s.offset() + s.length());
      }

      @Override
      public double[] denseGradient(int l) {
        double[] mean = new double[layout.weights().get(l).length()];
        for (WorkerHook h : hooks) {
          Checks.require(h.gradient != null && h.gradient[l] != null, "no dense gradient was collected for layer " + l);
          VectorSum.add(mean, h.gradient[l]);
        }
        VectorSum.scale(mean, 1.0 / hooks.length);
        return mean;
      }

      @Override
      public void rewire(int l, int[] pruned, int[] grown, double[] weights, boolean[] reset) {
        changes.add(new Rewire(l, pruned.clone(), grown.clone(), weights.clone(), reset.clone()));
      }
    };
    itop.afterStep(driver, t - 1); // the hook runs the update scheduled after step t
    Dl4jRuntime.run(() -> {
      for (NetworkStep s : steps) {
        s.betweenSteps(lw -> {
          for (Rewire c : changes) {
            lw.rewire(c.layer(), c.pruned().clone(), c.grown().clone(), c.weights().clone(), c.reset().clone());
          }
        });
      }
    });
    for (WorkerHook h : hooks) {
      h.gradient = null;
    }
    countTopologyUpdate(changes);
  }

  private void countRound() {
    long state = settings.averageOptimizerState() ? stateVectors : 0;
    long weights = 0;
    long active = 0;
    long biases = 0;
    for (ParameterLayout.Segment s : layout.weights()) {
      weights += s.length();
      active += itop.masks().nonzeros(s.layer());
      biases += s.nOut();
    }
    // up and down
    denseRoundBytes = 2L * WORD * (weights + biases) * (1 + state);
    sparseRoundBytes = 2L * WORD * ((active + biases) * (1 + state) + active);
    if (steps.length > 1) { // one worker sends nothing
      denseTotal += steps.length * denseRoundBytes;
      sparseTotal += steps.length * sparseRoundBytes;
    }
  }

  private void countTopologyUpdate(List<Rewire> changes) {
    if (steps.length == 1) {
      return;
    }
    long gradient = 0;
    long changed = 0;
    for (Rewire c : changes) {
      gradient += rigl ? layout.weights().get(c.layer()).length() : 0;
      changed += c.pruned().length + c.grown().length;
    }
    denseTotal += (long) steps.length * WORD * (gradient + changed);
    sparseTotal += (long) steps.length * WORD * gradient;
  }

  /** Test accuracy of the averaged network (worker 0 after the last round), in batches of 1000 rows. */
  public double accuracy(float[][] x, int[] labels) {
    int right = 0;
    for (int from = 0; from < x.length; from += 1000) {
      int[] rows = java.util.stream.IntStream.range(from, Math.min(x.length, from + 1000)).toArray();
      double[][] logits = Dl4jRuntime.call(() -> steps[0].forward(x, rows));
      for (int r = 0; r < rows.length; r++) {
        right += ArgMax.of(logits[r]) == labels[rows[r]] ? 1 : 0;
      }
    }
    return (double) right / x.length;
  }

  /** Worker w's parameters (DL4J's flat order). */
  public double[] parameters(int w) {
    return Dl4jRuntime.call(() -> steps[w].parameters());
  }

  /** Worker w's optimiser state. */
  public OptimizerState optimizerState(int w) {
    return Dl4jRuntime.call(() -> steps[w].optimizerState());
  }

  /** Whether the workers run the sparse engine. */
  public boolean runsSparse() {
    return steps[0].isSparse();
  }

  public SparseMasks masks() {
    return itop.masks();
  }

  public ParameterLayout layout() {
    return layout;
  }

  public int rounds() {
    return rounds;
  }

  public long iterations() {
    return iteration;
  }

  public Traffic traffic() {
    return new Traffic(denseRoundBytes, sparseRoundBytes, denseTotal, sparseTotal);
  }

  /** Fisher–Yates, as the single-machine trainer shuffles (so worker 0 sees its batches). */
  static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * A worker's view of the shared hook: its masks and execution, no topology updates of its own; it
   * keeps the dense gradient of the step before a RigL update for the driver to average.
   */
  private final class WorkerHook implements TrainingHook {
    private double[][] gradient;

    @Override
    public void initialize(ParameterLayout l, Schedule s) {
      // the driver initialised the shared hook once
    }

    @Override
    public long[] activeWeights(int layer) {
      return itop.activeWeights(layer);
    }

    @Override
    public ExecutionMode execution() {
      return itop.execution();
    }

    @Override
    public boolean masksGradients() {
      return itop.masksGradients();
    }

    @Override
    public boolean wantsDenseGradient(long t) {
      return itop.wantsDenseGradient(t);
    }

    @Override
    public void afterStep(LayerWeights weights, long t) {
      if (itop.wantsDenseGradient(t)) {
        gradient = new double[layout.weights().size()][];
        for (int l = 0; l < gradient.length; l++) {
          gradient[l] = itop.masks().isDense(l) ? null : weights.denseGradient(l);
        }
      }
    }
  }

  /** Element-wise sums in double. */
  private static final class VectorSum {
    static void add(double[] sum, double[] v) {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += v[j];
      }
    }

    static void scale(double[] v, double f) {
      for (int j = 0; j < v.length; j++) {
        v[j] *= f;
      }
    }
  }
}
