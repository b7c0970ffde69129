// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.overparam.testing.Serialization;
import weka.core.Instances;
import weka.overparam.TestData;

/**
 * {@code -num-threads}: a model depends only on its own count, never on a run with another count before it;
 * the count is recorded and predictions after serialization use it; the sparse engine gives the same weights
 * for any count. The networks are wide enough (256 units, batches of 64) that OpenBLAS splits their products.
 */
class NetworkThreadsTest {
  private static Instances blobs;
  private static Instances adult;

  @BeforeAll
  static void load() throws Exception {
    blobs = SyntheticLabels.blobs(384, 3, 40, 3.0, 5);
    adult = TestData.arff("adult-small-train.arff");
  }

  private static <T extends AbstractNetworkClassifier> T trained(Supplier<T> make, int threads, Instances data)
      throws Exception {
    T net = make.get();
    net.setNumThreads(threads);
    net.buildClassifier(data);
    return net;
  }

  /** Trains with 2 threads, then 1, then 2 again: the two 2-thread models are identical, bit for bit. */
  private static <T extends AbstractNetworkClassifier> void twoThreadsIgnoreWhatRanBefore(Supplier<T> make,
      Instances data) throws Exception {
    T first = trained(make, 2, data);
    T single = trained(make, 1, data);
    T again = trained(make, 2, data);
    double[] a = first.getModel().parameters();
    assertArrayEquals(a, again.getModel().parameters(), 0.0);
    double[] b = single.getModel().parameters();
    for (int i = 0; i < a.length; i++) { // the same training up to float rounding
      assertEquals(a[i], b[i], 1e-2 + 1e-2 * Math.abs(a[i]), "parameter " + i);
    }
    assertEquals(2, first.getModel().threads());
    assertTrue(first.toString().contains("threads: 2\n"), first.toString());
    T copy = Serialization.roundTrip(first);
    assertEquals(2, copy.getModel().threads());
    assertArrayEquals(first.distributionsForInstances(data), copy.distributionsForInstances(data));
  }

  private static ItopSparseNetwork dense() {
    ItopSparseNetwork net = new ItopSparseNetwork();
    net.setSparsity(0);
    net.setHiddenLayers("256,256");
    net.setEpochs(2);
    net.setBatchSizeTrain(64);
    return net;
  }

  @Test
  void denseNetwork() throws Exception {
    twoThreadsIgnoreWhatRanBefore(NetworkThreadsTest::dense, blobs);
  }

  @Test
  void sopNetwork() throws Exception {
    twoThreadsIgnoreWhatRanBefore(() -> {
      SopRobustNetwork net = new SopRobustNetwork();
      net.setHiddenLayers("256,256");
      net.setEpochs(2);
      net.setBatchSizeTrain(64);
      return net;
    }, blobs);
  }

  @Test
  void minDiffNetwork() throws Exception {
    twoThreadsIgnoreWhatRanBefore(() -> {
      MinDiffNetwork net = MinDiffNetworkTest.small("sex", "256,256", 2, 64, 32);
      net.setDataType(AbstractNetworkClassifier.Precision.FLOAT);
      return net;
    }, adult);
  }

  /**
   * The default on a network of a million weights or more: the machine's cores (up to 4), reproducible after a
   * one-thread run, and recorded.
   */
  @Test
  void theDefaultUsesTheCoresForLargeNetworksAndIsReproducible() throws Exception {
    Supplier<ItopSparseNetwork> make = () -> {
      ItopSparseNetwork net = dense();
      net.setHiddenLayers("1024,1024"); // 40·1024 + 1024·1024 + 1024·3 weights: above the automatic threshold
      net.setEpochs(1);
      return net;
    };
    ItopSparseNetwork first = make.get();
    first.buildClassifier(blobs);
    int expected = Math.min(Runtime.getRuntime().availableProcessors(), org.overparam.nd4j.BlasThreads.MAX_AUTO);
    assertEquals(expected, first.getModel().threads());
    trained(make, 1, blobs);
    ItopSparseNetwork again = make.get();
    again.buildClassifier(blobs);
    assertArrayEquals(first.getModel().parameters(), again.getModel().parameters(), 0.0);
    assertTrue(first.toString().contains("threads: " + expected + " (-num-threads 0: chosen by the network's size)"),
        first.toString());
  }

  @Test
  void sparseEngineGivesTheSameWeightsForAnyCount() throws Exception {
    // random growth: RigL's dense gradient is an OpenBLAS product, the sparse kernels are not
    Supplier<ItopSparseNetwork> make = () -> {
      ItopSparseNetwork net = dense();
      net.setSparsity(0.9);
      net.setEpochs(3);
      net.setGrowth(org.overparam.itop.Growth.RANDOM);
      net.setSparseExecution(org.overparam.nn.ExecutionMode.SPARSE);
      return net;
    };
    double[] one = trained(make, 1, blobs).getModel().parameters();
    for (int threads : new int[] {2, 3}) {
      assertArrayEquals(one, trained(make, threads, blobs).getModel().parameters(), 0.0, threads + " threads");
    }
  }

  /**
   * Wide enough (1024 units, batches of 128, half the weights active) that the sparse engine also splits its
   * element-wise passes (activations, L2, the optimiser's update, the clipping's rescaling) between threads, with
   * a clipping norm small enough to rescale every step.
   */
  @Test
  void sparseEngineElementWisePassesGiveTheSameWeightsForAnyCount() throws Exception {
    Supplier<ItopSparseNetwork> make = () -> {
      ItopSparseNetwork net = dense();
      net.setHiddenLayers("1024,1024");
      net.setBatchSizeTrain(128);
      net.setSparsity(0.5);
      net.setEpochs(3);
      net.setGrowth(org.overparam.itop.Growth.RANDOM);
      net.setSparseExecution(org.overparam.nn.ExecutionMode.SPARSE);
      net.setUpdater(org.overparam.nn.UpdaterType.ADAM);
      net.setLearningRate(1e-3);
      net.setL2(1e-4);
      net.setGradientClip(0.05);
      return net;
    };
    double[] one = trained(make, 1, blobs).getModel().parameters();
    for (int threads : new int[] {2, 3}) {
      assertArrayEquals(one, trained(make, threads, blobs).getModel().parameters(), 0.0, threads + " threads");
    }
  }

  @Test
  void automaticIsOneThreadForSmallNetworksAndBadCountsAreClearErrors() throws Exception {
    ItopSparseNetwork small = new ItopSparseNetwork();
    small.setSparsity(0);
    small.setHiddenLayers("16");
    small.setEpochs(1);
    small.buildClassifier(blobs);
    assertEquals(1, small.getModel().threads());
    assertTrue(small.toString().contains("threads: 1 (-num-threads 0: chosen by the network's size)"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ItopSparseNetwork().setOptions(new String[] {"-num-threads", "-2"}));
    assertTrue(e.getMessage().contains("-num-threads must be >= 1, or 0 for automatic"), e.getMessage());
    ItopSparseNetwork bad = new ItopSparseNetwork();
    bad.setNumThreads(-1); // the GUI's setter: refused when training starts
    e = assertThrows(IllegalArgumentException.class, () -> bad.buildClassifier(blobs));
    assertTrue(e.getMessage().contains("got -1"), e.getMessage());
  }
}
