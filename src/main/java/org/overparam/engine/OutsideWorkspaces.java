// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Allocates the engines' buffers that live from step to step outside any ND4J workspace. An array
 * made while a caller has a workspace open is placed in it, and its memory is released or reused
 * when that workspace closes or cycles: a buffer cached here would then be written through raw
 * pointers after its release.
 */
final class OutsideWorkspaces {
  private OutsideWorkspaces() {}

  static <T> T allocate(Supplier<T> allocation) {
    try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return allocation.get();
    }
  }
}
