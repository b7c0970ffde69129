// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A hook's active weights as a 0/1 vector over the flat parameters (1 at every bias), for the
 * engines that multiply by it: the dense engine around every step, both engines once at the start
 * so the network's parameters are zero where inactive.
 */
final class DenseMask {
  private DenseMask() {}

  /** The mask of {@code hook}'s active weights, shaped as {@code params}; null where it masks nothing. */
  static INDArray of(TrainingHook hook, ParameterLayout layout, INDArray params) {
    if (hook == null) {
      return null;
    }
    float[] m = new float[(int) layout.totalLength()];
    Arrays.fill(m, 1f);
    boolean any = false;
    List<ParameterLayout.Segment> segs = layout.weights();
    for (ParameterLayout.Segment s : segs) {
      long[] active = hook.activeWeights(s.layer());
      if (active == null) {
        continue;
      }
      any = true;
      int off = (int) s.offset();
      for (int j = 0; j < s.length(); j++) {
        if (!ActiveBits.get(active, j)) {
          m[off + j] = 0;
        }
      }
    }
    return any ? Nd4j.createFromArray(m).castTo(params.dataType()).reshape(params.shape()) : null;
  }
}
