// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.overparam.TestData;

/**
 * A network saved before the options moved out of AbstractNetworkClassifier (into NetworkOptions and
 * SparsityOptions) still loads with its options and predicts as it did. The model file was written
 * by the package at commit 14e0778: an ItopSparseNetwork with the options below, built on
 * {@link #tinyData()}; the expected probabilities are what that version predicted.
 */
class SavedNetworkCompatibilityTest {
  private static final String SAVED_OPTIONS = "-hidden-layers 8 -epochs 3 -sparsity 0.5 -growth GRADIENT "
      + "-prune-rate 0.3 -batch-size-train 16 -lr-schedule CONSTANT -S 7 -batch-size 50";
  private static final double[][] SAVED_PREDICTIONS = {
    {0.565378571685859, 0.4346214283141409},
    {0.5676336357731157, 0.43236636422688435},
    {0.8401391748362731, 0.15986082516372702},
    {0.9954332196987444, 0.00456678030125558},
    {0.8909135158603504, 0.10908648413964964}};

  /** Two Gaussian inputs, class b where their sum is positive (40 rows, java.util.Random seed 3). */
  static Instances tinyData() {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x1"));
    atts.add(new Attribute("x2"));
    atts.add(new Attribute("class", Arrays.asList("a", "b")));
    Instances d = new Instances("tiny", atts, 0);
    d.setClassIndex(2);
    Random r = new Random(3);
    for (int i = 0; i < 40; i++) {
      double x1 = r.nextGaussian();
      double x2 = r.nextGaussian();
      d.add(new DenseInstance(1, new double[] {x1, x2, x1 + x2 > 0 ? 1 : 0}));
    }
    return d;
  }

  @Test
  void aNetworkSavedBeforeTheOptionsMovedKeepsItsOptionsAndPredictions() throws Exception {
    ItopSparseNetwork loaded =
        (ItopSparseNetwork) SerializationHelper.read(TestData.path("models/itop-before-issue15.model"));
    ItopSparseNetwork configured = new ItopSparseNetwork();
    configured.setOptions(Utils.splitOptions(SAVED_OPTIONS));
    // saved before clipping existed: it was trained without, and says so (-gradient-clip 0), not "automatic"
    configured.setGradientClip(0);
    assertEquals(optionSet(configured.getOptions()), optionSet(loaded.getOptions()));
    assertEquals(configured.networkConfig(), loaded.networkConfig());
    assertEquals(configured.itopConfig(), loaded.itopConfig());
    Instances data = tinyData();
    for (int i = 0; i < SAVED_PREDICTIONS.length; i++) {
      // float32 products: OpenBLAS's kernels (chosen by CPU) change the last digits, as in Weka's harness refs
      assertArrayEquals(SAVED_PREDICTIONS[i], loaded.distributionForInstance(data.instance(i)), 1e-6, "row " + i);
    }
  }

  /** Flag-value pairs, ignoring their order (Weka lists each class of the hierarchy in turn). */
  private static Set<String> optionSet(String[] options) {
    Set<String> set = new TreeSet<>();
    List<String> list = Arrays.asList(options);
    for (int i = 0; i < list.size(); i++) {
      boolean hasValue = i + 1 < list.size() && !list.get(i + 1).matches("-[a-zA-Z].*");
      set.add(hasValue ? list.get(i) + " " + list.get(++i) : list.get(i));
    }
    return set;
  }
}
