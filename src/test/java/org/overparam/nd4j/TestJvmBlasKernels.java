// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nd4j;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses OpenBLAS's kernels ({@link OpenBlasCore}) when a test JVM starts, before any test loads ND4J: the tests
 * then run the kernels a user of the package gets, whichever test touches ND4J first.
 */
public final class TestJvmBlasKernels implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    OpenBlasCore.chooseBeforeLoad();
  }
}
