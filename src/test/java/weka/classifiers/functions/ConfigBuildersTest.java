// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.overparam.itop.ItopConfig;
import org.overparam.kgd.KgdConfig;
import org.overparam.mindiff.MinDiffConfig;
import org.overparam.nn.NetworkConfig;
import org.overparam.sop.SopConfig;

/**
 * The configuration builders start from the same defaults as the Weka options (one set of
 * constants), copy a configuration exactly, and validate with the messages of the flags.
 */
class ConfigBuildersTest {

  @Test
  void wekaOptionsAtTheirDefaultsBuildTheBuildersDefaults() {
    ItopSparseNetwork itop = new ItopSparseNetwork();
    assertEquals(NetworkConfig.builder().build(), itop.networkConfig());
    assertEquals(ItopConfig.defaults(ItopSparseNetwork.DEFAULT_SPARSITY), itop.itopConfig(),
        "ItopSparseNetwork's own sparsity, the rest ITOP's");
    assertEquals(ItopConfig.builder().build(), new SopRobustNetwork().itopConfig());
    assertEquals(SopConfig.defaults(), new SopRobustNetwork().sopConfig());
    assertEquals(NetworkConfig.builder()
        .hiddenLayers(NetworkConfig.parseLayers("-hidden-layers", SopRobustNetwork.DEFAULT_HIDDEN_LAYERS))
        .batchSize(SopRobustNetwork.NOMINAL_BATCH_SIZE).learningRate(SopRobustNetwork.DEFAULT_LEARNING_RATE)
        .schedule(SopRobustNetwork.DEFAULT_LR_SCHEDULE).l2(SopRobustNetwork.DEFAULT_L2).build(),
        new SopRobustNetwork().networkConfig(), "SOP's own network defaults, the rest NetworkConfig's");
    assertEquals(NetworkConfig.builder().l2(MinDiffNetwork.DEFAULT_L2)
        .validationFraction(MinDiffNetwork.DEFAULT_VALIDATION_FRACTION).build(), new MinDiffNetwork().networkConfig());
    assertEquals(MinDiffConfig.builder().build(), new MinDiffNetwork().minDiffConfig(1, true));
    assertEquals(KgdConfig.defaults(), new OverparameterizedKernelGD().toConfig());
  }

  @Test
  void toBuilderCopiesEveryComponent() {
    NetworkConfig net = NetworkConfig.builder().hiddenLayers(7, 5).epochs(3).batchSize(9).learningRate(0.2)
        .momentum(0.5).l2(0).doublePrecision(true).validationFraction(0.25).patience(4).seed(42).build();
    assertEquals(net, net.toBuilder().build());
    assertEquals(9, net.batchSize());
    assertEquals(16, net.withBatchSize(16).batchSize());
    ItopConfig itop = ItopConfig.builder().sparsity(0.8).pruneRate(0.3).pruneRateMin(0).numTopologyUpdates(7)
        .updateInterval(3).reinitWhenSame(true).maskGradients(false).fixMask(true).build();
    assertEquals(itop, itop.toBuilder().build());
    SopConfig sop = SopConfig.builder().lrU(2).lambdaConsistency(0.9).viewMaskProb(0.2).ceOnly(true).build();
    assertEquals(sop, sop.toBuilder().build());
    MinDiffConfig minDiff = MinDiffConfig.builder().lambda(3).floodLevel(0.1).positiveClass(0).build();
    assertEquals(minDiff, minDiff.toBuilder().build());
    KgdConfig kgd = KgdConfig.builder().depth(2).refit(false).time(5).seed(9).build();
    assertEquals(kgd, kgd.toBuilder().build());
  }

  @Test
  void buildValidatesNamingTheFlag() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetworkConfig.builder().learningRate(0).build());
    assertTrue(e.getMessage().startsWith("-learning-rate"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ItopConfig.builder().pruneRate(0.001).build());
    assertTrue(e.getMessage().startsWith("-prune-rate-min"), e.getMessage());
  }
}
