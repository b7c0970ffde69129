package org.overparam.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One optimiser step of a network on a forwarded batch: forward pass, the objective's gradient on
 * the logits, backpropagation, the hook before the update (ITOP masks gradients), coupled L2, the
 * optimiser, the hook after the update (ITOP masks weights and updates the topology), and the
 * objective's own update. Shared by the epoch trainer ({@link NetworkTrainer}) and by streaming
 * learners, which feed it one buffered minibatch at a time.
 *
 * <p>Call it inside {@link Dl4jRuntime#call}.
 */
public final class NetworkStep {
  private final MultiLayerNetwork net;
  private final Objective objective;
  private final TrainingHook hook;
  private final double l2;
  private final LeanBackprop lean;
  private final FlatOptimizer optimizer;
  private final INDArray weightIndicator;
  private final INDArray scratch;
  private final ParameterLayout layout;

  /** Builds the step for {@code net} and initialises the hook with {@code schedule}. */
  public NetworkStep(MultiLayerNetwork net, NetworkConfig config, Objective objective, TrainingHook hook,
      TrainingHook.Schedule schedule) {
    this.net = net;
    this.objective = objective;
    this.hook = hook;
    this.l2 = config.l2();
    INDArray params = net.params();
    optimizer = new FlatOptimizer(config.updater(), config.momentum(), params);
    lean = new LeanBackprop(net);
    layout = ParameterLayout.of(net);
    scratch = Nd4j.zerosLike(params);
    weightIndicator = Nd4j.create(layout.weightIndicator()).castTo(params.dataType()).reshape(params.shape());
    if (hook != null) {
      hook.initialize(layout, params, schedule);
    }
  }

  /** What one step produced. */
  public record Result(double loss, int correct) {}

  /** The input buffer for {@code rows} forwarded rows (fill it, then call {@link #run}). */
  public INDArray inputBuffer(int rows) {
    return lean.inputBuffer(rows);
  }

  /** Gathers rows of {@code x} into the input buffer. */
  public INDArray gather(INDArray x, int[] rows) {
    return lean.gather(x, rows);
  }

  /**
   * Forward pass only (prediction between steps, e.g. by a stream learner): returns the logits
   * buffer for {@code input}, valid until the next call with the same number of rows.
   */
  public INDArray forward(INDArray input) {
    return lean.forward(input);
  }

  /**
   * Runs one step on {@code input} (a buffer from {@link #inputBuffer} or {@link #gather}).
   *
   * @throws ArithmeticException if the loss is not finite
   */
  public Result run(INDArray input, Objective.Step step, double learningRate) {
    INDArray out = lean.forward(input);
    int classes = (int) out.size(1);
    double[] flat = out.data().asDouble(); // the buffer is contiguous, row-major, offset 0
    double[][] logits = new double[(int) out.size(0)][];
    for (int r = 0; r < logits.length; r++) {
      logits[r] = java.util.Arrays.copyOfRange(flat, r * classes, (r + 1) * classes);
    }
    double[][] dLogits = new double[logits.length][classes];
    double loss = objective.lossAndGradient(step, logits, dLogits);
    if (!Double.isFinite(loss)) {
      throw new ArithmeticException("the loss is " + loss);
    }
    var dBuffer = lean.dLogitsBuffer(logits.length).data();
    for (int r = 0; r < logits.length; r++) {
      for (int c = 0; c < classes; c++) {
        dBuffer.put((long) r * classes + c, dLogits[r][c]);
      }
    }
    INDArray params = net.params();
    INDArray gradient = lean.backward(input);
    if (hook != null) {
      hook.beforeUpdate(params, gradient, step.iteration());
    }
    if (l2 > 0) {
      Nd4j.getBlasWrapper().level1().axpy(params.length(), l2, scratch.assign(params).muli(weightIndicator), gradient);
    }
    optimizer.step(params, gradient, learningRate);
    if (hook != null) {
      hook.afterUpdate(params, optimizer, step.iteration());
    }
    objective.afterStep(step);
    return new Result(loss, countCorrect(logits, step.labels(), step.batchSize()));
  }

  public ParameterLayout layout() {
    return layout;
  }

  private static int countCorrect(double[][] logits, int[] labels, int rows) {
    int correct = 0;
    for (int r = 0; r < rows; r++) {
      int best = 0;
      for (int c = 1; c < logits[r].length; c++) {
        if (logits[r][c] > logits[r][best]) {
          best = c;
        }
      }
      correct += best == labels[r] ? 1 : 0;
    }
    return correct;
  }
}
