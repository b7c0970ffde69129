// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.overparam.itop.Growth;
import org.overparam.itop.ItopConfig;
import org.overparam.itop.PruneDecay;
import org.overparam.nn.ExecutionMode;
import org.overparam.nn.LrSchedule;
import org.overparam.nn.NetworkConfig;
import org.overparam.nn.UpdaterType;

/**
 * A serialized stream network carries its whole training state: the copy predicts as the original
 * and, trained on the same instances, stays bit-identical (parameters, optimiser state, masks,
 * standardiser, a half-filled batch and a pending drift boost all survive).
 */
class StreamNetworkSerializationTest {
  private static StreamConfig config(double sparsity, UpdaterType updater, Growth growth, ExecutionMode execution) {
    NetworkConfig net = NetworkConfig.builder().hiddenLayers(24, 16).epochs(1).batchSize(8).updater(updater)
        .learningRate(0.02).l2(1e-4).schedule(LrSchedule.CONSTANT).lrMinFactor(1).patience(1).seed(11).build();
    ItopConfig itop = ItopConfig.builder().sparsity(sparsity).growth(growth).pruneRate(0.3).pruneRateMin(0)
        .pruneDecay(PruneDecay.CONSTANT).numTopologyUpdates(0).minUpdateIntervalEpochs(0).execution(execution)
        .build();
    return new StreamConfig(net, itop, 2, 3, 0.6, 2);
  }

  @ParameterizedTest
  @CsvSource({"0.0, NESTEROVS, RANDOM, AUTO", "0.8, NESTEROVS, GRADIENT, DENSE", "0.8, ADAM, GRADIENT, SPARSE",
      "0.8, SGD, RANDOM, SPARSE", "0.5, ADAM, RANDOM, DENSE"})
  void aCopyPredictsAndLearnsExactlyAsTheOriginal(double sparsity, UpdaterType updater, Growth growth,
      ExecutionMode execution) throws Exception {
    StreamNetwork original = new StreamNetwork(config(sparsity, updater, growth, execution), new int[] {0, 0, 3}, 2);
    SplittableRandom rng = new SplittableRandom(21);
    trainOn(original, rng, 203); // 25 batches and 3 buffered rows
    original.signalDrift(); // a pending drift update and boost must survive too
    StreamNetwork copy = roundTrip(original);

    assertEquals(original.measurements(), copy.measurements());
    assertArrayEquals(original.parameters(), copy.parameters());
    SplittableRandom probes = new SplittableRandom(5);
    for (int i = 0; i < 20; i++) {
      double[] r = StreamNetworkTest.row(probes);
      assertArrayEquals(original.votes(r), copy.votes(r));
    }

    SplittableRandom rngA = new SplittableRandom(99);
    SplittableRandom rngB = new SplittableRandom(99);
    trainOn(original, rngA, 301);
    trainOn(copy, rngB, 301);
    assertTrue(original.topologyUpdates() > (sparsity > 0 ? 10 : -1), "updates: " + original.topologyUpdates());
    assertEquals(original.measurements(), copy.measurements());
    assertArrayEquals(original.parameters(), copy.parameters(), "training continued bit for bit");
  }

  private static void trainOn(StreamNetwork net, SplittableRandom rng, int n) {
    for (int i = 0; i < n; i++) {
      double[] r = StreamNetworkTest.row(rng);
      net.train(r, StreamNetworkTest.label(r), 1 + (i % 3) * 0.5);
    }
  }

  static StreamNetwork roundTrip(StreamNetwork net) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(net);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (StreamNetwork) in.readObject();
    }
  }
}
