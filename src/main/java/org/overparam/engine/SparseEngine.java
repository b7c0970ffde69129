// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.lang.ref.Reference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.nn.Activation;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.OptimizerState;

/**
 * The sparse engine: every weight matrix is a {@link SparseLayer} holding its active weights only,
 * multiplied by {@link SparseKernels} (forward, input gradient and weight gradient at active
 * positions), and updated by {@link ArrayOptimizer}; the products, the activations and the update run on the run's
 * threads through {@link KernelPool}, with the same bits for any number.
 * A layer a hook leaves unmasked is a sparse layer with every weight active. The DL4J network is the model
 * container: it receives the weights on {@link #writeToNetwork()}, for predictions, validation and the final
 * model.
 *
 * <p>RigL's dense gradient is computed only when a topology update asks for it
 * ({@link #denseGradient(int, GradientBlocks)}), as one GEMM on the last batch's activations and deltas,
 * and handed over in blocks; with {@link #weightsAt} and the change-only {@link #rewire(int, int[], int[],
 * int, double[], boolean)}, a topology update needs no dense heap copy of a layer. The update's scans, selections and
 * rewiring run on the same threads ({@link #inParallel}, {@link #denseGradientInRounds}, {@link SparseLayer}'s
 * ranges of columns).
 */
final class SparseEngine implements StepEngine, LayerWeights {
  private final MultiLayerNetwork net;
  private final ParameterLayout layout;
  private final TrainingHook hook;
  private final Activation activation;
  private final double l2;
  private final double gradientClip;
  private final SparseLayer[] layers;
  private final ArrayOptimizer optimizer;
  /** The kernels on the run's threads, with the same bits for any number ({@link KernelPool}). */
  private final KernelPool kernels;
  private final Map<Integer, Buffers> buffers = new HashMap<>();
  /** The buffers of the last batch: its activations and deltas give the dense gradient. */
  private Buffers last;
  /** Each layer's input as the sparse products read it: staged by the forward pass, read again by the backward. */
  private final SharedOperand[] inputs;
  /**
   * The deltas an input gradient reads, staged for it: layer l's in {@code deltas[l % 2]}, since the input gradient of
   * layer l stages layer l − 1's as it writes them, while its other ranges still read layer l's.
   */
  private final SharedOperand[] deltas = {new SharedOperand(), new SharedOperand()};
  /** Scratch for RigL's dense gradient, {@link #GRADIENT_COLUMNS_VALUES} values or fewer; made at the first update. */
  private INDArray gradientScratch;
  /** Native copies of the activations and deltas that RigL's GEMM reads, reused across updates. */
  private final INDArray[] operandScratch = new INDArray[2];
  /** Blocks of the dense gradient as read back (float) and handed on (double), reused across updates. */
  private float[] gradientFloats;
  private double[] gradientDoubles;
  /** The same per thread for {@link #denseGradientInRounds}. */
  private float[][] roundFloats;
  private double[][] roundDoubles;
  /** Whether the network's parameters equal this engine's (nothing to write). */
  private boolean networkCurrent = true;

  /**
   * Activations per unit, transposed ({@code a[0]} the input, {@code a[l + 1]} layer l's output,
   * the last the logits), deltas dLoss/dz of each layer's pre-activation, and the logits as {@link #forward} hands
   * them over (row by row, reused: a step makes no garbage).
   */
  private record Buffers(int rows, float[][][] a, float[][][] delta, double[][] logits) {}

  /** @param active every weight matrix's active set (column-major), as the hook masks it */
  SparseEngine(MultiLayerNetwork net, ParameterLayout layout, NetworkConfig config, TrainingHook hook,
      long[][] active) {
    this.net = net;
    this.layout = layout;
    this.hook = hook;
    this.activation = config.activation();
    this.l2 = config.l2();
    this.gradientClip = config.gradientClip();
    optimizer = new ArrayOptimizer(config.updater(), config.momentum());
    kernels = KernelPool.shared(Math.max(1, config.threads())); // 0 (automatic) only where nothing resolved it
    INDArray params = net.params();
    List<ParameterLayout.Segment> segs = layout.weights();
    layers = new SparseLayer[segs.size()];
    inputs = new SharedOperand[segs.size()];
    java.util.Arrays.setAll(inputs, l -> new SharedOperand());
    for (int l = 0; l < layers.length; l++) {
      ParameterLayout.Segment s = segs.get(l);
      int off = (int) s.offset();
      float[] bias = new float[s.nOut()];
      HostCopy.readBuffer(params.data(), off + s.length(), bias, s.nOut());
      long[] mask = active[l];
      int nIn = s.nIn();
      int cols = columnsPerCopy(nIn);
      int[] held = {-1}; // the first column in copyChunk
      // a few columns at a time, so that no dense copy of the parameters is made (nor a host copy per
      // column, which made pointer garbage): the network's weights are masked as the dense engine masks
      // them (w · 0 or w · 1, signed zeros included; again, if re-read, the same), then read
      layers[l] = new SparseLayer(nIn, s.nOut(), mask, (o, column) -> {
        if (held[0] < 0 || o < held[0] || o >= held[0] + cols) {
          held[0] = o - o % cols;
          int n = Math.min(cols, s.nOut() - held[0]) * nIn;
          long from = off + (long) held[0] * nIn;
          HostCopy.readBuffer(params.data(), from, copyChunk, n);
          for (int i = 0; i < n; i++) {
            copyChunk[i] *= ActiveBits.get(mask, i + held[0] * nIn) ? 1f : 0f;
          }
          HostCopy.writeBuffer(params.data(), from, copyChunk, n);
        }
        System.arraycopy(copyChunk, (o - held[0]) * nIn, column, 0, nIn);
      }, bias, optimizer.stateArrays()); // the network holds what this engine holds (nothing to write until a step)
    }
  }

  @Override
  public double[][] forward(float[][] x, int[] rowIds) {
    int rows = rowIds.length;
    Buffers buf = buffers(rows);
    float[][] in = buf.a()[0]; // transposed: unit by unit
    int nIn = in.length;
    for (int r = 0; r < rows; r++) {
      if (x[rowIds[r]].length < nIn) {
        throw new IllegalArgumentException("row " + rowIds[r] + " has " + x[rowIds[r]].length + " inputs, the network "
            + nIn);
      }
    }
    // each layer's input is staged once, as the pass that writes it finishes a range of units, for the layer's
    // forward product and, in the backward pass, its weight gradient
    SharedOperand input = inputs[0].prepare(in, rows);
    kernels.split(nIn, rows, (from, to) -> {
      for (int r = 0; r < rows; r++) {
        float[] row = x[rowIds[r]];
        for (int i = from; i < to; i++) {
          in[i][r] = row[i];
        }
      }
      input.put(from, to);
    });
    for (int l = 0; l < layers.length; l++) {
      SparseLayer s = layers[l];
      float[][] out = buf.a()[l + 1];
      SharedOperand next = l < layers.length - 1 ? inputs[l + 1].prepare(out, rows) : null;
      kernels.forward(s.colStart, s.row, s.value, s.bias, inputs[l], out, rows,
          next == null ? null : (from, to) -> activate(out, rows, next, from, to));
    }
    float[][] z = buf.a()[layers.length];
    double[][] logits = buf.logits();
    for (int c = 0; c < z.length; c++) {
      for (int r = 0; r < rows; r++) {
        logits[r][c] = z[c][r];
      }
    }
    last = buf;
    return logits;
  }

  @Override
  public void backwardAndUpdate(double[][] dLogits, double learningRate, long iteration) {
    Buffers buf = last;
    int rows = buf.rows();
    float[][][] delta = buf.delta();
    int top = layers.length - 1;
    for (int c = 0; c < delta[top].length; c++) {
      for (int r = 0; r < rows; r++) {
        delta[top][c][r] = (float) dLogits[r][c];
      }
    }
    if (top > 0) {
      deltas[top % 2].set(delta[top], rows, kernels); // the lower layers' deltas are staged by the pass that writes them
    }
    // without clipping, whose norm needs every gradient first, a range of columns is updated as soon as its gradient
    // is computed, on its thread, after the layer's input gradient has read the weights
    boolean fused = gradientClip <= 0;
    if (fused) {
      optimizer.beginStep();
    }
    for (int l = top; l >= 0; l--) {
      SparseLayer s = layers[l];
      if (l > 0) {
        float[][] a = buf.a()[l];
        float[][] below = delta[l - 1];
        SharedOperand next = l > 1 ? deltas[(l - 1) % 2].prepare(below, rows) : null; // for layer l - 1's
        kernels.inputGradient(s.rowStart, s.rowCol, s.rowPerm, s.value, deltas[l % 2], below, rows,
            (from, to) -> activationBackward(a, below, rows, next, from, to));
      }
      kernels.weightGradient(s.colStart, s.row, inputs[l], delta[l], s.grad, s.biasGrad, rows,
          fused ? (from, to) -> update(s, from, to, learningRate) : null);
    }
    if (!fused) {
      clipGradient();
      optimizer.beginStep();
      for (SparseLayer s : layers) {
        kernels.split(s.nOut, Math.max(1, s.nonzeros() / s.nOut), (from, to) -> update(s, from, to, learningRate));
      }
    }
    if (hook != null) {
      hook.afterStep(this, iteration);
    }
    networkCurrent = false;
  }

  /**
   * The optimiser's step (with L2) on the weights of columns [from, to) of a layer and their biases: element-wise, so
   * any ranges give the bits of one whole update.
   */
  private void update(SparseLayer s, int from, int to, double learningRate) {
    int first = s.colStart[from];
    int end = s.colStart[to];
    if (l2 > 0) {
      float decay = (float) l2;
      for (int k = first; k < end; k++) {
        s.grad[k] += decay * s.value[k];
      }
    }
    optimizer.update(s.value, s.grad, s.state, first, end, learningRate);
    optimizer.update(s.bias, s.biasGrad, s.biasState, from, to, learningRate);
  }

  /**
   * Rescales the active weights' and the biases' gradient to norm {@link #gradientClip} where it is larger. The
   * norm is one running sum in a fixed order, on this thread (splitting it would make its bits depend on the
   * thread count); the rescaling is element-wise, on the run's threads.
   */
  private void clipGradient() {
    double sq = 0;
    for (SparseLayer s : layers) {
      for (int k = 0; k < s.value.length; k++) {
        sq += (double) s.grad[k] * s.grad[k];
      }
      for (int k = 0; k < s.nOut; k++) {
        sq += (double) s.biasGrad[k] * s.biasGrad[k];
      }
    }
    double norm = Math.sqrt(sq);
    if (norm > gradientClip) {
      float f = (float) (gradientClip / norm);
      for (SparseLayer s : layers) {
        kernels.split(s.value.length, 1, (from, to) -> {
          for (int k = from; k < to; k++) {
            s.grad[k] *= f;
          }
        });
        for (int k = 0; k < s.nOut; k++) {
          s.biasGrad[k] *= f;
        }
      }
    }
  }

  /** a = f(z) in place for units [from, to), which are then staged in {@code next}. */
  private void activate(float[][] z, int rows, SharedOperand next, int from, int to) {
    for (int u = from; u < to; u++) {
      ActivationKernels.forward(activation, z[u], rows);
    }
    next.put(from, to);
  }

  /**
   * delta ← delta · f'(z) for units [from, to), with f' written in terms of the activation a = f(z); then staged in
   * {@code next} where it is not null.
   */
  private void activationBackward(float[][] a, float[][] delta, int rows, SharedOperand next, int from, int to) {
    for (int i = from; i < to; i++) {
      ActivationKernels.backward(activation, a[i], delta[i], rows);
    }
    if (next != null) {
      next.put(from, to);
    }
  }

  @Override
  public int threads() {
    return kernels.threads();
  }

  @Override
  public void inParallel(int tasks, java.util.function.IntConsumer task) {
    kernels.tasks(tasks, task);
  }

  @Override
  public double[] weights(int layer) {
    return layers[layer].denseWeights();
  }

  @Override
  public double[] weightsAt(int layer, int[] at) {
    return layers[layer].weightsAt(at);
  }

  /** Read from the layer's columns, which hold the active set in flat index order: a range of columns per thread. */
  @Override
  public int activeWeights(int layer, int[] at, double[] values) {
    SparseLayer s = layers[layer];
    int n = s.nonzeros();
    if (at.length < n || values.length < n) {
      throw new IllegalArgumentException("layer " + layer + " has " + n + " active weights, the arrays hold "
          + Math.min(at.length, values.length));
    }
    kernels.split(s.nOut, Math.max(1, n / Math.max(1, s.nOut)), (from, to) -> {
      for (int o = from; o < to; o++) {
        for (int k = s.colStart[o]; k < s.colStart[o + 1]; k++) {
          at[k] = o * s.nIn + s.row[k];
          values[k] = s.value[k];
        }
      }
    });
    return n;
  }

  @Override
  public void weightsAt(int layer, int[] at, int n, double[] out) {
    kernels.split(n, 4, (from, to) -> layers[layer].weightsAt(at, from, to, out)); // each value read alone
  }

  @Override
  public double[] denseGradient(int layer) {
    double[] out = new double[layers[layer].nIn * layers[layer].nOut];
    denseGradient(layer, (from, block, length) -> System.arraycopy(block, 0, out, from, length));
    return out;
  }

  /** Values per block of {@link #denseGradient(int, GradientBlocks)}: 256 KB of doubles, below G1's humongous size. */
  private static final int GRADIENT_BLOCK = 1 << 15;

  /**
   * Values of the dense gradient per GEMM and thread (4 MB): on one thread a 2048 × 2048 layer's gradient goes
   * through in four column blocks instead of one native scratch as large as the matrix, which a sparse run would hold
   * (and the dense engine does not). Each value is the same dot product over the batch either way; OpenBLAS sums
   * it in the same order for a block as for the whole matrix on the Intel CPUs measured, in another on AMD's Zen 2,
   * so the values agree to float rounding (GemmColumnBlocksTest), and RigL's choice can differ from one GEMM's only
   * between connections whose gradients tie to within that rounding.
   */
  static final int GRADIENT_COLUMNS_VALUES = 1 << 20;

  /**
   * Columns of an nIn × nOut gradient per GEMM: all, or a multiple of 64 within {@link #GRADIENT_COLUMNS_VALUES} per
   * thread, since the GEMM is split between the threads ({@link DirectGemm}): a 2048 × 512 block split in two gained
   * only 1.23-1.26x on a 2-core AMD EPYC, the whole 2048 × 2048 layer 1.73x.
   */
  static int gradientColumns(int nIn, int nOut, int threads) {
    int cols = (int) Math.min(Integer.MAX_VALUE, (long) GRADIENT_COLUMNS_VALUES * threads / Math.max(1, nIn));
    if (cols >= nOut) {
      return nOut;
    }
    return cols >= 64 ? cols - cols % 64 : Math.max(1, cols);
  }

  /**
   * RigL's dense gradient without a heap copy of the matrix: GEMMs over blocks of columns into a native
   * scratch kept across updates, read back a block at a time into two small reused arrays.
   */
  @Override
  public void denseGradient(int layer, GradientBlocks sink) {
    gradientColumnBlocks(layer, (g, first, n) -> readBlocks(g, 0, n, first, sink));
  }

  /** {@code n} values of {@code g} from {@code at} on, to {@code sink} in blocks, as flat indices {@code first} on. */
  private void readBlocks(DataBuffer g, long at, int n, int first, GradientBlocks sink) {
    if (gradientFloats == null) {
      gradientFloats = new float[GRADIENT_BLOCK];
      gradientDoubles = new double[GRADIENT_BLOCK];
    }
    for (int from = 0; from < n; from += GRADIENT_BLOCK) {
      int length = Math.min(GRADIENT_BLOCK, n - from);
      HostCopy.readBuffer(g, at + from, gradientFloats, length);
      for (int j = 0; j < length; j++) {
        gradientDoubles[j] = gradientFloats[j];
      }
      sink.accept(first + from, gradientDoubles, length);
    }
  }

  /**
   * Columns 0, s, 2s, ... of the dense gradient (s = nOut / {@code columns}, at least 2), one GEMM over those
   * columns alone; false where s would be 1 (the sample would cost about as much as the whole gradient).
   */
  @Override
  public boolean gradientSample(int layer, int columns, GradientBlocks sink) {
    requireForwarded();
    float[][] deltas = last.delta()[layer];
    int stride = deltas.length / Math.max(1, columns);
    if (stride < 2) {
      return false;
    }
    int count = (deltas.length + stride - 1) / stride;
    float[][] picked = new float[count][];
    for (int c = 0; c < count; c++) {
      picked[c] = deltas[c * stride];
    }
    int nIn = layers[layer].nIn;
    DataBuffer g = columnGradient(layer, picked, 0, count);
    for (int c = 0; c < count; c++) {
      readBlocks(g, (long) c * nIn, nIn, c * stride * nIn, sink);
    }
    return true;
  }

  /**
   * Blocks of {@link #denseGradientInRounds} per thread and round: a round hands each thread this many
   * consecutive blocks, so that an update waits for the threads some twenty times, not a hundred (a hand-over
   * costs a worker's wake-up, long on a busy machine).
   */
  static final int ROUND_BLOCKS = 4;

  /**
   * The same blocks in rounds of up to {@link #ROUND_BLOCKS} consecutive blocks per thread: the native reads on
   * this thread (no ND4J on the workers), the float-to-double copy and the consumer's scan of each block on the
   * run's threads, with {@link #ROUND_BLOCKS} blocks of floats and one of doubles per thread (kept across updates).
   */
  @Override
  public void denseGradientInRounds(int layer, GradientRounds sink) {
    int slots = kernels.threads();
    int span = ROUND_BLOCKS * GRADIENT_BLOCK; // values per thread and round
    if (roundFloats == null || roundFloats.length < slots) {
      roundFloats = new float[slots][span];
      roundDoubles = new double[slots][GRADIENT_BLOCK];
    }
    gradientColumnBlocks(layer, (g, first, n) -> {
      for (int start = 0; start < n; start += slots * span) {
        int parts = (int) Math.min(slots, (n - start + (long) span - 1) / span);
        for (int p = 0; p < parts; p++) {
          int from = start + p * span;
          HostCopy.readBuffer(g, from, roundFloats[p], Math.min(span, n - from));
        }
        int round = start;
        kernels.tasks(parts, p -> {
          int end = Math.min(round + (p + 1) * span, n);
          float[] f = roundFloats[p];
          double[] d = roundDoubles[p];
          for (int from = round + p * span; from < end; from += GRADIENT_BLOCK) {
            int length = Math.min(GRADIENT_BLOCK, end - from);
            int at = from - round - p * span;
            for (int j = 0; j < length; j++) {
              d[j] = f[at + j];
            }
            sink.accept(p, first + from, d, length);
          }
        });
        sink.endRound();
      }
    });
  }

  /** Receives one GEMM's columns of the dense gradient: {@code n} values from flat index {@code first} on. */
  @FunctionalInterface
  private interface ColumnBlock {
    void accept(DataBuffer g, int first, int n);
  }

  /** The dense gradient's GEMMs over blocks of columns, in column order, into the native scratch. */
  private void gradientColumnBlocks(int layer, ColumnBlock sink) {
    requireForwarded();
    float[][] deltas = last.delta()[layer];
    int nIn = layers[layer].nIn;
    int nOut = deltas.length;
    int cols = gradientColumns(nIn, nOut, kernels.threads());
    for (int o = 0; o < nOut; o += cols) {
      int c = Math.min(cols, nOut - o);
      // columns o .. o + c: flat indices o·nIn on, as laid out
      sink.accept(columnGradient(layer, deltas, o, c), o * nIn, nIn * c);
    }
  }

  /** The last batch's input to weight matrix {@code layer}, as a native nIn × batch matrix (operand scratch 0). */
  private INDArray layerInput(int layer) {
    return matrix(last.a()[layer], 0, last.a()[layer].length, last.rows(), 0);
  }

  /**
   * The gradient's columns for deltas rows {@code from .. from + count)}, into the gradient scratch: G[i, o] =
   * Σ_b in[i][b] · delta[o][b], written column-major ('f'), DL4J's flat weight order.
   */
  private DataBuffer columnGradient(int layer, float[][] deltas, int from, int count) {
    if (SparseKernels.NATIVE) {
      return nativeColumnGradient(layer, deltas, from, count);
    }
    INDArray in = layerInput(layer);
    int nIn = (int) in.size(0);
    INDArray d = matrix(deltas, from, count, last.rows(), 1);
    INDArray g = Nd4j.create(gradientScratch((long) nIn * count).data(), new long[] {nIn, count},
        new long[] {1, nIn}, 0, 'f');
    DirectGemm.gemm(in, d, g, false, true, 1.0, 0.0);
    return g.data();
  }

  /**
   * {@link #columnGradient} in native code ({@link NativeSparseKernels#gradientColumns}), the columns shared among
   * the threads: each value is computed as {@link #gradientCandidates} computes it, bit for bit.
   */
  private DataBuffer nativeColumnGradient(int layer, float[][] deltas, int from, int count) {
    float[][] in = last.a()[layer];
    int nIn = in.length;
    INDArray scratch = gradientScratch((long) nIn * count);
    long address = scratch.data().addressPointer().address();
    kernels.split(count, nIn, (a, b) -> NativeSparseKernels.gradientColumns(in, deltas, last.rows(), from + a,
        from + b, address + 4L * a * nIn, (long) (b - a) * nIn));
    Reference.reachabilityFence(scratch);
    return scratch.data();
  }

  /**
   * RigL's candidates in native code: each thread computes whole columns of the gradient a panel at a time and
   * keeps the positions that pass, so the gradient never passes through memory (W2's 2048 × 2048 layer: 16 MB per
   * update). False without the native kernels.
   */
  @Override
  public boolean gradientCandidates(int layer, long[] active, double bound, int expected, Candidates sink) {
    if (!SparseKernels.NATIVE) {
      return false;
    }
    requireForwarded();
    float[][] in = last.a()[layer];
    float[][] deltas = last.delta()[layer];
    int nOut = deltas.length;
    int[] cuts = kernels.evenCuts(nOut, in.length);
    int[] cut = cuts != null ? cuts : new int[] {0, nOut}; // one range on the calling thread
    int parts = cut.length - 1;
    if (candidateIndex == null || candidateIndex.length < parts) {
      candidateIndex = new int[parts][];
      candidateValue = new float[parts][];
    }
    int[] counts = new int[parts];
    kernels.tasks(parts, p -> {
      int from = cut[p];
      int to = cut[p + 1];
      // room for half as many again as the range's share of the expected count (W2: 1.6 to 2.8 times k pass a
      // bound that aims at 2k), kept for later updates, which expect fewer; a range that overflows is computed
      // again into arrays twice as large
      int capacity = (int) Math.min(Integer.MAX_VALUE - 8,
          Math.max(1 << 12, (long) expected * 3 / 2 * (to - from) / nOut + 1024));
      if (candidateIndex[p] == null || candidateIndex[p].length < capacity) {
        candidateIndex[p] = new int[capacity];
        candidateValue[p] = new float[capacity];
      }
      while ((counts[p] = NativeSparseKernels.gradientCandidates(in, deltas, last.rows(), from, to, active, bound,
          candidateIndex[p], candidateValue[p])) < 0) {
        int larger = (int) Math.min(Integer.MAX_VALUE - 8, 2L * candidateIndex[p].length);
        candidateIndex[p] = new int[larger];
        candidateValue[p] = new float[larger];
      }
    });
    for (int p = 0; p < parts; p++) {
      for (int j = 0; j < counts[p]; j++) {
        sink.accept(candidateIndex[p][j], candidateValue[p][j]);
      }
    }
    return true;
  }

  /** {@link #gradientCandidates}' arrays per thread, kept across updates. */
  private int[][] candidateIndex;
  private float[][] candidateValue;

  private void requireForwarded() {
    if (last == null) {
      throw new IllegalStateException("no batch has been forwarded yet");
    }
  }

  /** The gradient's native scratch, at least {@code values} long (kept across updates). */
  private INDArray gradientScratch(long values) {
    if (gradientScratch == null || gradientScratch.length() < values) {
      // allocating 16 MB took longer than the GEMM
      gradientScratch = OutsideWorkspaces.allocate(() -> Nd4j.createUninitialized(DataType.FLOAT, values));
    }
    return gradientScratch;
  }

  /**
   * The first {@code cols} entries of rows {@code from .. from + count)} as one row-major native matrix,
   * in native scratch {@code which} (kept across updates, as large as the largest such matrix so far).
   */
  private INDArray matrix(float[][] rows, int from, int count, int cols, int which) {
    long n = (long) count * cols;
    if (operandScratch[which] == null || operandScratch[which].length() < n) {
      operandScratch[which] = OutsideWorkspaces.allocate(() -> Nd4j.createUninitialized(DataType.FLOAT, n));
    }
    DataBuffer data = operandScratch[which].data();
    // many rows per host copy, through the reused chunk: a copy per row made pointer garbage on every update
    int per = Math.max(1, COPY_CHUNK / Math.max(1, cols));
    float[] chunk = copyChunk(per * cols);
    for (int r = 0; r < count; r += per) {
      int m = Math.min(per, count - r);
      for (int i = 0; i < m; i++) {
        System.arraycopy(rows[from + r + i], 0, chunk, i * cols, cols);
      }
      HostCopy.writeBuffer(data, (long) r * cols, chunk, m * cols);
    }
    return Nd4j.create(data, new long[] {count, cols}, new long[] {cols, 1}, 0, 'c');
  }

  @Override
  public void rewire(int layer, int[] pruned, int[] grown, double[] weights, boolean[] resetState) {
    layers[layer].rewire(pruned, grown, weights, resetState, kernels);
  }

  @Override
  public void rewire(int layer, int[] pruned, int[] grown, int count, double[] grownWeights, boolean reinitRegrown) {
    layers[layer].rewire(pruned, count, grown, count, grownWeights, reinitRegrown, kernels);
  }

  @Override
  public void betweenSteps(Consumer<LayerWeights> change) {
    change.accept(this);
    networkCurrent = false; // the network's copy no longer matches what was rewired
  }

  @Override
  public void writeToNetwork() {
    if (networkCurrent) {
      return; // e.g. the best epoch's weights restored into the network, which may differ off the mask
    }
    INDArray params = net.params();
    for (int l = 0; l < layers.length; l++) { // a few columns at a time: no dense copy of the parameters
      SparseLayer s = layers[l];
      long off = layout.weights().get(l).offset();
      int cols = columnsPerCopy(s.nIn);
      for (int o = 0; o < s.nOut; o += cols) {
        int c = Math.min(cols, s.nOut - o);
        for (int i = 0; i < c; i++) {
          s.denseColumn(o + i, copyChunk, i * s.nIn);
        }
        HostCopy.writeBuffer(params.data(), off + (long) o * s.nIn, copyChunk, c * s.nIn);
      }
      HostCopy.writeBuffer(params.data(), off + (long) s.nIn * s.nOut, s.bias, s.nOut);
    }
    networkCurrent = true;
  }

  /**
   * Saves the active weights and the biases straight from the layers, in the network's flat order (each layer's
   * weights column-major, then its biases), without writing the network's dense copy first. The network's copy
   * where it is current (it may then hold weights off the mask, restored from an earlier epoch) or cannot be kept
   * sparse, as by default.
   */
  @Override
  public ParameterSnapshot snapshot(ParameterSnapshot into, INDArray params) {
    long stored = 0;
    for (SparseLayer s : layers) {
      stored += s.nonzeros() + s.nOut;
    }
    if (networkCurrent || stored > params.length() / 2 || !ParameterSnapshot.sparseFits(params)) {
      return StepEngine.super.snapshot(into, params);
    }
    return into.saveSparse(params.length(), (int) stored, w -> {
      for (int l = 0; l < layers.length; l++) {
        layers[l].writeTo(w, layout.weights().get(l).offset());
      }
    });
  }

  /** Values per host copy of {@link #writeToNetwork()} and {@link #readFromNetwork()}: 256 KB. */
  private static final int COPY_CHUNK = 1 << 16;
  /**
   * Whole columns of a layer on their way to or from the network, kept across calls: a copy per
   * column made garbage (native pointer objects) in proportion to the network on every snapshot.
   */
  private float[] copyChunk;

  /** How many columns of nIn weights one copy takes; makes {@link #copyChunk} large enough. */
  private int columnsPerCopy(int nIn) {
    int cols = Math.max(1, COPY_CHUNK / nIn);
    copyChunk(cols * nIn);
    return cols;
  }

  /** {@link #copyChunk}, made at least {@code n} values long (and {@link #COPY_CHUNK}). */
  private float[] copyChunk(int n) {
    if (copyChunk == null || copyChunk.length < n) {
      copyChunk = new float[Math.max(COPY_CHUNK, n)];
    }
    return copyChunk;
  }

  @Override
  public void readFromNetwork() {
    INDArray params = net.params();
    for (int l = 0; l < layers.length; l++) {
      SparseLayer s = layers[l];
      long off = layout.weights().get(l).offset();
      int cols = columnsPerCopy(s.nIn);
      for (int o = 0; o < s.nOut; o += cols) {
        int c = Math.min(cols, s.nOut - o);
        HostCopy.readBuffer(params.data(), off + (long) o * s.nIn, copyChunk, c * s.nIn);
        for (int i = 0; i < c; i++) {
          s.readColumn(o + i, copyChunk, i * s.nIn);
        }
      }
      HostCopy.readBuffer(params.data(), off + (long) s.nIn * s.nOut, s.bias, s.nOut);
    }
    networkCurrent = true;
  }

  @Override
  public OptimizerState optimizerState() {
    double[][] vectors = new double[optimizer.stateArrays()][(int) layout.totalLength()];
    for (int s = 0; s < vectors.length; s++) {
      for (int l = 0; l < layers.length; l++) {
        layers[l].writeState(s, vectors[s], (int) layout.weights().get(l).offset());
      }
    }
    return new OptimizerState(optimizer.steps(), vectors);
  }

  @Override
  public void restoreOptimizerState(OptimizerState saved) {
    saved.requireShape(optimizer.stateArrays(), layout.totalLength());
    for (int s = 0; s < saved.vectors().length; s++) {
      for (int l = 0; l < layers.length; l++) {
        layers[l].readState(s, saved.vectors()[s], (int) layout.weights().get(l).offset());
      }
    }
    optimizer.setSteps(saved.steps());
  }

  @Override
  public long trainingStateBytes() {
    long bytes = 0;
    int arrays = 2 + optimizer.stateArrays(); // value, gradient, optimiser state
    for (SparseLayer s : layers) {
      // + row, and the row-wise column and position indices; column and row starts
      bytes += (long) s.nonzeros() * (4L * arrays + 12) + 4L * (s.nOut + s.nIn + 2);
      bytes += 4L * s.nOut * arrays;
    }
    return bytes;
  }

  private Buffers buffers(int rows) {
    return buffers.computeIfAbsent(rows, r -> {
      float[][][] a = new float[layers.length + 1][][];
      float[][][] delta = new float[layers.length][][];
      a[0] = new float[layers[0].nIn][r];
      for (int l = 0; l < layers.length; l++) {
        a[l + 1] = new float[layers[l].nOut][r];
        delta[l] = new float[layers[l].nOut][r];
      }
      return new Buffers(r, a, delta, new double[r][layers[layers.length - 1].nOut]);
    });
  }
}
