// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The weight matrices as a topology-changing hook (ITOP's prune and regrow) sees them, whatever the
 * engine stores: flat column-major indices per layer (DL4J's order, see {@link ParameterLayout}).
 *
 * <p>The dense methods ({@link #weights}, {@link #denseGradient(int)}, the dense {@link #rewire}) copy
 * a whole matrix; the others let an engine that stores active weights only (the sparse engine) serve a
 * topology update in memory proportional to the active weights. Their defaults go through the dense
 * methods, with the same results.
 */
public interface LayerWeights {
  /** Weight matrix l, zero where inactive (a copy). */
  double[] weights(int layer);

  /** The gradient of the last step's loss at every position of weight matrix l, active or not. */
  double[] denseGradient(int layer);

  /**
   * Rewires weight matrix l: the connections {@code pruned} leave, {@code grown} join (flat indices,
   * ascending; an index in both stays), the weights become {@code weights} (dense, zero where
   * inactive) and the optimiser state is reset where {@code resetState} is true.
   */
  void rewire(int layer, int[] pruned, int[] grown, double[] weights, boolean[] resetState);

  /** Weight matrix l's weights at flat indices {@code at} (ascending; zero where inactive). */
  default double[] weightsAt(int layer, int[] at) {
    double[] w = weights(layer);
    double[] out = new double[at.length];
    for (int i = 0; i < at.length; i++) {
      out[i] = w[at[i]];
    }
    return out;
  }

  /**
   * {@link #weightsAt(int, int[])} at the first {@code n} indices of {@code at}, into the start of
   * {@code out}: a topology update can reuse its arrays instead of making new ones each time.
   */
  default void weightsAt(int layer, int[] at, int n, double[] out) {
    System.arraycopy(weightsAt(layer, Arrays.copyOf(at, n)), 0, out, 0, n);
  }

  /**
   * Writes the flat indices of weight matrix l's active weights, ascending, into the start of {@code at}, and
   * their weights into the start of {@code values}, and returns how many; -1, writing nothing, where the engine
   * does not hold the active set itself (the default: a topology update then finds the indices in its mask and
   * asks {@link #weightsAt(int, int[], int, double[])}, with the same results).
   */
  default int activeWeights(int layer, int[] at, double[] values) {
    return -1;
  }

  /** Receives a dense gradient in consecutive blocks. */
  @FunctionalInterface
  interface GradientBlocks {
    /** {@code block[0 .. length)} is the gradient at flat indices {@code from .. from + length)}. */
    void accept(int from, double[] block, int length);
  }

  /**
   * Hands the gradient of {@link #denseGradient(int)} to {@code sink} in flat index order, a block at a
   * time, so that the whole matrix need not exist as one array. The values are those of {@link
   * #denseGradient(int)}, bit for bit.
   */
  default void denseGradient(int layer, GradientBlocks sink) {
    double[] g = denseGradient(layer);
    sink.accept(0, g, g.length);
  }

  /**
   * Hands about {@code columns} evenly spaced columns of the dense gradient (weight matrix l's columns 0, s, 2s, ...)
   * to {@code sink}, each at its flat indices, where the engine can compute them for much less than the whole
   * gradient; returns false, handing nothing, where it cannot (the default). A topology update estimates a bound
   * for its scan of the gradient from them (checked afterwards): the values need not be bit for bit those of
   * {@link #denseGradient(int)}.
   */
  default boolean gradientSample(int layer, int columns, GradientBlocks sink) {
    return false;
  }

  /** Receives RigL's growth candidates: flat index and gradient value. */
  @FunctionalInterface
  interface Candidates {
    void accept(int index, double gradient);
  }

  /**
   * Hands {@code sink}, in flat index order, every position of weight matrix l not in {@code active} ({@link
   * ActiveBits}) where the dense gradient g (the values of {@link #denseGradient(int)}, bit for bit) has −|g| at most
   * {@code bound}, without the whole gradient passing through memory; returns false, handing nothing, where the
   * engine cannot (the default: the caller then scans {@link #denseGradient(int, GradientBlocks)}). {@code expected},
   * about how many pass over the whole matrix, sizes the engine's buffers (more are handed over too).
   */
  default boolean gradientCandidates(int layer, long[] active, double bound, int expected, Candidates sink) {
    return false;
  }

  /**
   * How many tasks {@link #inParallel} runs at once: the engine's threads, 1 by default. A topology update
   * sizes its per-thread scratch and its ranges by it; its results do not depend on it. An engine that returns
   * more than 1 also overrides {@link #denseGradientInRounds} with small rounds: the consumer keeps up to a
   * round's values per thread.
   */
  default int threads() {
    return 1;
  }

  /**
   * Runs {@code task.accept(t)} once for every t in [0, tasks) on the engine's threads (by default one after
   * another on this thread) and returns when all have finished, rethrowing a task's exception. Which thread
   * runs which task, and in what order, is open: tasks write disjoint data.
   */
  default void inParallel(int tasks, IntConsumer task) {
    for (int t = 0; t < tasks; t++) {
      task.accept(t);
    }
  }

  /** Receives a dense gradient in rounds of blocks, the blocks of a round on several threads at once. */
  interface GradientRounds {
    /**
     * {@code block[0 .. length)} is the gradient at flat indices {@code from .. from + length)}. A round gives
     * each slot 0, 1, ... one or more consecutive blocks, in index order, on its own thread, the slots at the same
     * time; every block of a slot lies after every block of the slots before it. The block is the engine's until
     * the call returns.
     */
    void accept(int slot, int from, double[] block, int length);

    /** Called on the calling thread once all blocks of a round were accepted, before the next round. */
    void endRound();
  }

  /**
   * The values of {@link #denseGradient(int, GradientBlocks)} in rounds of consecutive blocks for up to {@link
   * #threads} slots, rounds in index order, so that a consumer can scan the blocks of a round on the engine's
   * threads and merge them on the calling thread. By default one block per round, in slot 0.
   */
  default void denseGradientInRounds(int layer, GradientRounds sink) {
    denseGradient(layer, (from, block, length) -> {
      sink.accept(0, from, block, length);
      sink.endRound();
    });
  }

  /**
   * Rewires weight matrix l as the dense {@link #rewire} does, described by the change alone, the first {@code count}
   * entries of {@code pruned}, {@code grown} and {@code grownWeights} (the arrays may be longer): a connection in
   * {@code pruned} only leaves (weight zero, state reset); one in {@code grown} only joins with weight {@code
   * grownWeights[i]} for {@code grown[i]} and fresh state; one in both stays as it is, or, when {@code
   * reinitRegrown}, takes its {@code grownWeights} entry and fresh state. Both lists ascending.
   */
  default void rewire(int layer, int[] pruned, int[] grown, int count, double[] grownWeights,
      boolean reinitRegrown) {
    double[] w = weights(layer);
    boolean[] reset = new boolean[w.length];
    for (int i = 0; i < count; i++) {
      int j = pruned[i];
      if (Arrays.binarySearch(grown, 0, count, j) < 0 || reinitRegrown) {
        reset[j] = true;
        w[j] = 0;
      }
    }
    for (int i = 0; i < count; i++) {
      int j = grown[i];
      if (Arrays.binarySearch(pruned, 0, count, j) < 0 || reinitRegrown) {
        reset[j] = true;
        w[j] = grownWeights[i];
      }
    }
    rewire(layer, Arrays.copyOf(pruned, count), Arrays.copyOf(grown, count), w, reset);
  }
}
