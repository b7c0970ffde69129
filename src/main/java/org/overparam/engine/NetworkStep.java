// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.function.Consumer;
import org.overparam.common.ArgMax;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.overparam.common.Checks;
import org.overparam.nd4j.Dl4jRuntime;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.Objective;
import org.overparam.nn.OptimizerState;

/**
 * One optimiser step of a network on a forwarded batch: forward pass, the objective's gradient on
 * the logits, backpropagation, the hook around the update (ITOP masks and rewires), coupled L2, the
 * optimiser, and the objective's own update. Shared by the epoch trainer (nn.NetworkTrainer)
 * and by streaming learners, which feed it one buffered minibatch at a time.
 *
 * <p>The engine is chosen here: {@link SparseEngine} when the hook masks the weights and its
 * {@link ExecutionMode} asks for (or, under AUTO, expects to gain from) sparse execution, else
 * {@link DenseEngine}.
 *
 * <p>Call it inside {@link Dl4jRuntime#call}.
 */
public final class NetworkStep {
  private final Objective objective;
  private final ParameterLayout layout;
  private final StepEngine engine;
  private final MultiLayerNetwork net;
  /** The gradient on the logits, one array per batch size, reused step after step. */
  private final RowArrays dLogitArrays = new RowArrays();

  /** Builds the step for {@code net} and initialises the hook with {@code schedule}. */
  public NetworkStep(MultiLayerNetwork net, NetworkConfig config, Objective objective, TrainingHook hook,
      TrainingHook.Schedule schedule) {
    this.objective = objective;
    this.net = net;
    layout = ParameterLayout.of(net);
    if (hook != null) {
      hook.initialize(layout, schedule);
    }
    long[][] active = hook == null ? null : activeWeights(hook); // without a hook: dense, no masks
    engine = active != null && runsSparse(active, hook, config) ? new SparseEngine(net, layout, config, hook, active)
        : new DenseEngine(net, layout, config, hook);
  }

  /**
   * What runs the sparse engine's products: "native code (AVX2, FMA)", or "Java (why not native)"; for the model
   * text and the backend report.
   */
  public static String sparseKernels() {
    return NativeSparseKernels.describe();
  }

  /** Every weight matrix's active set: the hook's own masks (read only), all true where it masks nothing. */
  private long[][] activeWeights(TrainingHook hook) {
    long[][] active = new long[layout.weights().size()][];
    for (ParameterLayout.Segment s : layout.weights()) {
      active[s.layer()] = hook.activeWeights(s.layer());
      if (active[s.layer()] == null) {
        active[s.layer()] = ActiveBits.all(s.length());
      }
    }
    return active;
  }

  private boolean runsSparse(long[][] active, TrainingHook hook, NetworkConfig config) {
    ExecutionMode mode = hook.execution();
    long count = 0;
    long total = 0;
    for (ParameterLayout.Segment s : layout.weights()) {
      total += s.length();
      count += ActiveBits.count(active[s.layer()]);
    }
    return mode.sparse(count, total, config.doublePrecision(), Routes.cpuShortcuts());
  }

  /**
   * What one step produced.
   *
   * @param loss the objective's loss on the minibatch (before the update)
   * @param correct minibatch rows whose most probable class is their label
   * @param onlyClass the class predicted for every minibatch row, or -1 where the rows got more than one
   */
  public record Result(double loss, int correct, int onlyClass) {}

  /** Forward pass only (prediction between steps, e.g. by a stream learner): the logits of rows {@code rows} of {@code x}. */
  public double[][] forward(float[][] x, int[] rows) {
    return engine.forward(x, rows);
  }

  /**
   * Runs one step on rows {@code rows} of {@code x} (in the objective's order: the minibatch, then
   * any extra rows and views).
   *
   * @throws ArithmeticException if the loss is not finite
   */
  public Result run(float[][] x, int[] rows, Objective.Step step, double learningRate) {
    double[][] logits = engine.forward(x, rows);
    double[][] dLogits = dLogitArrays.zeroed(logits.length, logits.length == 0 ? 0 : logits[0].length);
    double loss = objective.lossAndGradient(step, logits, dLogits);
    if (!Double.isFinite(loss)) {
      throw new ArithmeticException("the loss is " + loss);
    }
    engine.backwardAndUpdate(dLogits, learningRate, step.iteration());
    objective.afterStep(step);
    return result(loss, logits, step.labels(), step.batchSize());
  }

  /** A copy of the network's flat parameter vector, current. */
  public double[] parameters() {
    engine.writeToNetwork();
    return net.params().toDoubleVector();
  }

  /** Replaces the network's parameters with {@code flat} (a saved network's) and continues from them. */
  public void restoreParameters(double[] flat) {
    INDArray params = net.params();
    Checks.require(flat.length == params.length(), "the saved network has " + flat.length
        + " parameters, its configuration " + params.length());
    params.assign(Nd4j.createFromArray(flat).castTo(params.dataType()).reshape(params.shape()));
    engine.readFromNetwork();
  }

  /**
   * Lets {@code change} read and rewire the weight matrices between steps, as a hook does from its
   * afterStep: for a coordinator that decides one topology for several copies of a network (ITOP
   * trained data-parallel: masks decided once from the averaged weights) and applies it to each copy.
   * The dense gradient is not available here; a hook that needs it collects it in afterStep.
   */
  public void betweenSteps(Consumer<LayerWeights> change) {
    engine.betweenSteps(change);
  }

  /** Saves the current parameters into {@code into} (a new snapshot where null), which is returned. */
  public ParameterSnapshot snapshot(ParameterSnapshot into) {
    return engine.snapshot(into != null ? into : new ParameterSnapshot(), net.params());
  }

  /** Makes the network's parameters current (call before predicting with or copying the network). */
  public void writeToNetwork() {
    engine.writeToNetwork();
  }

  /** Continues from the network's parameters (after they were replaced, e.g. by the best epoch's). */
  public void readFromNetwork() {
    engine.readFromNetwork();
  }

  /** The optimiser's steps and state over the flat parameter order (with the network's parameters, a training state). */
  public OptimizerState optimizerState() {
    return engine.optimizerState();
  }

  /**
   * Continues from a saved optimiser state, for a network whose parameters and hook topology were
   * restored first (then {@link #readFromNetwork}).
   */
  public void restoreOptimizerState(OptimizerState saved) {
    engine.restoreOptimizerState(saved);
  }

  /** Whether the sparse engine runs this network. */
  public boolean isSparse() {
    return engine instanceof SparseEngine;
  }

  /** Bytes held for weights, biases, their gradient and the optimiser state while training. */
  public long trainingStateBytes() {
    return engine.trainingStateBytes();
  }

  public ParameterLayout layout() {
    return layout;
  }

  /** The minibatch's correct count and the only class predicted, from one arg-max per row. */
  private static Result result(double loss, double[][] logits, int[] labels, int rows) {
    int correct = 0;
    int only = rows == 0 ? -1 : -2; // -2: no row seen yet
    for (int r = 0; r < rows; r++) {
      int predicted = ArgMax.of(logits[r]);
      correct += predicted == labels[r] ? 1 : 0;
      only = only == -2 || only == predicted ? predicted : -1;
    }
    return new Result(loss, correct, only);
  }
}
