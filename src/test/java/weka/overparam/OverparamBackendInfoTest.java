// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.overparam.nd4j.BackendReport;

/** Without ND4J's CUDA backend on the class path, ND4J falls back to (and reports) the CPU. */
class OverparamBackendInfoTest {
  @Test
  void fallsBackToCpuWithoutCudaBackend() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.nd4j.linalg.jcublas.JCublasBackend"),
        "this test assumes the CUDA backend is not on the test class path");
    Map<String, String> r = BackendReport.collect();
    assertEquals("CPU", r.get("kind"));
    assertTrue(r.get("backend").contains("CpuBackend"), r.get("backend"));
    assertTrue(r.get("blas").contains("OpenBLAS 0.3.21"), "the OpenBLAS the package ships: " + r.get("blas"));
    String report = OverparamBackendInfo.report();
    assertTrue(report.contains("Running on the CPU: ND4J's CUDA backend is not installed."), report);
    assertTrue(report.contains("CUDA backend jars:") && report.contains("NVIDIA driver:")
        && report.contains("CUDA runtime (libcudart):") && report.contains("needed:"), report);
  }
}
