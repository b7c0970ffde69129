// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.overparam.nd4j.CudaDiagnosis.Cause;

/** Every reason the networks do or do not run on the GPU, decided from stand-in probe results on the CPU. */
class CudaDiagnosisTest {
  private static final String CPU = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
  private static final String GPU = "org.nd4j.linalg.jcublas.JCublasBackend";
  private static final List<String> CUDART_116 = List.of("libcudart.so.11.0", "libcudart.so.11.6.55");

  private static CudaProbe probe(boolean jar, String driver, Integer devices, List<String> cudart, String chosen,
                                 String error) {
    return new CudaProbe(jar, driver, devices, cudart, chosen, error, false, List.of("/usr/local/cuda/lib64"), null);
  }

  private static CudaDiagnosis.Diagnosis explain(CudaProbe p) {
    CudaDiagnosis.Diagnosis d = CudaDiagnosis.explain(p);
    assertTrue(d.text().endsWith("\n"), d.text());
    return d;
  }

  @Test
  void noAddonInstalled() {
    var d = explain(probe(false, null, null, List.of(), CPU, null));
    assertEquals(Cause.NO_CUDA_BACKEND, d.cause());
    assertTrue(d.text().startsWith("Running on the CPU: ND4J's CUDA backend is not installed."), d.text());
    assertTrue(d.text().contains("overparamCUDA") && d.text().contains("CUDA 11.6"), d.text());
  }

  @Test
  void addonOfAnotherVersion() {
    String reason = AddonClassLoader.versionMismatch("0.2.0", "0.1.0");
    assertEquals("the installed overparamCUDA 0.1.0 does not match overparam 0.2.0; install overparamCUDA 0.2.0",
        reason);
    assertNull(AddonClassLoader.versionMismatch("0.2.0", "0.2.0"));
    assertNull(AddonClassLoader.versionMismatch(null, "0.2.0"), "outside Weka nothing to compare");
    var d = explain(new CudaProbe(false, "535.104.05", 1, CUDART_116, CPU, null, false, List.of(), reason));
    assertEquals(Cause.ADDON_VERSION_MISMATCH, d.cause());
    assertTrue(d.text().startsWith("Running on the CPU: " + reason), d.text());
  }

  @Test
  void addonButNoDriver() {
    var d = explain(probe(true, null, 0, List.of(), CPU, "UnsatisfiedLinkError: no jnicudart"));
    assertEquals(Cause.NO_DRIVER, d.cause());
    assertTrue(d.text().contains("no NVIDIA driver is loaded"), d.text());
    assertTrue(d.text().contains("Found: backend " + CPU + "; CUDA backend jars present; driver none"), d.text());
  }

  @Test
  void javaLangClosedToJavaCpp() {
    // JavaCPP 1.5.7's error when the CUDA classes come from another class loader and java.lang is not opened
    String error = "RuntimeException: java.lang.ExceptionInInitializerError: Exception"
        + " java.lang.reflect.InaccessibleObjectException: Unable to make void java.lang.Runtime.loadLibrary0("
        + "java.lang.Class,java.lang.String) accessible: module java.base does not \"opens java.lang\" to unnamed module";
    var d = explain(probe(true, "535.104.05", 1, CUDART_116, CPU, error));
    assertEquals(Cause.JAVA_LANG_CLOSED, d.cause());
    assertTrue(d.text().contains("--add-opens java.base/java.lang=ALL-UNNAMED"), d.text());
    // the same error outranks a missing driver: it must be fixed on any machine
    assertEquals(Cause.JAVA_LANG_CLOSED, explain(probe(true, null, 0, List.of(), CPU, error)).cause());
  }

  @Test
  void driverTooOldForCuda11() {
    var d = explain(probe(true, "418.56", 1, CUDART_116, CPU, "CUDA driver version is insufficient"));
    assertEquals(Cause.DRIVER_TOO_OLD, d.cause());
    assertTrue(d.text().contains("driver 418.56 is too old for CUDA 11.6 (needs >= 510.39.01"), d.text());
  }

  @Test
  void driverWithoutDevice() {
    var d = explain(probe(true, "535.104.05", 0, CUDART_116, CPU, "no CUDA-capable device is detected"));
    assertEquals(Cause.NO_DEVICE, d.cause());
    assertTrue(d.text().contains("reports no GPU") && d.text().contains("CUDA_VISIBLE_DEVICES"), d.text());
  }

  @Test
  void runtimeMissing() {
    var d = explain(probe(true, "535.104.05", 1, List.of(), CPU, "UnsatisfiedLinkError: libcudart.so.11.0"));
    assertEquals(Cause.CUDART_MISSING, d.cause());
    assertTrue(d.text().contains("no CUDA runtime library (libcudart.so.11*) was found"), d.text());
    assertTrue(d.text().contains("LD_LIBRARY_PATH"), d.text());
  }

  @Test
  void runtimeOfAnotherMajorVersion() {
    var d = explain(probe(true, "550.54.14", 1, List.of("libcudart.so.12", "libcudart.so.12.4.99"), CPU, null));
    assertEquals(Cause.CUDART_MISMATCH, d.cause());
    assertTrue(d.text().contains("libcudart.so.12, libcudart.so.12.4.99") && d.text().contains("needs CUDA 11.6"),
        d.text());
  }

  @Test
  void everythingPresentButLoadFailedShowsNd4jsError() {
    String error = "UnsatisfiedLinkError: libcusolver.so.11: cannot open shared object file";
    var d = explain(probe(true, "535.104.05", 2, CUDART_116, CPU, error));
    assertEquals(Cause.LOAD_FAILED, d.cause());
    assertTrue(d.text().contains("ND4J could not load it: " + error), d.text());
    var silent = explain(probe(true, "535.104.05", 2, CUDART_116, CPU, null));
    assertTrue(silent.text().contains("(ND4J gave no message)"), silent.text());
  }

  @Test
  void cpuForcedByPriorityVariables() {
    var p = new CudaProbe(true, "535.104.05", 1, CUDART_116, CPU, null, true, List.of(), null);
    assertEquals(Cause.CPU_FORCED, explain(p).cause());
    assertTrue(CudaProbe.cpuForced(Map.of("BACKEND_PRIORITY_CPU", "200")));
    assertFalse(CudaProbe.cpuForced(Map.of("BACKEND_PRIORITY_CPU", "200", "BACKEND_PRIORITY_GPU", "300")));
    assertFalse(CudaProbe.cpuForced(Map.of()));
  }

  @Test
  void cudaChosen() {
    var d = explain(probe(true, "535.104.05", 1, CUDART_116, GPU, null));
    assertEquals(Cause.CUDA_OK, d.cause());
    assertTrue(d.text().startsWith("Running on the GPU (ND4J's CUDA 11.6 backend)."), d.text());
    assertFalse(d.text().contains("Note: driver"), d.text());
    // an 11.x driver below 11.6's runs through minor-version compatibility: say so, but it is the GPU
    var old = explain(probe(true, "470.82.01", 1, CUDART_116, GPU, null));
    assertEquals(Cause.CUDA_OK, old.cause());
    assertTrue(old.text().contains("Note: driver 470.82.01 is older than 510.39.01"), old.text());
  }

  @Test
  void versionsAndRuntimeNames() {
    assertTrue(CudaDiagnosis.compareVersions("510.39.01", "450.80.02") > 0);
    assertTrue(CudaDiagnosis.compareVersions("450.80.02", "450.80.2") == 0);
    assertTrue(CudaDiagnosis.compareVersions("418.56", "450.80.02") < 0);
    assertTrue(CudaDiagnosis.isCuda11Runtime("libcudart.so.11.0"));
    assertTrue(CudaDiagnosis.isCuda11Runtime("cudart64_110.dll"));
    assertFalse(CudaDiagnosis.isCuda11Runtime("libcudart.so.12"));
    assertFalse(CudaDiagnosis.isCuda11Runtime("libcudart.so.110"));
  }

  @Test
  void parsesTheDriverFileOfProc() {
    String proc = "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\n"
        + "GCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n";
    assertEquals("535.104.05", CudaProbe.parseDriverVersion(proc));
    String open = "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.54.14  Release Build\n";
    assertEquals("550.54.14", CudaProbe.parseDriverVersion(open));
    assertNull(CudaProbe.parseDriverVersion("garbage"));
    assertNull(CudaProbe.parseDriverVersion(null));
  }

  @Test
  void findsRuntimesInLibraryFolders(@TempDir Path tmp) throws Exception {
    Path lib = Files.createDirectories(tmp.resolve("cuda/lib64"));
    Files.createFile(lib.resolve("libcudart.so.11.6.55"));
    Files.createFile(lib.resolve("libcudart.so"));
    Files.createFile(lib.resolve("libcublas.so.11"));
    List<Path> dirs = CudaProbe.libraryDirs(Map.of("LD_LIBRARY_PATH", lib + ":" + tmp.resolve("missing")));
    assertEquals(lib, dirs.get(0));
    assertFalse(dirs.contains(tmp.resolve("missing")));
    assertEquals(List.of("libcudart.so.11.6.55"), CudaProbe.findCudart(List.of(lib)));
    assertEquals(lib, CudaProbe.libraryDirs(Map.of("CUDA_PATH", tmp.resolve("cuda").toString())).get(0));
  }

  @Test
  void rejectsBadProbe() {
    assertThrows(IllegalArgumentException.class, () -> probe(true, "535.1", -1, List.of(), CPU, null));
    assertThrows(NullPointerException.class, () -> probe(true, "535.1", 1, null, CPU, null));
  }

  @Test
  void thisMachineWithoutTheAddonIsExplained() {
    CudaProbe p = BackendReport.probe();
    assertFalse(p.cudaBackendOnClassPath(), "the test class path has no CUDA backend");
    assertEquals(Cause.NO_CUDA_BACKEND, BackendReport.diagnosis().cause());
    assertTrue(BackendReport.diagnosisLine().startsWith("Running on the CPU"), BackendReport.diagnosisLine());
  }
}
