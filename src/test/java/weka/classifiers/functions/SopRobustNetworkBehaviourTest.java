// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.overparam.sop.LabelNoise;
import org.overparam.sop.NoiseReport;
import org.overparam.sop.UvLrScaling;
import org.overparam.testing.Serialization;
import weka.core.Instances;

/** SOP-specific behaviour of the adapter: noise report, determinism, serialization, bad input. */
class SopRobustNetworkBehaviourTest {
  private static Instances clean;
  private static Instances noisy;
  private static Set<Integer> flipped;
  private static SopRobustNetwork trainedOnNoisy;

  /** A small SOP configuration whose u, v can reach O(1) within its 30 epochs. */
  private static SopRobustNetwork small() {
    SopRobustNetwork net = new SopRobustNetwork();
    net.setHiddenLayers("16");
    net.setEpochs(30);
    net.setBatchSizeTrain(32);
    net.setUvInitStd(1e-4);
    net.setDataType(AbstractNetworkClassifier.Precision.DOUBLE);
    return net;
  }

  @BeforeAll
  static void trainOnceOnNoisyData() throws Exception {
    // centres 8·√2 apart with unit spread: linearly separable in practice
    clean = SyntheticLabels.blobs(192, 3, 3, 8.0, 11);
    noisy = new Instances(clean);
    int[] labels = new int[noisy.numInstances()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (int) noisy.instance(i).classValue();
    }
    LabelNoise.Result result = LabelNoise.asymmetric(labels, LabelNoise.pairFlipMap(3), 0.1, new SplittableRandom(3));
    flipped = new HashSet<>();
    for (int i : result.flipped()) {
      noisy.instance(i).setClassValue(result.labels()[i]);
      flipped.add(i);
    }
    trainedOnNoisy = small();
    trainedOnNoisy.buildClassifier(noisy);
  }

  @Test
  void injectedFlipsRankHighest() {
    NoiseReport report = trainedOnNoisy.getNoiseReport();
    assertEquals(noisy.numInstances(), report.size());
    int hits = 0;
    for (NoiseReport.Entry e : report.top(flipped.size())) {
      hits += flipped.contains(e.row()) ? 1 : 0;
    }
    assertTrue(hits >= 0.8 * flipped.size(), hits + " of the top " + flipped.size() + " are injected flips");
    // the suggestion for a flagged flip is its original label
    for (NoiseReport.Entry e : report.top(flipped.size())) {
      if (e.flagged() && flipped.contains(e.row())) {
        assertEquals((int) clean.instance(e.row()).classValue(), e.suggestedLabel());
      }
    }
  }

  /** Noise variables pushed far too hard explain every label away: the description says so. */
  @Test
  void flaggingNearlyEveryLabelIsAWarning() throws Exception {
    SopRobustNetwork net = small();
    net.setOptions(weka.core.Utils.splitOptions("-epochs 3 -lr-u 1e10 -lr-v 1e10 -uv-lr-scaling NONE"));
    net.buildClassifier(clean);
    assertTrue(net.getNoiseReport().numFlagged() >= 0.9 * clean.numInstances(), net.toString());
    assertTrue(net.toString().contains("of the labels flagged: the noise variables have taken over"), net.toString());
    assertFalse(trainedOnNoisy.toString().contains("WARNING"), "a real noise finding is no warning");
  }

  @Test
  void noiseTermsStayNearZeroOnCleanSeparableData() throws Exception {
    SopRobustNetwork net = small();
    net.buildClassifier(clean);
    NoiseReport report = net.getNoiseReport();
    double max = 0;
    for (int i = 0; i < report.size(); i++) {
      max = Math.max(max, report.entry(i).score());
    }
    assertTrue(max < 0.05, "largest ||s_i|| on clean separable data: " + max);
    assertEquals(0, report.numFlagged());
    // no mean over the (no) flagged instances printed as NaN, and no collapse reported for SOP's own loss scale
    String text = net.toString();
    assertTrue(text.contains("mean U (u^2 at the given label): flagged none, unflagged "), text);
    assertFalse(text.contains("NaN"), text);
    assertFalse(text.contains("collapsed"), text);
  }

  @Test
  void sameSeedGivesIdenticalModelAndReport() throws Exception {
    SopRobustNetwork again = small();
    again.buildClassifier(noisy);
    assertArrayEquals(trainedOnNoisy.distributionsForInstances(clean), again.distributionsForInstances(clean));
    assertEquals(trainedOnNoisy.getNoiseReport().top(noisy.numInstances()),
        again.getNoiseReport().top(noisy.numInstances()));
  }

  @Test
  void serializationKeepsPredictionsAndNoiseReport() throws Exception {
    SopRobustNetwork copy = Serialization.roundTrip(trainedOnNoisy);
    assertArrayEquals(trainedOnNoisy.distributionsForInstances(clean), copy.distributionsForInstances(clean));
    assertEquals(trainedOnNoisy.getNoiseReport().top(20), copy.getNoiseReport().top(20));
    assertEquals(trainedOnNoisy.toString(), copy.toString());
  }

  @Test
  void toStringListsTopKAndCsvHasEveryInstance(@TempDir Path dir) throws Exception {
    String text = trainedOnNoisy.toString();
    assertTrue(text.contains("Top 20 instances by noise score"), text);
    Path csv = dir.resolve("report.csv");
    trainedOnNoisy.writeNoiseReport(csv);
    List<String> lines = Files.readAllLines(csv);
    assertEquals("instance,given,suggested,score,flagged", lines.get(0));
    assertEquals(noisy.numInstances() + 1, lines.size());
    NoiseReport.Entry top = trainedOnNoisy.getNoiseReport().top(1).get(0);
    assertTrue(lines.get(1).startsWith((top.row() + 1) + ",c" + top.givenLabel() + ",c" + top.suggestedLabel() + ","));
  }

  @Test
  void reportFileOptionWritesTheReportAndNamesOriginalRows(@TempDir Path dir) throws Exception {
    Instances withMissing = new Instances(noisy, 0, 60);
    withMissing.instance(0).setClassMissing();
    SopRobustNetwork net = new SopRobustNetwork();
    Path csv = dir.resolve("r.csv");
    net.setOptions(new String[] {"-hidden-layers", "8", "-epochs", "2", "-batch-size-train", "32",
        "-noise-report-file", csv.toString()});
    net.buildClassifier(withMissing);
    assertEquals(60, Files.readAllLines(csv).size()); // header + 59 rows with a class
    Set<Integer> rows = new HashSet<>();
    for (NoiseReport.Entry e : net.getNoiseReport().top(59)) {
      rows.add(e.row());
    }
    assertTrue(!rows.contains(0) && rows.contains(59), "rows are positions in the data given to buildClassifier");
  }

  @Test
  void crossValidationFoldsLeaveTheFullDataReportInTheFile(@TempDir Path dir) throws Exception {
    // Weka's command line with -t alone: the printed model on all the data, then ten fold models (copies of the
    // learner with the same options); each fold used to rewrite the file with its own shuffled rows
    Path csv = dir.resolve("suspects.csv");
    String[] options = {"-hidden-layers", "8", "-epochs", "2", "-batch-size-train", "32", "-noise-report-file",
        csv.toString()};
    Instances data = new Instances(noisy, 0, 80);
    SopRobustNetwork net = new SopRobustNetwork();
    net.setOptions(options.clone());
    SopRobustNetwork template = (SopRobustNetwork) weka.classifiers.AbstractClassifier.makeCopy(net);
    net.buildClassifier(data);
    List<String> full = Files.readAllLines(csv);
    assertEquals(81, full.size());
    assertTrue(net.toString().contains("noise report of all 80 instances written to " + csv.toAbsolutePath()),
        net.toString());
    new weka.classifiers.Evaluation(data).crossValidateModel(template, data, 3, new java.util.Random(1));
    assertEquals(full, Files.readAllLines(csv), "the folds rewrote the file");

    Instances cleaned = new Instances(data); // the user's own subset (suspects removed), in its order: rewritten
    cleaned.delete(10);
    cleaned.delete(3);
    SopRobustNetwork again = new SopRobustNetwork();
    again.setOptions(options.clone());
    again.buildClassifier(cleaned);
    assertEquals(79, Files.readAllLines(csv).size());

    Instances other = new Instances(noisy, 80, 40); // not a part of the data that wrote it: rewritten
    SopRobustNetwork third = new SopRobustNetwork();
    third.setOptions(options.clone());
    third.buildClassifier(other);
    assertEquals(41, Files.readAllLines(csv).size());
  }

  @Test
  void ceOnlyTrainsTheSameNetworkAsTheDefaultObjective() throws Exception {
    SopRobustNetwork ce = small();
    ce.setEpochs(2);
    ce.setCeOnly(true);
    ce.buildClassifier(noisy);
    ItopSparseNetwork plain = new ItopSparseNetwork();
    plain.setOptions(new String[] {"-sparsity", "0", "-hidden-layers", "16", "-epochs", "2", "-batch-size-train", "32",
        "-learning-rate", "0.02", "-lr-schedule", "COSINE", "-l2", Double.toString(SopRobustNetwork.DEFAULT_L2),
        "-data-type", "DOUBLE"});
    plain.buildClassifier(noisy);
    assertArrayEquals(plain.distributionsForInstances(clean), ce.distributionsForInstances(clean));
    assertNull(ce.getNoiseReport());
  }

  @Test
  void sparseItopNetworkTrainsWithTheSopObjective() throws Exception {
    SopRobustNetwork net = small();
    net.setEpochs(3);
    net.setSparsity(0.8);
    net.buildClassifier(noisy);
    assertNotNull(net.getItopReport());
    assertNotNull(net.getNoiseReport());
    assertTrue(net.toString().contains("Sparse topology"));
  }

  @Test
  void sopOnTheSparseEngineEqualsSopOnTheDenseEngine() throws Exception {
    double[][][] p = new double[2][][];
    String[] modes = {"SPARSE", "DENSE"};
    for (int m = 0; m < 2; m++) {
      SopRobustNetwork net = small();
      net.setEpochs(3);
      net.setSparsity(0.95);
      net.setDataType(AbstractNetworkClassifier.Precision.FLOAT); // the sparse engine runs in float32
      net.setSparseExecution(org.overparam.nn.ExecutionMode.valueOf(modes[m]));
      net.buildClassifier(noisy);
      assertTrue(net.toString().contains(m == 0 ? "sparse engine" : "dense matrices"), net.toString());
      p[m] = net.distributionsForInstances(clean);
    }
    for (int i = 0; i < p[0].length; i++) {
      assertArrayEquals(p[1][i], p[0][i], 1e-4, "instance " + i);
    }
  }

  @Test
  void numericClassIsRejected() {
    Instances numeric = SyntheticLabels.blobs(40, 2, 2, 3, 1);
    numeric.setClassIndex(0);
    Exception e = assertThrows(Exception.class, () -> small().buildClassifier(numeric));
    assertTrue(e.getMessage().toLowerCase().contains("numeric class"), e.getMessage());
  }

  @Test
  void anExplicitBatchLargerThanTheTrainingSetIsRejected() throws Exception {
    SopRobustNetwork net = new SopRobustNetwork();
    net.setOptions(new String[] {"-batch-size-train", "128", "-epochs", "2"});
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> net.buildClassifier(SyntheticLabels.blobs(50, 2, 2, 3, 1)));
    assertTrue(e.getMessage().contains("-batch-size-train 128") && e.getMessage().contains("0 (automatic)"),
        e.getMessage());
  }

  @Test
  void theAutomaticBatchFitsSmallTrainingSets() throws Exception {
    SopRobustNetwork net = new SopRobustNetwork(); // -batch-size-train 0: 128, or n / 8 (at least 16) below 1,024
    net.setOptions(new String[] {"-epochs", "2"});
    net.buildClassifier(SyntheticLabels.blobs(50, 2, 2, 3, 1));
    assertTrue(net.toString().contains("batch size 16 (automatic)"), net.toString());
    net.buildClassifier(SyntheticLabels.blobs(300, 2, 2, 3, 1));
    assertTrue(net.toString().contains("batch size 38 (automatic)"), net.toString());
    net.buildClassifier(SyntheticLabels.blobs(12, 2, 2, 3, 1));
    assertTrue(net.toString().contains("batch size 12 (automatic)"), net.toString());
  }

  @Test
  void negativeLearningRatesAreRejected() throws Exception {
    SopRobustNetwork net = small();
    net.setLrU(-1);
    Exception e = assertThrows(IllegalArgumentException.class, () -> net.buildClassifier(clean));
    assertTrue(e.getMessage().contains("lr-u"), e.getMessage());
    SopRobustNetwork viaOptions = new SopRobustNetwork(); // the option contract refuses it at once
    e = assertThrows(IllegalArgumentException.class,
        () -> viaOptions.setOptions(new String[] {"-lr-v", "-5", "-batch-size-train", "32"}));
    assertTrue(e.getMessage().contains("-lr-v"), e.getMessage());
  }

  @Test
  void reportFileInAMissingDirectoryIsRejectedBeforeTraining(@TempDir Path dir) {
    SopRobustNetwork net = small();
    net.setNoiseReportFile(dir.resolve("no-such-dir").resolve("r.csv").toFile());
    Exception e = assertThrows(IllegalArgumentException.class, () -> net.buildClassifier(clean));
    assertTrue(e.getMessage().contains("noise-report-file"), e.getMessage());
  }

  @Test
  void anExplicitLrVIsUsedAsGivenAndNamedInTheDescription() throws Exception {
    // The default lr-v 10 rescales to batch 32, 30 epochs as 114, capped at 32/8 = 4; -lr-v 100 used to be
    // rescaled and capped to the same 4, so that the run equalled the default one.
    SopRobustNetwork given = small();
    given.setOptions(new String[] {"-lr-v", "100", "-hidden-layers", "16", "-epochs", "30", "-batch-size-train", "32",
        "-uv-init-std", "1e-4", "-data-type", "DOUBLE"});
    assertEquals(UvLrScaling.MATCH_GROWTH, given.getUvLrScaling());
    given.buildClassifier(noisy);
    assertTrue(given.toString().contains("lr-v 100 (as given)"), given.toString());
    assertTrue(trainedOnNoisy.toString().contains("lr-v 4 (default 10 rescaled by MATCH_GROWTH, capped at "
        + "batch-size-train/8)"), trainedOnNoisy.toString());
    assertFalse(java.util.Arrays.equals(trainedOnNoisy.getModel().parameters(), given.getModel().parameters()),
        "-lr-v 100 must give another model than the default");
  }

  @Test
  void optionFlagsAreUnique() throws Exception {
    String[] flags = weka.overparam.OptionContract.flags(SopRobustNetwork.class);
    assertEquals(flags.length, new HashSet<>(List.of(flags)).size());
  }
}
