// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.nd4j.linalg.jcublas;

/**
 * A stand-in for ND4J's CUDA backend class, for testing the overparamCUDA add-on without its 600 MB of jars: the
 * build packs this folder as the add-on's lib/ jar (CudaAddonZipCheck), and src/test/scripts/cuda-addon-check.sh
 * compiles it to check, after installing the stand-in add-on with Weka's package manager, that the overparam
 * package sees it (OverparamBackendInfo then reports the CUDA jars as present) and, after uninstalling, does not.
 * It is not an Nd4jBackend and has no service file, so ND4J never selects it.
 */
public class JCublasBackend {
  /**
   * Asked by the backend report for ND4J's reason; a real backend fails here without a GPU. The message names the
   * loader of ND4J's API as this class sees it and this class's own loader: both overparam's, which adopts the
   * add-on's jars (AddonClassLoader.adoptJars), as JavaCPP needs on Java 17.
   */
  public boolean isAvailable() {
    throw new IllegalStateException("stand-in CUDA backend (cuda-addon-check.sh); Nd4jBackend from "
        + org.nd4j.linalg.factory.Nd4jBackend.class.getClassLoader() + "; JCublasBackend from "
        + JCublasBackend.class.getClassLoader());
  }
}
