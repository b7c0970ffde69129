// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Where each layer's weights and biases sit in the network's flat parameter vector.
 *
 * <p>DL4J stores a dense layer as W [nIn, nOut] in column-major ('f') order followed by b [nOut],
 * so weight (i, o) of layer l is at {@code offset + i + o * nIn}. Every flat per-layer array in
 * this package (masks, copies of weights or gradients) uses that same index.
 */
public record ParameterLayout(List<Segment> weights, long totalLength) {

  /** One weight matrix: its layer, shape and offset in the flat parameter vector. */
  public record Segment(int layer, int nIn, int nOut, long offset) {
    public int length() {
      return nIn * nOut;
    }

    /** Flat index of weight (i, o) within this segment. */
    public int index(int i, int o) {
      return i + o * nIn;
    }
  }

  public ParameterLayout {
    weights = List.copyOf(weights);
  }

  /** The layout of a network of dense layers (as nn.NetworkFactory builds them). */
  public static ParameterLayout of(MultiLayerNetwork net) {
    List<Segment> segs = new ArrayList<>();
    long offset = 0;
    for (int l = 0; l < net.getnLayers(); l++) {
      var layer = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) net.getLayer(l).conf().getLayer();
      int nIn = (int) layer.getNIn();
      int nOut = (int) layer.getNOut();
      segs.add(new Segment(l, nIn, nOut, offset));
      offset += (long) nIn * nOut + nOut;
    }
    return new ParameterLayout(segs, offset);
  }

  /** Shapes [nIn, nOut] of all weight matrices. */
  public int[][] shapes() {
    int[][] s = new int[weights.size()][];
    for (int l = 0; l < s.length; l++) {
      s[l] = new int[] {weights.get(l).nIn(), weights.get(l).nOut()};
    }
    return s;
  }

  /** A flat 0/1 vector that is 1 at weight positions and 0 at biases (for L2 on weights only). */
  public float[] weightIndicator() {
    float[] ind = new float[(int) totalLength];
    for (Segment s : weights) {
      java.util.Arrays.fill(ind, (int) s.offset(), (int) s.offset() + s.length(), 1f);
    }
    return ind;
  }
}
