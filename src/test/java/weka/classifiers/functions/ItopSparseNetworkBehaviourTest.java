// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.overparam.testing.Serialization;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;
import weka.overparam.OptionContract;
import weka.overparam.TestData;

/** Behaviour of ItopSparseNetwork as a Weka learner beyond Weka's own harness. */
class ItopSparseNetworkBehaviourTest {
  static ItopSparseNetwork small(double sparsity) {
    ItopSparseNetwork n = new ItopSparseNetwork();
    n.setHiddenLayers("64,64");
    n.setEpochs(30);
    n.setBatchSizeTrain(16);
    n.setSparsity(sparsity);
    n.setNumTopologyUpdates(25);
    return n;
  }

  static ItopSparseNetwork small(double sparsity, int epochs) {
    ItopSparseNetwork n = small(sparsity);
    n.setEpochs(epochs);
    return n;
  }

  static double accuracy(Classifier c, Instances train, Instances test) throws Exception {
    c.buildClassifier(train);
    Evaluation e = new Evaluation(train);
    e.evaluateModel(c, test);
    return e.pctCorrect() / 100;
  }

  @Test
  void accuracyFloorsOnSegment() throws Exception {
    Instances train = TestData.arff("segment-challenge.arff");
    Instances test = TestData.arff("segment-test.arff");
    double dense = accuracy(small(0), train, test);
    ItopSparseNetwork sparse = small(0.9);
    double sparseAcc = accuracy(sparse, train, test);
    assertTrue(dense > 0.90, "dense accuracy " + dense);
    assertTrue(sparseAcc > 0.88, "90%-sparse accuracy " + sparseAcc);
    assertTrue(sparseAcc > dense - 0.04, "sparse " + sparseAcc + " vs dense " + dense);
    double rs = sparse.getItopReport().itopRate();
    assertTrue(rs > 0.1 + 0.2, "RANDOM growth explores: R_s " + rs);
    assertEquals(0.9, sparse.getItopReport().sparsity(), 0.01);
    assertTrue(sparse.toString().contains("ITOP rate R_s"), sparse.toString());
  }

  @Test
  void sameSeedSamePredictionsAndSerializationRoundTrip() throws Exception {
    Instances data = TestData.arff("iris.arff");
    ItopSparseNetwork a = small(0.8, 5);
    a.buildClassifier(data);
    ItopSparseNetwork b = (ItopSparseNetwork) AbstractClassifier.makeCopy(small(0.8, 5));
    b.buildClassifier(data);
    double[][] pa = a.distributionsForInstances(data);
    assertArrayEquals(flat(pa), flat(b.distributionsForInstances(data)), 0.0, "same seed, same data");

    ItopSparseNetwork restored = Serialization.roundTrip(a);
    assertArrayEquals(flat(pa), flat(restored.distributionsForInstances(data)), 0.0, "after serialization");
    assertEquals(a.toString(), restored.toString());

    for (int i = 0; i < data.numInstances(); i += 37) {
      assertArrayEquals(pa[i], a.distributionForInstance(data.instance(i)), 1e-6, "single vs batched");
    }
  }

  @Test
  void iterativeClassifierOptimizerChoosesTheEpochs() throws Exception {
    Instances data = TestData.arff("iris.arff");
    weka.classifiers.meta.IterativeClassifierOptimizer ico = new weka.classifiers.meta.IterativeClassifierOptimizer();
    ItopSparseNetwork net = small(0.5, 40);
    net.setHiddenLayers("16");
    ico.setIterativeClassifier(net);
    ico.setNumFolds(2);
    ico.setLookAheadIterations(5);
    ico.buildClassifier(data);
    assertTrue(ico.toString().contains("Best value found"), ico.toString());
    Evaluation e = new Evaluation(data);
    e.evaluateModel(ico, data);
    assertTrue(e.pctCorrect() > 80, "accuracy " + e.pctCorrect());
  }

  @Test
  void unbuiltClassifierSerializes() throws Exception {
    ItopSparseNetwork copy = (ItopSparseNetwork) AbstractClassifier.makeCopy(new ItopSparseNetwork());
    assertNotNull(copy.toString());
  }

  @Test
  void optionsRoundTripAndFlagsAreUnique() throws Exception {
    ItopSparseNetwork n = new ItopSparseNetwork();
    n.setOptions(Utils.splitOptions("-hidden-layers 32,16 -sparsity 0.95 -growth GRADIENT -updater ADAM -fix-mask "
        + "-lr-schedule COSINE -S 7"));
    String[] opts = n.getOptions();
    ItopSparseNetwork m = new ItopSparseNetwork();
    m.setOptions(opts.clone());
    assertArrayEquals(opts, m.getOptions());
    assertEquals("32,16", m.getHiddenLayers());
    assertEquals(7, m.getSeed());
    // absent options return to their defaults
    m.setOptions(new String[0]);
    assertEquals(new ItopSparseNetwork().getHiddenLayers(), m.getHiddenLayers());
    assertEquals(0.9, m.getSparsity());

    List<String> flags = new ArrayList<>(Arrays.asList(OptionContract.flags(ItopSparseNetwork.class)));
    flags.addAll(List.of("S", "batch-size", "output-debug-info", "do-not-check-capabilities", "num-decimal-places"));
    Set<String> unique = new HashSet<>(flags);
    assertEquals(flags.size(), unique.size(), "duplicate option flags: " + flags);
  }

  @Test
  void badOptionValuesAreClearErrors() {
    ItopSparseNetwork n = new ItopSparseNetwork();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> n.setOptions(Utils.splitOptions("-growth SIDEWAYS")));
    assertTrue(e.getMessage().contains("-growth"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> n.setOptions(Utils.splitOptions("-epochs many")));
    assertTrue(e.getMessage().contains("-epochs"), e.getMessage());
  }

  @Test
  void badInputIsAClearError() throws Exception {
    Instances iris = TestData.arff("iris.arff");
    assertError(small(0.9), new Instances(iris, 0), "training instances");

    Instances oneClass = new Instances(iris, 0);
    for (int i = 0; i < 50; i++) {
      oneClass.add(iris.instance(i));
    }
    assertError(small(0.9), oneClass, "only one class");

    Instances allMissing = new Instances(iris);
    for (int i = 0; i < allMissing.numInstances(); i++) {
      allMissing.instance(i).setMissing(1);
    }
    assertError(small(0.9), allMissing, "only missing values");

    Instances infinite = new Instances(iris);
    infinite.instance(3).setValue(0, Double.POSITIVE_INFINITY);
    assertError(small(0.9), infinite, "infinite");

    ItopSparseNetwork tooSparse = small(1.0);
    assertError(tooSparse, iris, "sparsity");
    ItopSparseNetwork negative = small(-0.1);
    assertError(negative, iris, "sparsity");
    ItopSparseNetwork noLayers = small(0.5);
    noLayers.setHiddenLayers(" ");
    assertError(noLayers, iris, "hidden-layers");

    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("text", (List<String>) null));
    atts.add(new Attribute("class", List.of("a", "b")));
    Instances strings = new Instances("strings", atts, 2);
    strings.setClassIndex(1);
    DenseInstance x = new DenseInstance(2);
    x.setDataset(strings);
    x.setValue(0, "hello");
    x.setValue(1, "a");
    strings.add(x);
    Exception ex = assertThrows(Exception.class, () -> small(0.5).buildClassifier(strings));
    assertTrue(ex.getMessage().toLowerCase().contains("string"), ex.getMessage());
  }

  @Test
  void interruptLeavesTheClassifierUnbuilt() throws Exception {
    Instances data = TestData.arff("iris.arff");
    ItopSparseNetwork n = small(0.5);
    n.initializeClassifier(data);
    Thread.currentThread().interrupt();
    try {
      assertThrows(InterruptedException.class, n::next);
    } finally {
      Thread.interrupted();
    }
    assertThrows(IllegalStateException.class, () -> n.distributionForInstance(data.instance(0)));
  }

  @Test
  void bothEnginesGiveTheSameModelAndToStringNamesTheOne() throws Exception {
    Instances data = TestData.arff("iris.arff");
    ItopSparseNetwork sparse = small(0.95, 10);
    sparse.buildClassifier(data); // AUTO: 5% of the weights active
    assertTrue(sparse.toString().contains("execution: sparse engine"), sparse.toString());
    assertTrue(sparse.toString().contains("\nsparse products: " + org.overparam.nn.NetworkTrainer.sparseKernels()),
        sparse.toString());
    ItopSparseNetwork dense = small(0.95, 10);
    dense.setSparseExecution(org.overparam.nn.ExecutionMode.DENSE);
    dense.buildClassifier(data);
    assertTrue(dense.toString().contains("execution: dense matrices with 0/1 masks"), dense.toString());
    assertFalse(dense.toString().contains("sparse products"), dense.toString());
    assertArrayEquals(flat(dense.distributionsForInstances(data)), flat(sparse.distributionsForInstances(data)), 1e-4);
    ItopSparseNetwork back = Serialization.roundTrip(sparse);
    assertArrayEquals(flat(sparse.distributionsForInstances(data)), flat(back.distributionsForInstances(data)), 0.0,
        "a model trained on the sparse engine survives serialization");
    ItopSparseNetwork parsed = new ItopSparseNetwork();
    parsed.setOptions(new String[] {"-sparse-execution", "DENSE"});
    assertEquals(org.overparam.nn.ExecutionMode.DENSE, parsed.getSparseExecution());
    assertTrue(Arrays.asList(parsed.getOptions()).contains("DENSE"), "the option round-trips");
    Exception e = assertThrows(Exception.class, () -> parsed.setOptions(new String[] {"-sparse-execution", "CSR"}));
    assertTrue(e.getMessage().contains("sparse-execution"), e.getMessage());
  }

  @Test
  void resumedTrainingContinuesOnTheSparseEngine() throws Exception {
    Instances data = TestData.arff("iris.arff");
    ItopSparseNetwork net = small(0.95, 3);
    net.setResume(true);
    net.buildClassifier(data);
    double[] first = flat(net.distributionsForInstances(data));
    net.buildClassifier(data); // three more epochs from where training stopped
    String s = net.toString();
    assertTrue(s.contains("epochs trained: 6") && s.contains("sparse engine"), s);
    double[] second = flat(net.distributionsForInstances(data));
    assertTrue(!Arrays.equals(first, second) && Arrays.stream(second).allMatch(Double::isFinite));
  }

  @Test
  void anOptionTheOthersMakeIneffectiveIsNamed() throws Exception {
    Instances data = TestData.arff("iris.arff");
    ItopSparseNetwork net = new ItopSparseNetwork();
    net.setOptions(new String[] {"-epochs", "2", "-hidden-layers", "8", "-updater", "ADAM", "-momentum", "0.5",
        "-fix-mask", "-growth", "GRADIENT"});
    net.buildClassifier(data);
    String text = net.toString();
    assertTrue(text.contains("Note: -momentum has no effect with -updater ADAM\n"), text);
    assertTrue(text.contains("Note: -growth has no effect with -fix-mask (the mask never changes)\n"), text);
    ItopSparseNetwork plain = new ItopSparseNetwork();
    plain.setOptions(new String[] {"-epochs", "2", "-hidden-layers", "8"});
    plain.buildClassifier(data);
    assertFalse(plain.toString().contains("Note: -"), plain.toString());
    SopRobustNetwork dense = new SopRobustNetwork(); // SOP's default network is dense
    dense.setOptions(new String[] {"-epochs", "2", "-hidden-layers", "8", "-sparse-execution", "SPARSE", "-ce-only",
        "-lr-u", "5"});
    dense.buildClassifier(data);
    assertTrue(dense.toString().contains("Note: -sparse-execution has no effect on a dense network (-sparsity 0)"),
        dense.toString());
    assertTrue(dense.toString().contains("Note: -lr-u has no effect with -ce-only"), dense.toString());
  }

  @Test
  void theDensityDistributionHasAFlagWekasEvaluationDoesNotTake() throws Exception {
    // "-distribution" is Weka's own evaluation flag: on the command line it never reached the learner
    ItopSparseNetwork net = new ItopSparseNetwork();
    net.setOptions(new String[] {"-density-distribution", "UNIFORM"});
    assertEquals(org.overparam.itop.Distribution.UNIFORM, net.getDistribution());
    assertTrue(String.join(" ", net.getOptions()).contains("-density-distribution UNIFORM"));
    ItopSparseNetwork saved = new ItopSparseNetwork(); // an option string saved with the old flag still reads
    String[] old = {"-distribution", "ER_EPSILON", "-epochs", "3"};
    saved.setOptions(old);
    assertEquals(org.overparam.itop.Distribution.ER_EPSILON, saved.getDistribution());
    assertEquals(3, saved.getEpochs());
    assertTrue(java.util.Arrays.stream(old).allMatch(String::isEmpty), "every option consumed");
  }

  @Test
  void aLoadedModelCannotContinueAndSaysSo() throws Exception {
    // Weka's -l model -continue-iterating: the training state is not saved, and the run used to start afresh quietly
    Instances data = TestData.arff("iris.arff");
    ItopSparseNetwork net = small(0.9, 2);
    net.setResume(true);
    net.buildClassifier(data);
    ItopSparseNetwork loaded = org.overparam.testing.Serialization.roundTrip(net);
    double[] before = flat(loaded.distributionsForInstances(data));
    assertError(loaded, data, "has none (the state is not saved with a model");
    assertArrayEquals(before, flat(loaded.distributionsForInstances(data)), "the loaded model is kept");
    loaded.setResume(false);
    loaded.buildClassifier(data); // training afresh is what it says to do
    assertTrue(loaded.toString().contains("epochs trained: 2"), loaded.toString());
  }

  private static void assertError(ItopSparseNetwork n, Instances data, String fragment) {
    Exception e = assertThrows(Exception.class, () -> n.buildClassifier(data));
    assertTrue(e.getMessage().toLowerCase().contains(fragment.toLowerCase()),
        "expected '" + fragment + "' in: " + e.getMessage());
  }

  private static double[] flat(double[][] a) {
    return Arrays.stream(a).flatMapToDouble(Arrays::stream).toArray();
  }

  @Test
  void aCollapsedRunIsRolledBackAndTheDescriptionSaysSo() throws Exception {
    // lr 2 with Nesterov momentum 0.9 on separable blobs: the loss goes 2.73, 19.0, 29.2 (epochs 1-3)
    Instances data = SyntheticLabels.blobs(90, 3, 4, 2.0, 7);
    String[] options = {"-sparsity", "0", "-hidden-layers", "16", "-epochs", "30", "-batch-size-train", "16",
        "-learning-rate", "2", "-lr-schedule", "CONSTANT"};
    ItopSparseNetwork guarded = new ItopSparseNetwork();
    guarded.setOptions(options.clone());
    guarded.buildClassifier(data);
    assertNotNull(guarded.getCollapse(), guarded.toString());
    assertEquals(3, guarded.getCollapse().epoch());
    assertEquals(1, guarded.getCollapse().restoredEpoch());
    String text = guarded.toString();
    assertTrue(text.contains("WARNING: training collapsed at epoch " + guarded.getCollapse().epoch()), text);
    assertTrue(text.contains("restored the weights of epoch " + guarded.getCollapse().restoredEpoch()), text);
    ItopSparseNetwork again = new ItopSparseNetwork();
    again.setOptions(options.clone());
    again.buildClassifier(data);
    assertEquals(guarded.getCollapse(), again.getCollapse(), "the same seed collapses and restores the same way");
    assertArrayEquals(guarded.getModel().parameters(), again.getModel().parameters(), 0.0);
    ItopSparseNetwork unguarded = new ItopSparseNetwork();
    unguarded.setOptions(new String[] {"-sparsity", "0", "-hidden-layers", "16", "-epochs", "3", "-batch-size-train",
        "16", "-learning-rate", "2", "-lr-schedule", "CONSTANT", "-no-collapse-guard"});
    assertTrue(Utils.joinOptions(unguarded.getOptions()).contains("-no-collapse-guard"));
    unguarded.buildClassifier(data);
    assertEquals(null, unguarded.getCollapse());
    assertFalse(unguarded.toString().contains("WARNING"), unguarded.toString());
  }

  @Test
  void gradientClipIsAnOptionAndChangesTheTrajectory() throws Exception {
    Instances data = SyntheticLabels.blobs(90, 3, 4, 2.0, 7);
    ItopSparseNetwork plain = small(0, 5);
    ItopSparseNetwork clipped = small(0, 5);
    clipped.setOptions(new String[] {"-hidden-layers", "64,64", "-epochs", "5", "-batch-size-train", "16",
        "-sparsity", "0", "-gradient-clip", "0.01"});
    assertEquals(0.01, clipped.getGradientClip(), 0);
    plain.buildClassifier(data);
    clipped.buildClassifier(data);
    assertFalse(Arrays.equals(plain.getModel().parameters(), clipped.getModel().parameters()));
    assertThrows(IllegalArgumentException.class, () -> {
      ItopSparseNetwork bad = small(0, 1);
      bad.setGradientClip(-2);
      bad.buildClassifier(data);
    });
  }
}
