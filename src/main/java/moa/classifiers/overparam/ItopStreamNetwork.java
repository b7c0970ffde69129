// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package moa.classifiers.overparam;

import org.overparam.common.ArgMax;
import com.github.javacliparser.FlagOption;
import com.github.javacliparser.FloatOption;
import com.github.javacliparser.IntOption;
import com.github.javacliparser.MultiChoiceOption;
import com.github.javacliparser.StringOption;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import moa.classifiers.AbstractClassifier;
import moa.classifiers.MultiClassClassifier;
import moa.classifiers.core.driftdetection.ChangeDetector;
import moa.core.Measurement;
import moa.core.StringUtils;
import moa.options.ClassOption;
import org.overparam.itop.Distribution;
import org.overparam.itop.Growth;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.PruneDecay;
import org.overparam.nn.Activation;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.UpdaterType;
import org.overparam.stream.StreamConfig;
import org.overparam.stream.StreamNetwork;

/**
 * A sparse (or dense) feed-forward network for MOA streams, trained with dynamic sparse training
 * (SET/RigL-style prune and regrow, In-Time Over-Parameterization). A thin adapter over
 * {@link StreamNetwork}: it turns MOA instances into rows, maps the options and reports the
 * measurements. Optionally a change detector on the prequential 0/1 error makes the network
 * explore more (a topology update at a higher prune rate) after a detected drift.
 */
public class ItopStreamNetwork extends AbstractClassifier implements MultiClassClassifier {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * MOA's own seed option ({@code -r randomSeed}, created by AbstractClassifier for randomizable
   * learners). It is a protected field there, and MOA discovers options only through public fields,
   * so it is exposed here; no other option of this learner uses 'r'.
   */
  public IntOption seedOption = randomSeedOption;
  public StringOption hiddenLayersOption = new StringOption("hiddenLayers", 'h',
      "Comma-separated widths of the hidden layers, e.g. 256,256.", "256,256");
  public MultiChoiceOption activationOption = new MultiChoiceOption("activation", 'a',
      "Activation of the hidden layers.", names(Activation.values()),
      names(Activation.values()), Activation.RELU.ordinal());
  public MultiChoiceOption updaterOption = new MultiChoiceOption("updater", 'u',
      "Optimiser: SGD with Nesterov momentum, Adam or plain SGD.", names(UpdaterType.values()),
      names(UpdaterType.values()), UpdaterType.NESTEROVS.ordinal());
  public FloatOption learningRateOption = new FloatOption("learningRate", 'l',
      "Learning rate (constant over the stream).", 0.05, 1e-9, 10);
  public FloatOption momentumOption = new FloatOption("momentum", 'm',
      "Momentum of the Nesterov optimiser.", 0.9, 0, 0.999999);
  public FloatOption l2Option = new FloatOption("l2", 'w',
      "Coupled L2 penalty on the weights.", 5e-4, 0, 1);
  public IntOption batchSizeOption = new IntOption("batchSize", 'b',
      "Instances buffered per minibatch; the network trains when the buffer is full.", 16, 1, 100000);
  public IntOption stepsPerBatchOption = new IntOption("stepsPerBatch", 'k',
      "Optimiser steps on each full minibatch.", 1, 1, 1000);
  public FloatOption sparsityOption = new FloatOption("sparsity", 's',
      "Fraction of the weights that are zero; 0 trains a dense network.", 0.9, 0, 0.999);
  public MultiChoiceOption distributionOption = new MultiChoiceOption("distribution", 'd',
      "How the density is spread over the layers.", new String[] {"ERK", "UNIFORM"},
      new String[] {"Erdos-Renyi-Kernel: small layers denser", "the same density in every layer"}, 0);
  public MultiChoiceOption growthOption = new MultiChoiceOption("growth", 'g',
      "How pruned connections are regrown.", names(Growth.values()),
      new String[] {"uniformly at random (SET)", "largest dense gradient (RigL)",
          "at random among never-active weights first"}, Growth.RANDOM.ordinal());
  public FloatOption pruneRateOption = new FloatOption("pruneRate", 'p',
      "Fraction of each layer's active weights pruned (and regrown) per topology update.", 0.3, 0, 1);
  public IntOption updateIntervalOption = new IntOption("updateInterval", 'i',
      "Topology update every this many minibatches (Delta T), for the whole stream.", 100, 1, Integer.MAX_VALUE);
  public FlagOption keepFirstDenseOption = new FlagOption("keepFirstDense", 'f',
      "Keep the input layer's weights dense (counted in the density budget).");
  public FlagOption keepOutputDenseOption = new FlagOption("keepOutputDense", 'o',
      "Keep the output layer's weights dense (counted in the density budget).");
  public MultiChoiceOption sparseExecutionOption = new MultiChoiceOption("sparseExecution", 'e',
      "How the masked weight matrices are executed.", names(ExecutionMode.values()),
      new String[] {"sparse when at most 10% of the weights are active", "dense matrices times 0/1 masks",
          "only active weights stored and multiplied"}, ExecutionMode.AUTO.ordinal());
  public FlagOption driftCouplingOption = new FlagOption("driftCoupling", 'c',
      "Feed the prequential 0/1 error to the change detector; after a detected drift, run a topology "
          + "update at once and use the drift prune rate for the next updates.");
  public ClassOption driftDetectorOption = new ClassOption("driftDetector", 'x',
      "Change detector on the prequential 0/1 error (with driftCoupling).", ChangeDetector.class,
      "ADWINChangeDetector");
  public FloatOption driftPruneRateOption = new FloatOption("driftPruneRate", 'q',
      "Prune rate of the topology updates after a detected drift.", 0.5, 0, 1);
  public IntOption driftBoostUpdatesOption = new IntOption("driftBoostUpdates", 'n',
      "Number of topology updates at the drift prune rate after a drift (the first runs at once).", 3, 1, 1000);

  /** Serialized with its whole training state: MOA's copy() and saved models keep learning as the original. */
  private StreamNetwork network;
  private ChangeDetector detector;
  /** The last instance voted on and its votes: MOA's prequential loop tests, then trains the same object. */
  private transient Instance lastVoted;
  private transient double[] lastVotes;

  private static String[] names(Enum<?>[] values) {
    return java.util.Arrays.stream(values).map(Enum::name).toArray(String[]::new);
  }

  @Override
  public String getPurposeString() {
    return "Sparse neural network trained on a stream with dynamic sparse training "
        + "(In-Time Over-Parameterization: prune and regrow every Delta T minibatches); sparsity 0 gives a dense network.";
  }

  @Override
  public boolean isRandomizable() {
    return true;
  }

  /** The settings as the engine's validated configuration (throws on a bad option, naming it). */
  public StreamConfig streamConfig() {
    NetworkConfig net = NetworkConfig.builder()
        .hiddenLayers(NetworkConfig.parseLayers("hiddenLayers (-h)", hiddenLayersOption.getValue()))
        .activation(Activation.values()[activationOption.getChosenIndex()]).epochs(1)
        .batchSize(batchSizeOption.getValue()).updater(UpdaterType.values()[updaterOption.getChosenIndex()])
        .learningRate(learningRateOption.getValue()).momentum(momentumOption.getValue()).l2(l2Option.getValue())
        .schedule(LrSchedule.CONSTANT).lrMinFactor(1).patience(1).seed(randomSeed).build();
    ItopConfig itop = ItopConfig.builder().sparsity(sparsityOption.getValue())
        .distribution(distributionOption.getChosenIndex() == 0 ? Distribution.ERK : Distribution.UNIFORM)
        .keepFirstDense(keepFirstDenseOption.isSet()).keepOutputDense(keepOutputDenseOption.isSet())
        .growth(Growth.values()[growthOption.getChosenIndex()]).pruneRate(pruneRateOption.getValue())
        .pruneRateMin(0).pruneDecay(PruneDecay.CONSTANT).numTopologyUpdates(0).minUpdateIntervalEpochs(0)
        .execution(ExecutionMode.values()[sparseExecutionOption.getChosenIndex()]).build();
    return new StreamConfig(net, itop, stepsPerBatchOption.getValue(), updateIntervalOption.getValue(),
        driftPruneRateOption.getValue(), driftBoostUpdatesOption.getValue());
  }

  @Override
  public void resetLearningImpl() {
    network = null;
    lastVoted = null;
    lastVotes = null;
    detector = driftCouplingOption.isSet() ? ((ChangeDetector) getPreparedClassOption(driftDetectorOption)).copy() : null;
  }

  @Override
  public void setModelContext(InstancesHeader ih) {
    if (ih != null) {
      checkHeader(ih);
    }
    super.setModelContext(ih);
  }

  /** Rejects streams the network cannot learn from, with the reason. */
  static void checkHeader(InstancesHeader h) {
    if (h.classIndex() < 0) {
      throw new IllegalArgumentException("ItopStreamNetwork needs a stream with a class attribute");
    }
    if (!h.classAttribute().isNominal()) {
      throw new IllegalArgumentException("ItopStreamNetwork is a classifier: the class attribute '"
          + h.classAttribute().name() + "' is numeric; it needs a nominal class");
    }
    if (h.numClasses() < 2) {
      throw new IllegalArgumentException("ItopStreamNetwork needs at least 2 class values, the class '"
          + h.classAttribute().name() + "' has " + h.numClasses());
    }
    if (h.numAttributes() < 2) {
      throw new IllegalArgumentException("ItopStreamNetwork needs at least one attribute besides the class");
    }
  }

  @Override
  public void trainOnInstanceImpl(Instance inst) {
    if (inst.classIsMissing()) {
      return;
    }
    StreamNetwork net = network(inst);
    double[] raw = raw(inst);
    int label = (int) inst.classValue();
    if (detector != null && net.isTrained()) {
      double[] votes = inst == lastVoted ? lastVotes : net.votes(raw);
      detector.input(ArgMax.of(votes) == label ? 0 : 1);
      if (detector.getChange()) {
        net.signalDrift();
      }
    }
    lastVoted = null;
    net.train(raw, label, inst.weight());
  }

  @Override
  public double[] getVotesForInstance(Instance inst) {
    StreamNetwork net = network(inst);
    double[] votes = net.votes(raw(inst));
    if (votes == null) {
      return new double[0]; // nothing trained yet: no opinion
    }
    lastVoted = inst;
    lastVotes = votes;
    return votes;
  }

  /** The network, built on the first instance from its header. */
  private StreamNetwork network(Instance inst) {
    if (network == null) {
      InstancesHeader h = new InstancesHeader(inst.dataset());
      checkHeader(h);
      int[] cardinality = new int[h.numAttributes() - 1];
      for (int a = 0, j = 0; a < h.numAttributes(); a++) {
        if (a != h.classIndex()) {
          cardinality[j++] = h.attribute(a).isNominal() ? h.attribute(a).numValues() : 0;
        }
      }
      network = new StreamNetwork(streamConfig(), cardinality, h.numClasses());
    }
    return network;
  }

  /** One value per non-class attribute: the value or category index, NaN when missing. */
  private static double[] raw(Instance inst) {
    double[] raw = new double[inst.numAttributes() - 1];
    int c = inst.classIndex();
    for (int a = 0, j = 0; a < inst.numAttributes(); a++) {
      if (a != c) {
        raw[j++] = inst.isMissing(a) ? Double.NaN : inst.value(a);
      }
    }
    return raw;
  }

  @Override
  protected Measurement[] getModelMeasurementsImpl() {
    List<Measurement> m = new ArrayList<>();
    if (network != null) {
      for (Map.Entry<String, Double> e : network.measurements().entrySet()) {
        m.add(new Measurement(e.getKey(), e.getValue()));
      }
    }
    return m.toArray(new Measurement[0]);
  }

  @Override
  public void getModelDescription(StringBuilder out, int indent) {
    StringUtils.appendIndented(out, indent, "ItopStreamNetwork " + getCLICreationString(ItopStreamNetwork.class));
    StringUtils.appendNewline(out);
    if (network == null) {
      StringUtils.appendIndented(out, indent, "(no instances seen yet)");
      StringUtils.appendNewline(out);
      return;
    }
    StringUtils.appendIndented(out, indent, "inputs " + network.numInputs() + ", classes " + network.numClasses()
        + ", hidden layers " + hiddenLayersOption.getValue() + ", parameters " + network.numParameters());
    StringUtils.appendNewline(out);
    for (Map.Entry<String, Double> e : network.measurements().entrySet()) {
      StringUtils.appendIndented(out, indent, e.getKey() + ": " + e.getValue());
      StringUtils.appendNewline(out);
    }
  }
}
