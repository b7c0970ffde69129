// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Prediction uses the engine's forward pass ({@link org.overparam.engine.Inference}) instead of DL4J's
 * {@code output}: the same outputs as DL4J's for every activation and both precisions, for one row, a block and
 * more rows than a block, before and after serialization.
 */
class NetworkModelInferenceTest {
  private static NetworkModel trained(Activation activation, boolean doublePrecision) throws Exception {
    NetworkConfig cfg = NetworkConfig.builder().hiddenLayers(16, 8).activation(activation).epochs(3).batchSize(16)
        .learningRate(0.05).seed(7).doublePrecision(doublePrecision).build();
    NetworkTrainer t = new NetworkTrainer(cfg, NetworkTrainerTest.blobs(120, 3), new SoftmaxCrossEntropy(), null,
        null, null);
    t.initialize();
    while (t.nextEpoch()) {
      // all epochs
    }
    return t.finish();
  }

  private static float[][] rows(int n) {
    SplittableRandom rng = new SplittableRandom(11);
    float[][] x = new float[n][4];
    for (float[] r : x) {
      for (int j = 0; j < r.length; j++) {
        r[j] = (float) (rng.nextGaussian() * 2);
      }
    }
    return x;
  }

  private static void assertSameOutputs(NetworkModel m, float[][] x, double tolerance) {
    double[][] ours = m.logits(x);
    double[][] dl4j = m.dl4jLogits(x);
    assertEquals(x.length, ours.length);
    for (int r = 0; r < x.length; r++) {
      assertArrayEquals(dl4j[r], ours[r], tolerance * (1 + Math.abs(dl4j[r][0])), "row " + r);
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void floatOutputsEqualDl4jsForEveryActivation(Activation activation) throws Exception {
    NetworkModel m = trained(activation, false);
    for (int n : new int[] {1, 100, 257, 600}) { // one row, a Weka batch, just over a block, several blocks
      assertSameOutputs(m, rows(n), 1e-5);
    }
  }

  @Test
  void doubleOutputsEqualDl4jsToDoubleRounding() throws Exception {
    assertSameOutputs(trained(Activation.TANH, true), rows(300), 1e-12);
  }

  @Test
  void aDeserializedModelPredictsTheSame() throws Exception {
    NetworkModel m = trained(Activation.RELU, false);
    float[][] x = rows(50);
    double[][] before = m.predict(x);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    NetworkModel copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (NetworkModel) in.readObject();
    }
    double[][] after = copy.predict(x);
    for (int r = 0; r < x.length; r++) {
      assertArrayEquals(before[r], after[r], 0.0);
    }
  }
}
