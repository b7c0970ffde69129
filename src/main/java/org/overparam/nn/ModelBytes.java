// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.overparam.nd4j.Dl4jRuntime;

/** Writes a DL4J network into a Java serialization stream and reads it back (no temp files). */
public final class ModelBytes {
  private ModelBytes() {}

  /** Writes the network's length-prefixed ModelSerializer bytes; -1 for no network. */
  public static void write(ObjectOutputStream out, MultiLayerNetwork net) throws IOException {
    if (net == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = Dl4jRuntime.call(() -> {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      ModelSerializer.writeModel(net, buf, false);
      return buf.toByteArray();
    });
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Reads what {@link #write} wrote; null if no network was written. */
  public static MultiLayerNetwork read(ObjectInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return Dl4jRuntime.call(() -> {
      try {
        return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
      } catch (IOException | RuntimeException e) {
        throw new IOException("could not restore the DL4J network from the serialized model: " + e, e);
      }
    });
  }
}
