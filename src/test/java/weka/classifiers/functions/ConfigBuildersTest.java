package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.overparam.itop.ItopConfig;
import org.overparam.nn.NetworkConfig;
import org.junit.jupiter.api.Test;

/**
 * The configuration builders start from the same defaults as the Weka options (one set of
 * constants), copy a configuration exactly, and validate with the messages of the flags.
 */
class ConfigBuildersTest {

  @Test
  void wekaOptionsAtTheirDefaultsBuildTheBuildersDefaults() {
    ItopSparseNetwork itop = new ItopSparseNetwork();
    assertEquals(NetworkConfig.builder().build(), itop.networkConfig());
    assertEquals(ItopConfig.defaults(0.9), itop.itopConfig(), "ItopSparseNetwork's own sparsity, the rest ITOP's");
    assertEquals(ItopConfig.builder().build(), new SopRobustNetwork().itopConfig());
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
