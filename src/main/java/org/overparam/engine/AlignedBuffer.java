// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Direct buffers for the native kernels: on a 64-byte boundary (a cache line, two AVX2 vectors), native byte order. */
final class AlignedBuffer {
  private AlignedBuffer() {}

  /** A zeroed buffer of exactly {@code floats} floats (under 2 GB). */
  static ByteBuffer floats(long floats) {
    ByteBuffer b = ByteBuffer.allocateDirect((int) (floats * 4) + 64).alignedSlice(64);
    return b.limit((int) (floats * 4)).slice().order(ByteOrder.nativeOrder());
  }
}
